// CPU time Dovecot spends serving a contestant. The IMAP clients' own rusage leaves
// out the server's imap processes, which do much of the work; the Dovecot master
// reaps them, so its children's CPU counters (cutime + cstime in /proc/PID/stat)
// grow by what each finished imap process used.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>

namespace mailtrail::bench {

class ServerCpu {
 public:
  // Finds the Dovecot master that runs with `config`; without one, every reading is empty.
  explicit ServerCpu(const std::filesystem::path& config);

  // CPU seconds of the master's finished children so far, once no imap or
  // imap-login process of it is running any more (waits up to 2 s for them to end).
  std::optional<double> FinishedChildrenSeconds() const;

 private:
  pid_t master_ = 0;
};

}  // namespace mailtrail::bench
