#include "testing/cyrus_server.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include "testing/test_util.h"

namespace mailtrail::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMaster = "/usr/lib/cyrus/bin/master";
constexpr const char* kSaslPasswd = "/usr/sbin/saslpasswd2";
// imapd and idled: from the cyrus-imapd package where it is installed, else where
// scripts/install-deps.sh unpacks it (the package conflicts with dovecot-imapd).
constexpr const char* kInstalledPrograms = "/usr/lib/cyrus/bin";
constexpr const char* kUnpackedPrograms = "/usr/local/lib/mailtrail-test/cyrus-imapd/usr/lib/cyrus/bin";

fs::path ImapdPrograms() {
  return fs::exists(fs::path(kInstalledPrograms) / "imapd") ? fs::path(kInstalledPrograms)
                                                            : fs::path(kUnpackedPrograms);
}
constexpr std::chrono::milliseconds kPollInterval(25);
// How long the server may take to start (it recovers its databases first), and
// to stop before it is killed.
constexpr std::chrono::seconds kStartTimeout(20);
constexpr std::chrono::seconds kStopGrace(5);

}  // namespace

CyrusServer::CyrusServer(fs::path dir, Account account)
    : dir_(std::move(dir)), account_(std::move(account)), server_name_(dir_.filename().string()) {}

Result<std::unique_ptr<CyrusServer>> CyrusServer::Start(Options options) {
  if (!fs::exists(kMaster) || !fs::exists(kSaslPasswd) || !fs::exists(ImapdPrograms() / "imapd")) {
    return Status::Unavailable("Cyrus IMAP is not installed (scripts/install-deps.sh installs it).");
  }
  std::random_device random;
  fs::path dir = fs::temp_directory_path() / ("mailtrail-cyrus-" + std::to_string(random()));
  std::error_code error;
  if (!fs::create_directory(dir, error)) {
    return Status::Unavailable("Cannot create " + dir.string() + ": " + error.message());
  }
  // Unprivileged, and owning its folder; Cyrus's programs check that they run as
  // the cyrus_user imapd.conf names.
  std::unique_ptr<CyrusServer> server(new CyrusServer(std::move(dir), UnprivilegedAccount({"cyrus", "nobody"})));
  MT_RETURN_IF_ERROR(server->WriteServerFiles(options));
  for (const User& user : options.users) MT_RETURN_IF_ERROR(server->AddUser(user));
  Status launched;
  // Another process (a test running in parallel) may take the port between
  // FreeLoopbackPort and Cyrus's bind: then try another.
  for (int attempt = 0; attempt < 3; ++attempt) {
    server->imap_port_ = FreeLoopbackPort();
    server->WriteServices();
    launched = server->Launch();
    if (launched.ok()) return server;
  }
  return launched;
}

CyrusServer::~CyrusServer() {
  Stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string CyrusServer::Url(const std::string& user) const {
  return "imap://" + user + "@127.0.0.1:" + std::to_string(imap_port_);
}

Status CyrusServer::WriteServerFiles(const Options& options) {
  const std::string d = dir_.string();
  // Its sockets, locks and process table go under configdirectory by default;
  // imapd binds its end of idled's socket there whatever idlesocket says.
  for (const char* folder : {"conf/db", "conf/socket", "spool"}) fs::create_directories(dir_ / folder);
  MT_RETURN_IF_ERROR(MakeTestCertificates(dir_));
  std::ostringstream conf;
  conf << "configdirectory: " << d << "/conf\n"
       << "defaultpartition: default\npartition-default: " << d << "/spool\n"
       << "servername: " << server_name_ << "\n"
       << "cyrus_user: " << account_.name << "\n"
       << "unixhierarchysep: no\naltnamespace: " << (options.alt_namespace ? "yes" : "no") << "\n"
       // Users log in with a password from the sasldb below; no saslauthd.
       << "allowplaintext: yes\nsasl_mech_list: PLAIN LOGIN\n"
       << "failedloginpause: 0\n"  // a refused login answers at once
       << "sasl_pwcheck_method: auxprop\nsasl_auxprop_plugin: sasldb\nsasl_sasldb_path: " << d << "/sasldb2\n"
       // A user's INBOX is made when the user first logs in, with no quota.
       << "autocreate_quota: 0\n"
       << "tls_server_cert: " << d << "/server.pem\ntls_server_key: " << d << "/server.key\n";
  WriteFile(dir_ / "imapd.conf", conf.str());
  // The server's processes write in all of it, and read the private key.
  MT_RETURN_IF_ERROR(HandTo(dir_, account_));
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir_)) {
    MT_RETURN_IF_ERROR(HandTo(entry.path(), account_));
  }
  return Status::Ok();
}

void CyrusServer::WriteServices() {
  const std::string conf = (dir_ / "imapd.conf").string();
  // Each command is told the configuration; else it reads the system's. idled
  // tells an IDLE session of new mail at once; without it imapd looks only every
  // imapidlepoll (60 s).
  const fs::path programs = ImapdPrograms();
  std::ostringstream services;
  services << "START {\n  recover cmd=\"ctl_cyrusdb -C " << conf << " -r\"\n}\n"
           << "SERVICES {\n  imap cmd=\"" << (programs / "imapd").string() << " -C " << conf
           << "\" listen=\"127.0.0.1:" << imap_port_ << "\" prefork=0\n}\n"
           << "EVENTS {\n}\n"
           << "DAEMON {\n  idled cmd=\"" << (programs / "idled").string() << " -C " << conf << "\"\n}\n";
  WriteFile(dir_ / "cyrus.conf", services.str());
}

Status CyrusServer::AddUser(const User& user) {
  const fs::path password = dir_ / "password";
  const fs::path log = dir_ / "saslpasswd2.log";
  WriteFile(password, user.password);
  const bool added = Run({kSaslPasswd, "-f", (dir_ / "sasldb2").string(), "-u", server_name_, "-c", "-p", user.name},
                         {.folder = dir_, .input = password, .log = log, .account = account_});
  std::error_code ignored;
  fs::remove(password, ignored);
  if (!added) return Status::Unavailable("saslpasswd2 failed: " + ReadFile(log));
  return Status::Ok();
}

Status CyrusServer::Launch() {
  // In the foreground (-D), with its stderr in our log: syslog is all it has else.
  const pid_t pid = Spawn({kMaster, "-D", "-C", (dir_ / "imapd.conf").string(), "-M", (dir_ / "cyrus.conf").string(),
                           "-p", (dir_ / "master.pid").string()},
                          {.folder = dir_, .log = dir_ / "master.log", .account = account_,
                           .parent_death_signal = SIGTERM});
  if (pid < 0) return Status::Unavailable("Cannot start Cyrus.");
  master_pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string greeting = FirstLineFrom(imap_port_);
    if (greeting.find(" " + server_name_ + " Cyrus IMAP ") != std::string::npos) return Status::Ok();
    if (!greeting.empty()) break;  // another server answers: it took the port first
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      master_pid_ = 0;
      return Status::Unavailable("Cyrus did not start: " + Log());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  Stop();
  return Status::Unavailable("Cyrus does not accept connections on port " + std::to_string(imap_port_) + ": " + Log());
}

void CyrusServer::Stop() {
  if (master_pid_ == 0) return;
  // The master ends its services on SIGTERM, at once.
  StopProcessGroup(std::exchange(master_pid_, 0), SIGTERM, SignalTo::kLeader, kStopGrace);
}

std::string CyrusServer::Log() const {
  std::error_code error;
  return fs::exists(dir_ / "master.log", error) ? ReadFile(dir_ / "master.log") : std::string();
}

}  // namespace mailtrail::testing
