// The entries page at scale: with N interaction log entries (10 million by
// default) in SQLite and in PostgreSQL, how fast the REST API answers the
// filtered entries page a person opens most: one salesperson, one month, a page
// of 50. The baseline of the same run is the cheapest page there is (the first
// 50 entries, no filter): what HTTP, the token check and JSON cost alone.
// See bench/README.md.
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <random>

#include "db/database.h"
#include "interrupt.h"
#include "process.h"
#include "report.h"
#include "service/users.h"
#include "testing/postgres_server.h"
#include "testing/test_util.h"
#include "web/http_server.h"

namespace mailtrail::bench {
namespace {

struct Options {
  std::string mailtrail;  // accepted as every benchmark is, unused
  std::string output = MAILTRAIL_BENCH_OUTPUT;
  std::int64_t entries = 10'000'000;
  int requests = 1000;
  std::uint64_t seed = 20261201;
};

constexpr int kSalespersons = 50;
constexpr int kContacts = 200;
constexpr int kDays = 6 * 365;  // the entries spread over six years, in order of entry no
constexpr char kPassword[] = "correct horse battery";

// The rows, as one INSERT ... SELECT over numbers 0..N-1 named n: entry n is
// salesperson n % 50's, on day n * kDays / N.
std::string InsertEntries(const std::string& numbers, std::int64_t count, bool sqlite) {
  const std::string contact = sqlite ? "printf('CT%06d', 1 + n % " + std::to_string(kContacts) + ")"
                                     : "'CT' || lpad((1 + n % " + std::to_string(kContacts) + ")::text, 6, '0')";
  const std::string salesperson = sqlite ? "printf('SP%02d', 1 + n % " + std::to_string(kSalespersons) + ")"
                                         : "'SP' || lpad((1 + n % " + std::to_string(kSalespersons) + ")::text, 2, '0')";
  const std::string day = "(n * " + std::to_string(kDays) + " / " + std::to_string(count) + ")";
  const std::string date = sqlite ? "date('2020-01-01', '+' || " + day + " || ' days')"
                                  : "to_char(date '2020-01-01' + " + day + "::int, 'YYYY-MM-DD')";
  return "INSERT INTO interaction_log_entries (contact_no, contact_company_no, contact_alt_address_code,"
         " salesperson_code, interaction_template_code, interaction_group_code, information_flow, initiated_by,"
         " date, time, description, subject, attachment_no, cost, duration_min, email_logged) " +
         numbers + " SELECT " + contact + ", " + contact + ", '', " + salesperson +
         ", 'EMAIL', 'SYSTEM', CASE WHEN n % 2 = 1 THEN 'inbound' ELSE 'outbound' END,"
         " CASE WHEN n % 2 = 1 THEN 'them' ELSE 'us' END, " + date +
         ", '09:00:00', 'Order ' || n, 'Order ' || n, 1, 0, 0, 1 FROM numbers";
}

std::string Directory(bool sqlite) {
  const std::string series = sqlite ? "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " +
                                          std::to_string(kContacts) + ") "
                                    : "WITH c(i) AS (SELECT generate_series(1, " + std::to_string(kContacts) + ")) ";
  const std::string no = sqlite ? "printf('CT%06d', i)" : "'CT' || lpad(i::text, 6, '0')";
  return "INSERT INTO contacts (no, type, name, email, company_no) " + series + "SELECT " + no +
         ", 'company', 'Company ' || i, 'c' || i || '@example.com', " + no + " FROM c;"
         "INSERT INTO attachments (storage_folder, storage_key, uidvalidity, message_id, content_hash, size)"
         " VALUES ('Storage', '1', 0, 'one@example.com', '', 1);";
}

void FillSqlite(const std::string& path, std::int64_t count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  const std::string numbers = "WITH RECURSIVE numbers(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM numbers WHERE n < " +
                              std::to_string(count - 1) + ")";
  const std::string sql = "BEGIN;" + Directory(true) + InsertEntries(numbers, count, true) + "; COMMIT;";
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("filling SQLite: " + message);
}

void FillPostgres(const std::string& url, std::int64_t count) {
  const std::string numbers = "WITH numbers(n) AS (SELECT generate_series(0::bigint, " + std::to_string(count - 1) + "))";
  const std::string sql = Directory(false) + InsertEntries(numbers, count, false);
  // VACUUM as autovacuum would soon after such a load, and a CHECKPOINT, so that
  // neither writes gigabytes while the pages are timed: a database in use is
  // past its bulk load.
  const ProcessResult psql = RunProcess({.argv = {"/usr/bin/psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql,
                                                  "-c", "VACUUM ANALYZE", "-c", "CHECKPOINT"},
                                         .timeout = std::chrono::seconds(1800)});
  if (!psql.ok()) throw std::runtime_error("filling PostgreSQL: " + psql.Failure());
}

struct Latencies {
  std::vector<double> ms;  // sorted
  double Quantile(double q) const {
    if (ms.empty()) return 0;
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  }
};

// Times `requests` GETs of `path(i)`; every answer must be 200 with a full page.
Latencies Time(httplib::Client& client, const httplib::Headers& headers, int requests,
               const std::function<std::string(int)>& path) {
  Latencies latencies;
  for (int i = 0; i < requests; ++i) {
    const auto started = std::chrono::steady_clock::now();
    auto response = client.Get(path(i), headers);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!response || response->status != 200) {
      throw std::runtime_error("GET " + path(i) + " failed: " + (response ? response->body : "no answer"));
    }
    if (response->body.find("\"entries\":[{") == std::string::npos) throw std::runtime_error("empty page: " + path(i));
    latencies.ms.push_back(ms);
    ThrowIfInterrupted();
  }
  std::sort(latencies.ms.begin(), latencies.ms.end());
  return latencies;
}

std::vector<std::string> Measure(const std::string& name, const std::string& url, const Options& options) {
  auto db = db::OpenDatabase(url);
  if (!db.ok() || !(*db)->Initialize().ok()) throw std::runtime_error("cannot initialize " + url);
  if (!service::AddUser(**db, "bench", kPassword, domain::PermissionSet::kBasic).ok()) {
    throw std::runtime_error("cannot add the user");
  }
  const std::string token = *service::IssueApiToken(**db, "bench", "bench");
  web::ApiOptions api;
  api.open_database = [url] { return db::OpenDatabase(url); };
  auto server = web::HttpServer::Start("127.0.0.1", 0, std::move(api));
  if (!server.ok()) throw std::runtime_error(server.status().message());
  httplib::Client client("127.0.0.1", (*server)->port());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  std::mt19937_64 random(options.seed);
  std::vector<std::string> filtered_paths;
  for (int i = 0; i < options.requests; ++i) {
    const int month = static_cast<int>(random() % 72);  // six years
    const int year = 2020 + month / 12;
    char path[160];
    std::snprintf(path, sizeof path, "/api/v1/entries?salesperson=SP%02d&from=%d-%02d-01&to=%d-%02d-31&limit=50",
                  static_cast<int>(1 + random() % kSalespersons), year, 1 + month % 12, year, 1 + month % 12);
    filtered_paths.emplace_back(path);
  }
  Progress(name + ": timing " + std::to_string(options.requests) + " pages of each kind");
  Time(client, headers, 50, [](int) { return std::string("/api/v1/entries?limit=50"); });  // warm up
  const Latencies baseline =
      Time(client, headers, options.requests, [](int) { return std::string("/api/v1/entries?limit=50"); });
  const Latencies filtered =
      Time(client, headers, options.requests, [&filtered_paths](int i) { return filtered_paths[i]; });
  const double p99 = filtered.Quantile(0.99);
  return {name,
          FormatNumber("%.2f", filtered.Quantile(0.5)),
          FormatNumber("%.2f", p99),
          FormatNumber("%.2f", filtered.ms.back()),
          FormatNumber("%.2f", baseline.Quantile(0.5)),
          FormatNumber("%.2f", baseline.Quantile(0.99)),
          FormatNumber("%.1f×", p99 / std::max(baseline.Quantile(0.99), 1e-9)),
          p99 < 20 ? "met" : "not met"};
}

int Run(const Options& options) {
  std::vector<std::vector<std::string>> rows;
  testing::TempDir workspace;
  const std::string sqlite_path = (workspace.path() / "entries.db").string();
  Progress("SQLite: writing " + Thousands(options.entries) + " entries");
  {
    auto db = db::OpenDatabase("sqlite://" + sqlite_path);
    if (!db.ok() || !(*db)->Initialize().ok()) throw std::runtime_error("cannot initialize SQLite");
  }
  FillSqlite(sqlite_path, options.entries);
  rows.push_back(Measure("SQLite", "sqlite://" + sqlite_path, options));

  Progress("PostgreSQL: starting the server");
  auto server = testing::PostgresServer::Shared();
  if (!server.ok()) throw std::runtime_error(server.status().message());
  auto url = (*server)->CreateFreshDatabase("entries_bench");
  if (!url.ok()) throw std::runtime_error(url.status().message());
  {
    auto db = db::OpenDatabase(*url);
    if (!db.ok() || !(*db)->Initialize().ok()) throw std::runtime_error("cannot initialize PostgreSQL");
  }
  Progress("PostgreSQL: writing " + Thousands(options.entries) + " entries");
  FillPostgres(*url, options.entries);
  rows.push_back(Measure("PostgreSQL", *url, options));

  const std::string table = MarkdownTable(
      {"database", "filtered page: median ms", "p99 ms", "max ms", "first page: median ms", "p99 ms",
       "p99 ratio vs first page", "goal p99 < 20 ms"},
      rows);
  PublishSection(options.output,
                 MarkdownSection("Entries page with " + Thousands(options.entries) + " entries (REST API)",
                                 MachineLine("SQLite " + std::string(sqlite3_libversion())), table,
                                 {"- Filtered page: `GET /api/v1/entries?salesperson=SPnn&from=…&to=…&limit=50`, one "
                                  "of 50 salespersons and one of 72 months at random (about " +
                                      Thousands(options.entries / kSalespersons / 72) +
                                      " entries match), " + std::to_string(options.requests) +
                                      " requests one after the other on one keep-alive connection, with a bearer "
                                      "token; wall clock from sending to the whole answer.",
                                  "- First page: `GET /api/v1/entries?limit=50`, no filter: the floor of HTTP, the "
                                  "token check and JSON on the same server, measured in the same run.",
                                  "- The entries are written with one INSERT … SELECT, as if logged over six years "
                                  "in order; the server is `mailtrail`'s own HTTP server in this process."}));
  return 0;  // a run that measured is valid, whether or not it met the goal
}

}  // namespace
}  // namespace mailtrail::bench

int main(int argc, char** argv) {
  using mailtrail::bench::Options;
  Options options;
  CLI::App app("Entries page benchmark: the filtered REST API page with millions of entries, SQLite and PostgreSQL");
  app.add_option("--mailtrail", options.mailtrail, "Accepted as by every benchmark; not used");
  app.add_option("--output", options.output, "Markdown file the results section is appended to")->capture_default_str();
  app.add_option("--entries", options.entries, "Entries in each database")
      ->capture_default_str()
      ->check(CLI::Range(static_cast<std::int64_t>(100000), static_cast<std::int64_t>(100'000'000)));
  app.add_option("--requests", options.requests, "Pages timed of each kind")->capture_default_str()->check(CLI::Range(10, 100000));
  app.add_option("--seed", options.seed, "Seed of the salespersons and months asked for")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  options.output = std::filesystem::absolute(options.output).string();
  return mailtrail::bench::RunBenchmark("entries_bench", "PostgreSQL stopped and temporary folders removed",
                                        [&options] { return mailtrail::bench::Run(options); });
}
