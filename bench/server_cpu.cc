#include "server_cpu.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace mailtrail::bench {
namespace {

namespace fs = std::filesystem;

struct ProcessStat {
  std::string command;  // comm, e.g. "imap"
  pid_t parent = 0;
  long long children_ticks = 0;  // cutime + cstime
};

// /proc/PID, not /proc/net and the like.
bool IsProcess(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  return !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<ProcessStat> ReadStat(const fs::path& stat_file) {
  std::ifstream in(stat_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  ProcessStat stat;
  stat.command = text.substr(open + 1, close - open - 1);
  // Fields after the command, numbered as in proc(5): 3 state, 4 ppid, ... 16 cutime, 17 cstime.
  std::istringstream fields(text.substr(close + 2));
  std::vector<std::string> values;
  for (std::string value; fields >> value && values.size() < 15;) values.push_back(value);
  if (values.size() < 15) return std::nullopt;
  stat.parent = static_cast<pid_t>(std::stol(values[1]));
  stat.children_ticks = std::stoll(values[13]) + std::stoll(values[14]);
  return stat;
}

// imap-login processes count too: they hold the TLS session of a connection.
bool HasImapChild(pid_t master) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    if (!IsProcess(entry)) continue;
    const std::optional<ProcessStat> stat = ReadStat(entry.path() / "stat");
    if (stat && stat->parent == master && (stat->command == "imap" || stat->command == "imap-login")) return true;
  }
  return false;
}

}  // namespace

ServerCpu::ServerCpu(const fs::path& config) {
  const std::string wanted = std::string("/usr/sbin/dovecot") + '\0' + "-F" + '\0' + "-c" + '\0' + config.string();
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    if (!IsProcess(entry)) continue;
    std::ifstream in(entry.path() / "cmdline");
    const std::string command_line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (command_line.starts_with(wanted)) {
      master_ = static_cast<pid_t>(std::stol(entry.path().filename().string()));
      return;
    }
  }
}

std::optional<double> ServerCpu::FinishedChildrenSeconds() const {
  if (master_ == 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (HasImapChild(master_) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::optional<ProcessStat> stat = ReadStat(fs::path("/proc") / std::to_string(master_) / "stat");
  if (!stat) return std::nullopt;
  return static_cast<double>(stat->children_ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace mailtrail::bench
