#include "testing/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>
#include <utility>

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

// Who the server's processes run as: PostgreSQL refuses to run as root.
struct Account {
  bool switch_user = false;  // false: as we are
  uid_t uid = 0;
  gid_t gid = 0;
};

Account ServerAccount() {
  if (::getuid() != 0) return {};
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* entry = ::getpwnam(name)) return {true, entry->pw_uid, entry->pw_gid};
  }
  return {};  // PostgreSQL will say why it does not run
}

// Starts `argv` (argv[0] a full path) in `folder`, as `account`, leader of a new
// process group, with stdin from /dev/null and stdout and stderr appended to `log`.
// It gets SIGQUIT when the calling thread ends. Returns its pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, const fs::path& folder, const fs::path& log,
            const Account& account) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const std::string folder_name = folder.string();
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = log_fd >= 0 && null_fd >= 0 ? ::fork() : -1;
  if (pid == 0) {  // the child: async-signal-safe calls only
    ::setpgid(0, 0);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    if (account.switch_user && (::setgroups(0, nullptr) != 0 || ::setgid(account.gid) != 0 ||
                                ::setuid(account.uid) != 0)) {
      ::_exit(126);
    }
    // After the switch of user, which clears it.
    ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    if (::getppid() != parent) ::_exit(126);  // the parent is gone already
    if (::chdir(folder_name.c_str()) != 0) ::_exit(126);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  if (pid > 0) ::setpgid(pid, pid);  // so that a signal to the group cannot precede it
  if (log_fd >= 0) ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);
  return pid;
}

// Runs `argv` as Spawn does and waits for it; true when it exits with 0.
bool Run(const std::vector<std::string>& argv, const fs::path& folder, const fs::path& log,
         const Account& account) {
  const pid_t pid = Spawn(argv, folder, log, account);
  if (pid < 0) return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
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
  const Account account = ServerAccount();
  if (account.switch_user && ::chown(folder_.c_str(), account.uid, account.gid) != 0) {
    return Status::Unavailable("Cannot hand " + folder_.string() + " to the server's user.");
  }
  const fs::path log = folder_ / "initdb.log";
  if (!Run({(bin_dir_ / "initdb").string(), "--pgdata=" + (folder_ / "data").string(),
            "--username=" + std::string(kUser), "--auth=trust", "--encoding=UTF8", "--locale=C",
            "--no-sync"},
           folder_, log, account)) {
    return Status::Unavailable("initdb failed: " + ReadFile(log));
  }
  const fs::path hba = folder_ / "data" / "pg_hba.conf";
  WriteFile(hba, "host all " + std::string(kUser) +
                     " 127.0.0.1/32 trust\n"
                     "host all all 127.0.0.1/32 scram-sha-256\n");
  if (account.switch_user && ::chown(hba.c_str(), account.uid, account.gid) != 0) {
    return Status::Unavailable("Cannot hand " + hba.string() + " to the server's user.");
  }
  return Status::Ok();
}

Status PostgresServer::Launch() {
  const pid_t pid =
      Spawn({(bin_dir_ / "postgres").string(), "-D", (folder_ / "data").string(), "-k",
             folder_.string(), "-h", "127.0.0.1", "-p", std::to_string(port_), "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off"},
            folder_, folder_ / "postgres.log", ServerAccount());
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
  const pid_t pid = std::exchange(postmaster_pid_, 0);
  ::kill(pid, SIGINT);  // fast shutdown
  int status = 0;
  bool exited = false;
  for (int poll = 0; poll < kPolls && !exited; ++poll) {
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
    if (!exited) std::this_thread::sleep_for(kPollInterval);
  }
  if (!exited) {  // the postmaster ends its children before it exits; here it did not
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
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
           folder_, log, ServerAccount())) {
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
