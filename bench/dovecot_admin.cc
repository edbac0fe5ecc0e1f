#include "dovecot_admin.h"

#include <stdexcept>

#include "process.h"

namespace mailtrail::bench {

constexpr char kDoveadm[] = "/usr/bin/doveadm";

DovecotAdmin::DovecotAdmin(const testing::DovecotServer& server)
    // The harness keeps dovecot.conf at the top of its folder, which holds
    // home/USER/Maildir; the header exposes the mail folder, not the top one.
    : config_(server.maildir("any").parent_path().parent_path().parent_path() / "dovecot.conf") {
  if (!std::filesystem::exists(config_)) throw std::runtime_error("no Dovecot configuration at " + config_.string());
}

std::vector<std::string> DovecotAdmin::Command(std::initializer_list<std::string> arguments) const {
  std::vector<std::string> argv = {kDoveadm, "-c", config_.string()};
  argv.insert(argv.end(), arguments);
  return argv;
}

std::int64_t DovecotAdmin::MessageCount(const std::string& user, const std::string& folder) const {
  // -f flow prints "messages=N".
  const ProcessResult result =
      RunProcess({.argv = Command({"-f", "flow", "mailbox", "status", "-u", user, "messages", folder})});
  const std::size_t at = result.out.find("messages=");
  if (!result.ok() || at == std::string::npos) {
    throw std::runtime_error("doveadm mailbox status " + user + " " + folder + ": " + result.Failure());
  }
  return std::stoll(result.out.substr(at + 9));
}

std::string DovecotAdmin::Version() {
  const ProcessResult result = RunProcess({.argv = {"/usr/sbin/dovecot", "--version"}});
  return result.ok() ? result.out.substr(0, result.out.find('\n')) : "unknown";
}

}  // namespace mailtrail::bench
