#include "testing/dovecot_server.h"

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include "testing/server_support.h"
#include "testing/test_util.h"

namespace mailtrail::testing {
namespace {

namespace fs = std::filesystem;

// Runs a shell command line; its output goes to `log`. Returns its exit status.
int RunShell(const std::string& command, const fs::path& log, const std::string& input) {
  const std::string line = "(" + command + ") >>'" + log.string() + "' 2>&1";
  FILE* pipe = ::popen(line.c_str(), "w");
  if (pipe == nullptr) return -1;
  if (!input.empty()) std::fwrite(input.data(), 1, input.size(), pipe);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string Base64(std::string_view bytes, int variant) {
  std::string text(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  ::sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
  text.resize(text.find('\0'));
  return text;
}

std::string Base64Url(std::string_view bytes) { return Base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING); }

// The key the server checks XOAUTH2 tokens (HS256 JWTs) with.
fs::path JwtKeyFile(const fs::path& dir) { return dir / "jwt.key"; }

}  // namespace

DovecotServer::DovecotServer(fs::path dir, Options options) : dir_(std::move(dir)), options_(std::move(options)) {}

Result<std::unique_ptr<DovecotServer>> DovecotServer::Start(Options options) {
  if (!fs::exists("/usr/sbin/dovecot")) {
    return Status::Unavailable("Dovecot is not installed (apt-get install dovecot-imapd).");
  }
  std::random_device random;
  fs::path dir = fs::temp_directory_path() / ("mailtrail-dovecot-" + std::to_string(random()));
  fs::create_directories(dir);
  // Dovecot's unprivileged processes must reach the configuration and the mail.
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  std::unique_ptr<DovecotServer> server(new DovecotServer(dir, std::move(options)));
  MT_RETURN_IF_ERROR(server->WriteAccountsAndKeys());
  for (int attempt = 1;; ++attempt) {
    server->imap_port_ = FreeLoopbackPort();
    server->imaps_port_ = FreeLoopbackPort();
    server->WriteConfiguration();
    Status launched = server->Launch();
    // Another process (a test running in parallel) may take a port between
    // FreePort and Dovecot's bind: then try other ports.
    if (launched.ok()) return server;
    if (attempt == 5 || launched.message().find("Address already in use") == std::string::npos) return launched;
  }
}

DovecotServer::~DovecotServer() {
  (void)Stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string DovecotServer::Url(const std::string& user, bool implicit_tls) const {
  return std::string(implicit_tls ? "imaps://" : "imap://") + user + "@127.0.0.1:" +
         std::to_string(implicit_tls ? imaps_port_ : imap_port_);
}

Status DovecotServer::WriteAccountsAndKeys() {
  const std::string d = dir_.string();
  MT_RETURN_IF_ERROR(MakeTestCertificates(dir_));

  std::ostringstream users;
  for (const User& user : options_.users) {
    users << user.name << ":{PLAIN}" << user.password << "::::::\n";
    MT_RETURN_IF_ERROR(MakeHome(user.name));
  }
  WriteFile(dir_ / "users", users.str());

  if (options_.enable_xoauth2) {
    // Tokens are JWTs signed with an HS256 key of this server; Dovecot checks them
    // itself (introspection_mode = local) and takes the user from "sub".
    std::string key(32, '\0');
    ::randombytes_buf(key.data(), key.size());
    WriteFile(JwtKeyFile(dir_), key);
    WriteFile(dir_ / "keys" / "default" / "HS256" / "default", Base64(key, sodium_base64_VARIANT_ORIGINAL));
    WriteFile(dir_ / "oauth2.conf", "introspection_mode = local\nlocal_validation_key_dict = fs:posix:prefix=" + d +
                                        "/keys/\nusername_attribute = sub\n");
  }
  return Status::Ok();
}

void DovecotServer::WriteConfiguration() {
  const std::string d = dir_.string();
  const bool root = ::getuid() == 0;
  const std::string mail_user = UnprivilegedAccount({"nobody"}).name;
  std::ostringstream conf;
  conf << "base_dir = " << d << "/run\n"
       << "state_dir = " << d << "/state\n"
       << "log_path = " << d << "/dovecot.log\n"
       << "protocols = imap\n"
       << "listen = 127.0.0.1\n"
       << "ssl = yes\nssl_cert = <" << d << "/server.pem\nssl_key = <" << d << "/server.key\n"
       << "disable_plaintext_auth = no\n"
       << "auth_failure_delay = 0\n"  // a refused login answers at once
       << "auth_mechanisms = plain login" << (options_.enable_xoauth2 ? " xoauth2" : "") << "\n"
       << "mail_location = maildir:~/Maildir\n"
       << "mail_uid = " << mail_user << "\nmail_gid = " << (root ? "nogroup" : mail_user) << "\n"
       << "first_valid_uid = 0\nfirst_valid_gid = 0\n"
       << "default_internal_user = " << (root ? "dovecot" : mail_user) << "\n"
       << "default_login_user = " << (root ? "dovenull" : mail_user) << "\n"
       << "passdb {\n  driver = passwd-file\n  args = " << d << "/users\n}\n"
       << "userdb {\n  driver = static\n  args = home=" << d << "/home/%u\n}\n"
       << "service imap-login {\n"
       << "  inet_listener imap {\n    port = " << imap_port_ << "\n  }\n"
       << "  inet_listener imaps {\n    port = " << imaps_port_ << "\n    ssl = yes\n  }\n}\n"
       << "service anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n";
  if (!options_.capabilities.empty()) conf << "imap_capability = " << options_.capabilities << "\n";
  if (options_.enable_xoauth2) {
    conf << "passdb {\n  driver = oauth2\n  mechanisms = xoauth2\n  args = " << d << "/oauth2.conf\n}\n";
  }
  WriteFile(dir_ / "dovecot.conf", conf.str());
}

Status DovecotServer::MakeHome(const std::string& user) const {
  const fs::path home = dir_ / "home" / user;
  fs::create_directories(home);
  if (::getuid() != 0) return Status::Ok();
  const passwd* nobody = ::getpwnam("nobody");
  const group* nogroup = ::getgrnam("nogroup");
  if (nobody == nullptr || nogroup == nullptr || ::chown(home.c_str(), nobody->pw_uid, nogroup->gr_gid) != 0) {
    return Status::Unavailable("Cannot give " + home.string() + " to nobody:nogroup.");
  }
  return Status::Ok();
}

std::string DovecotServer::XOAuth2Token(const std::string& user) const {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const std::string signed_part = Base64Url(R"({"alg":"HS256","typ":"JWT"})") + "." +
                                  Base64Url(R"({"sub":")" + user + R"(","iat":)" + std::to_string(now - 60) +
                                            R"(,"exp":)" + std::to_string(now + 3600) + "}");
  const std::string key = ReadFile(JwtKeyFile(dir_));
  std::string signature(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size());
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(signature.data()));
  return signed_part + "." + Base64Url(signature);
}

Status DovecotServer::Launch() {
  // In the foreground, as our child and leader of its own process group, so that
  // Stop() can end Dovecot and every process it forked, and reap them.
  const std::string conf = (dir_ / "dovecot.conf").string();
  const std::size_t log_start = Log().size();
  const pid_t pid = Spawn({"/usr/sbin/dovecot", "-F", "-c", conf}, {.folder = dir_});
  if (pid < 0) return Status::Unavailable("Cannot start Dovecot.");
  master_pid_ = pid;
  for (int attempt = 0; attempt < 400; ++attempt) {
    // Dovecot logs that it starts up once it holds its ports; before that, a
    // connection may reach another server that holds them.
    if (Log().find("starting up", log_start) != std::string::npos && AcceptsConnections(imap_port_) &&
        AcceptsConnections(imaps_port_)) {
      return Status::Ok();
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      master_pid_ = 0;
      return Status::Unavailable("Dovecot did not start: " + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return Status::Unavailable("Dovecot does not accept connections: " + Log());
}

Status DovecotServer::Stop() {
  if (master_pid_ == 0) return Status::Ok();
  // Every process at once: Dovecot's master alone takes a while to end the others.
  StopProcessGroup(std::exchange(master_pid_, 0), SIGTERM, SignalTo::kGroup, std::chrono::seconds(1));
  for (int attempt = 0; attempt < 200 && AcceptsConnections(imap_port_); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return Status::Ok();
}

Status DovecotServer::Restart() {
  MT_RETURN_IF_ERROR(Stop());
  return Launch();
}

Status DovecotServer::Doveadm(const std::vector<std::string>& arguments, const std::string& input) {
  std::string command = "/usr/bin/doveadm -c " + Quote((dir_ / "dovecot.conf").string());
  for (const auto& argument : arguments) command += " " + Quote(argument);
  const fs::path log = dir_ / "doveadm.log";
  if (RunShell(command, log, input) != 0) return Status::Unavailable("doveadm failed: " + ReadFile(log));
  return Status::Ok();
}

Status DovecotServer::CreateFolder(const std::string& user, const std::string& folder) {
  Status status = Doveadm({"mailbox", "create", "-u", user, folder});
  if (!status.ok() && status.message().find("already exists") != std::string::npos) return Status::Ok();
  return status;
}

Status DovecotServer::DeleteFolder(const std::string& user, const std::string& folder) {
  return Doveadm({"mailbox", "delete", "-u", user, folder});
}

Status DovecotServer::Deliver(const std::string& user, const std::string& folder, const std::string& raw) {
  MT_RETURN_IF_ERROR(CreateFolder(user, folder));
  return Doveadm({"save", "-u", user, "-m", folder}, raw);
}

std::string DovecotServer::Log() const {
  std::error_code error;
  return fs::exists(dir_ / "dovecot.log", error) ? ReadFile(dir_ / "dovecot.log") : std::string();
}

}  // namespace mailtrail::testing
