// The IMAP benchmark: one email logging pass of `mailtrail log-email` over a queue
// of 5,000 messages in a local Dovecot, against baselines measured in the same
// run on identical queues: a per-message client on Python's imaplib, the bulk
// IMAP commands of a pass alone (on one connection, and on two at once), and
// Dovecot's server-side `doveadm move`. Prints
// a Markdown section and appends it to the results file. Exit status: 0 when every contestant that ran gave a valid result.
// See bench/README.md.
#include <CLI/CLI.hpp>
#include <chrono>

#include "baselines.h"
#include "corpus/directory.h"
#include "corpus/messages.h"
#include "dovecot_admin.h"
#include "imap_notes.h"
#include "interrupt.h"
#include "mailtrail_contestant.h"
#include "queue_seeder.h"
#include "random.h"
#include "report.h"
#include "testing/dovecot_server.h"
#include "testing/test_util.h"

namespace mailtrail::bench {
namespace {

struct Options {
  std::string mailtrail = MAILTRAIL_BENCH_MAILTRAIL;
  // Debian's interpreter, not whatever python3 comes first on PATH: the baseline is
  // what a stock system runs.
  std::string python = "/usr/bin/python3";
  std::string baseline = MAILTRAIL_BENCH_SOURCE_DIR "/baseline_imaplib.py";
  std::string bulk_baseline = MAILTRAIL_BENCH_SOURCE_DIR "/baseline_bulk_imap.py";
  std::string output = MAILTRAIL_BENCH_OUTPUT;
  std::size_t messages = 5000;
  std::uint64_t seed = 20260105;
  int timeout_seconds = 300;
};

constexpr char kPassword[] = "secret";
// One Dovecot user per contestant, so each starts from its own identical queue.
constexpr char kMailtrailUser[] = "mailtrail";
constexpr char kImaplibUser[] = "imaplib";
constexpr char kBulkUser[] = "bulk";
constexpr char kParallelBulkUser[] = "bulk2";
constexpr char kDoveadmUser[] = "doveadm";

int Run(const Options& options) {
  const std::chrono::seconds timeout(options.timeout_seconds);
  Random random(options.seed);
  const Directory directory = MakeDirectory(random, {});
  testing::TempDir workspace;  // databases and the directory JSON; removed on the way out
  const std::filesystem::path directory_json = workspace.path() / "directory.json";
  testing::WriteFile(directory_json, DirectoryJson(directory));

  Progress("starting Dovecot");
  testing::DovecotServer::Options dovecot_options;
  dovecot_options.users = {{kMailtrailUser, kPassword}, {kImaplibUser, kPassword}, {kBulkUser, kPassword},
                           {kParallelBulkUser, kPassword}, {kDoveadmUser, kPassword}};
  auto started = testing::DovecotServer::Start(dovecot_options);
  if (!started.ok()) throw std::runtime_error(started.status().message());
  testing::DovecotServer& server = **started;
  const DovecotAdmin admin(server);
  const ServerCpu server_cpu(admin.config());
  const Arena arena{
      .admin = &admin,
      .server_cpu = &server_cpu,
      .count = [&admin](const std::string& user, const std::string& folder) {
        return admin.MessageCount(user, folder);
      },
      .queue_size = static_cast<std::int64_t>(options.messages)};

  Progress("seeding " + Thousands(arena.queue_size) + " messages into the queue of each contestant");
  QueueSeeder seeder(server, admin, {kMailtrailUser, kImaplibUser, kBulkUser, kParallelBulkUser, kDoveadmUser},
                     arena.queue_folder, arena.storage_folder);
  Corpus corpus(directory, options.seed);
  for (std::size_t i = 0; i < options.messages; ++i) {
    seeder.Add(corpus.Next());
    if (i % 256 == 0) ThrowIfInterrupted();
  }
  seeder.Finish();

  std::vector<Measurement> rows;
  const MailtrailRun mailtrail{.contestant = "mailtrail log-email (IMAP)",
                               .binary = options.mailtrail,
                               .workspace = workspace.path(),
                               .owner = kMailtrailUser,
                               .password = kPassword,
                               .timeout = timeout};
  Progress("registering " + std::to_string(directory.salespersons.size()) + " salespersons and " +
           std::to_string(directory.contacts.size()) + " contacts with mailtrail");
  rows.push_back(MailtrailRow(mailtrail, ImapStoreSetup(server, kMailtrailUser), arena, directory));
  ThrowIfInterrupted();
  Progress("timing the imaplib baseline");
  rows.push_back(MeasurePythonClient(
      {.contestant = "Python imaplib, per message",
       .python = options.python,
       .script = options.baseline,
       .arguments = {"--directory", directory_json.string(), "--database",
                     (workspace.path() / "imaplib.sqlite").string()},
       .workspace = workspace.path(),
       .reports_counts = true,
       .owner = kImaplibUser,
       .password = kPassword,
       .timeout = timeout},
      server, arena));
  ThrowIfInterrupted();
  // The protocol's floor, on one connection and on two at once.
  for (const auto& [connections, user] : {std::pair{1, kBulkUser}, std::pair{2, kParallelBulkUser}}) {
    const std::string spread = connections == 1 ? "" : ", " + std::to_string(connections) + " connections";
    Progress("timing the bulk IMAP commands alone" + spread);
    rows.push_back(MeasurePythonClient({.contestant = "bulk IMAP commands, no logic" + spread,
                                        .python = options.python,
                                        .script = options.bulk_baseline,
                                        .arguments = {"--connections", std::to_string(connections)},
                                        .workspace = workspace.path(),
                                        .owner = user,
                                        .password = kPassword,
                                        .timeout = timeout},
                                       server, arena));
    ThrowIfInterrupted();
  }
  Progress("timing doveadm move");
  rows.push_back(MeasureDoveadmMove(kDoveadmUser, arena, timeout));

  Report report{
      .title = "IMAP: one pass over " + Thousands(arena.queue_size) + " queued messages (local Dovecot)",
      .machine = MachineLine("Dovecot " + DovecotAdmin::Version() + "; " + PythonVersion(options.python)),
      .rows = rows,
  };
  const Measurement& mailtrail_row = report.rows[0];
  const Measurement& imaplib_row = report.rows[1];
  const Measurement& bulk_row = report.rows[2];
  const Measurement& parallel_bulk_row = report.rows[3];
  const Measurement& move_row = report.rows[4];
  report.ratios = {{"ratio vs imaplib", &imaplib_row}, {"ratio vs doveadm move", &move_row}};
  report.rss_floor_mb = OwnPeakRssMb();
  report.notes = ImapNotes(report, corpus.counts(), seeder.bytes(), options.seed);
  report.notes.push_back(ImapGoalLine(mailtrail_row, imaplib_row, move_row));
  for (std::string line : {ProtocolFloorLine(mailtrail_row, bulk_row, move_row),
                           ParallelFloorLine(parallel_bulk_row, imaplib_row)}) {
    if (!line.empty()) report.notes.push_back(std::move(line));
  }
  PublishSection(options.output, RenderMarkdown(report));

  return ExitStatus(report);
}

}  // namespace
}  // namespace mailtrail::bench

int main(int argc, char** argv) {
  using mailtrail::bench::Options;
  Options options;
  CLI::App app("IMAP benchmark: mailtrail log-email against a per-message imaplib client and doveadm move");
  app.add_option("--mailtrail", options.mailtrail, "The mailtrail binary")->capture_default_str();
  app.add_option("--python", options.python, "Python 3 for the imaplib baseline")->capture_default_str();
  app.add_option("--baseline", options.baseline, "The imaplib baseline script")->capture_default_str();
  app.add_option("--bulk-baseline", options.bulk_baseline, "The bulk IMAP commands script")->capture_default_str();
  app.add_option("--output", options.output, "Markdown file the results section is appended to")->capture_default_str();
  app.add_option("--messages", options.messages, "Messages in the queue")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  app.add_option("--seed", options.seed, "Seed of the corpus")->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds, "Seconds each contestant may take")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  // The children run in other working folders.
  for (std::string* path :
       {&options.mailtrail, &options.python, &options.baseline, &options.bulk_baseline, &options.output}) {
    *path = std::filesystem::absolute(*path).string();
  }
  return mailtrail::bench::RunBenchmark("imap_bench", "Dovecot stopped and temporary folders removed",
                                        [&options] { return mailtrail::bench::Run(options); });
}
