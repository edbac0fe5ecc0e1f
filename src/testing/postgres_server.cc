#include "testing/postgres_server.h"

#include <signal.h>
#include <sys/wait.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>
#include <utility>

#include "testing/server_support.h"
#include "testing/test_util.h"

namespace mailtrail::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::milliseconds kPollInterval(10);
// How long the server may take to start, and to stop before it is killed.
constexpr int kPolls = 1000;  // 10 s

// The newest of Debian's /usr/lib/postgresql/VERSION/bin that holds a server;
// empty when there is none.
fs::path FindBinDir() {
  fs::path newest;
  int newest_version = 0;
  std::error_code ignored;
  for (const fs::directory_entry& entry : fs::directory_iterator("/usr/lib/postgresql", ignored)) {
    const std::string name = entry.path().filename().string();
    int version = 0;
    const auto [stop, error] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (error == std::errc() && stop == name.data() + name.size() && version > newest_version &&
        fs::exists(entry.path() / "bin" / "postgres", ignored)) {
      newest = entry.path() / "bin";
      newest_version = version;
    }
  }
  return newest;
}

// PostgreSQL refuses to run as root.
Account ServerAccount() { return UnprivilegedAccount({"postgres", "nobody"}); }

// How the server and its tools run: in `folder`, as ServerAccount(), output to
// `log`; the server stops at once (SIGQUIT) when the thread that started it ends.
SpawnOptions InFolder(const fs::path& folder, const fs::path& log) {
  return {.folder = folder, .log = log, .account = ServerAccount(), .parent_death_signal = SIGQUIT};
}

// Whether the postmaster `pid` says, in its pid file, that it accepts connections.
bool Ready(const fs::path& pid_file, pid_t pid) {
  std::ifstream in(pid_file);
  std::string line;
  if (!std::getline(in, line) || line != std::to_string(pid)) return false;  // a stale file
  constexpr int kStatusLine = 8;
  for (int number = 2; number <= kStatusLine; ++number) {
    if (!std::getline(in, line)) return false;
  }
  return line.starts_with("ready");
}

std::string QuotedIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string QuotedLiteral(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

PostgresServer::PostgresServer(fs::path bin_dir, fs::path folder)
    : bin_dir_(std::move(bin_dir)), folder_(std::move(folder)) {}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  fs::path bin_dir = FindBinDir();
  if (bin_dir.empty()) {
    return Status::Unavailable("PostgreSQL is not installed (apt-get install postgresql).");
  }
  std::random_device random;
  fs::path folder = fs::temp_directory_path() / ("mailtrail-postgres-" + std::to_string(random()));
  std::error_code error;
  if (!fs::create_directory(folder, error)) {
    return Status::Unavailable("Cannot create " + folder.string() + ": " + error.message());
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer(std::move(bin_dir), std::move(folder)));
  MT_RETURN_IF_ERROR(server->InitializeCluster());
  Status launched;
  // Another program may take the free port before the server binds it.
  for (int attempt = 0; attempt < 3; ++attempt) {
    server->port_ = FreeLoopbackPort();
    launched = server->Launch();
    if (launched.ok()) break;
  }
  MT_RETURN_IF_ERROR(launched);
  MT_RETURN_IF_ERROR(server->CreateDatabase(kDatabase));
  return server;
}

Result<PostgresServer*> PostgresServer::Shared() {
  static const Result<std::unique_ptr<PostgresServer>> server = Start();
  if (!server.ok()) return server.status();
  return server.value().get();
}

PostgresServer::~PostgresServer() {
  (void)Stop();
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::string PostgresServer::Url(std::string_view database, std::string_view user) const {
  return "postgresql://" + std::string(user) + "@127.0.0.1:" + std::to_string(port_) + "/" +
         std::string(database);
}

Status PostgresServer::InitializeCluster() {
  MT_RETURN_IF_ERROR(HandTo(folder_, ServerAccount()));
  const fs::path log = folder_ / "initdb.log";
  if (!Run({(bin_dir_ / "initdb").string(), "--pgdata=" + (folder_ / "data").string(),
            "--username=" + std::string(kUser), "--auth=trust", "--encoding=UTF8", "--locale=C",
            "--no-sync"},
           InFolder(folder_, log))) {
    return Status::Unavailable("initdb failed: " + ReadFile(log));
  }
  const fs::path hba = folder_ / "data" / "pg_hba.conf";
  WriteFile(hba, "host all " + std::string(kUser) +
                     " 127.0.0.1/32 trust\n"
                     "host all all 127.0.0.1/32 scram-sha-256\n");
  return HandTo(hba, ServerAccount());
}

Status PostgresServer::Launch() {
  const pid_t pid =
      Spawn({(bin_dir_ / "postgres").string(), "-D", (folder_ / "data").string(), "-k",
             folder_.string(), "-h", "127.0.0.1", "-p", std::to_string(port_), "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off"},
            InFolder(folder_, folder_ / "postgres.log"));
  if (pid < 0) return Status::Unavailable("Cannot start PostgreSQL.");
  postmaster_pid_ = pid;
  for (int poll = 0; poll < kPolls; ++poll) {
    if (Ready(folder_ / "data" / "postmaster.pid", pid)) return Status::Ok();
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      postmaster_pid_ = 0;
      return Status::Unavailable("PostgreSQL did not start: " + Log());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  (void)Stop();
  return Status::Unavailable("PostgreSQL does not accept connections: " + Log());
}

Status PostgresServer::Stop() {
  if (postmaster_pid_ == 0) return Status::Ok();
  // SIGINT: fast shutdown; the postmaster ends its children before it exits.
  StopProcessGroup(std::exchange(postmaster_pid_, 0), SIGINT, SignalTo::kLeader, kPolls * kPollInterval);
  return Status::Ok();
}

Status PostgresServer::Restart() {
  MT_RETURN_IF_ERROR(Stop());
  return Launch();
}

Status PostgresServer::Sql(const std::string& sql) {
  const fs::path log = folder_ / "psql.log";
  std::error_code ignored;
  fs::remove(log, ignored);
  if (!Run({(bin_dir_ / "psql").string(), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
            "--host=127.0.0.1", "--port=" + std::to_string(port_),
            "--username=" + std::string(kUser), "--dbname=postgres", "--command=" + sql},
           InFolder(folder_, log))) {
    return Status::Unavailable("psql failed: " + ReadFile(log));
  }
  return Status::Ok();
}

Status PostgresServer::CreateDatabase(std::string_view name) {
  return Sql("CREATE DATABASE " + QuotedIdentifier(name) + " TEMPLATE template0");
}

Result<std::string> PostgresServer::CreateFreshDatabase(std::string_view label) {
  const std::string name = std::string(label) + "_" + std::to_string(++fresh_databases_);
  MT_RETURN_IF_ERROR(CreateDatabase(name));
  return Url(name);
}

Status PostgresServer::CreateUser(std::string_view name, std::string_view password) {
  return Sql("CREATE ROLE " + QuotedIdentifier(name) + " LOGIN PASSWORD " +
             QuotedLiteral(password));
}

std::string PostgresServer::Log() const {
  std::error_code ignored;
  const fs::path log = folder_ / "postgres.log";
  return fs::exists(log, ignored) ? ReadFile(log) : std::string();
}

}  // namespace mailtrail::testing
