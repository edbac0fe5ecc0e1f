// Runs a child process to completion and measures it: wall-clock time, CPU time
// and peak resident set size, with its output captured. Or leaves one running in
// the background until stopped.
//
// The rusage comes from wait4() on the child, which reports the same counters as
// getrusage(RUSAGE_CHILDREN) but for that one child (and the descendants it
// waited for). RUSAGE_CHILDREN deltas would do for CPU time, but its ru_maxrss is
// a high-water mark over every child ever reaped, so it cannot give the peak of a
// contestant that runs after a bigger one.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailtrail::bench {

struct ProcessSpec {
  // argv[0] is an absolute path; no PATH search, so the program run is the one named.
  std::vector<std::string> argv;
  // Set in the child's environment on top of ours (e.g. the IMAP password, which
  // never goes on a command line).
  std::vector<std::pair<std::string, std::string>> environment;
  // The child's working folder (keeps a ./mailtrail.toml of the caller out of the
  // way). Empty: ours.
  std::filesystem::path working_directory;
  // The child is killed when it runs longer.
  std::chrono::seconds timeout{300};
};

struct ProcessResult {
  int exit_code = -1;  // -1: ended by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
  double wall_seconds = 0;
  double cpu_seconds = 0;  // user + system
  double peak_rss_mb = 0;

  bool ok() const { return exit_code == 0 && !timed_out; }
  // A one-line account of a failure: exit status and the first line of stderr.
  std::string Failure() const;
};

// Runs `spec` and waits for it. Throws std::runtime_error when the child cannot be
// started, and Interrupted (after ending the child) on SIGINT/SIGTERM.
ProcessResult RunProcess(const ProcessSpec& spec);

// Writes all of `bytes` to `fd` through interruptions and short writes; false
// on an error, which errno names.
bool WriteAll(int fd, std::string_view bytes);

// This process's own peak RSS in MiB.
double OwnPeakRssMb();

// Runs `work` in a forked copy of this process and returns the bytes it returned,
// so that the memory it takes never counts for the driver: a child's peak RSS
// includes what its parent held when it was started. The copy leaves through
// _exit, running no destructor of the driver's objects. Throws
// std::runtime_error with the message of what `work` threw, or when the copy
// dies; Interrupted (after ending the copy) on SIGINT/SIGTERM.
std::string RunForked(const std::function<std::string()>& work);

// A child left running while the benchmark goes on (e.g. `mailtrail serve`), its
// stdout and stderr going to a log file; spec.timeout does not apply. The
// destructor stops it as Stop() does.
class BackgroundProcess {
 public:
  // Starts `spec`. Throws std::runtime_error when it cannot be started.
  BackgroundProcess(const ProcessSpec& spec, const std::filesystem::path& log);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // False once the child has ended.
  bool Running();
  // SIGTERM, then SIGKILL when it has not ended within `grace`; returns its exit
  // code (-1: ended by a signal). Later calls return the same.
  int Stop(std::chrono::seconds grace);
  // The last `lines` lines of its log, to say why it failed.
  std::string LogTail(std::size_t lines) const;

 private:
  std::filesystem::path log_;
  pid_t pid_ = 0;
  std::optional<int> exit_code_;  // set once reaped
};

}  // namespace mailtrail::bench
