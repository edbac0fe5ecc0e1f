#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "interrupt.h"

extern char** environ;

namespace mailtrail::bench {
namespace {

double Seconds(const timeval& time) {
  return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
}

// Our environment with `extra` set on top, as "NAME=value" strings.
std::vector<std::string> ChildEnvironment(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string line = *entry;
    bool overridden = false;
    for (const auto& [name, value] : extra) overridden = overridden || line.starts_with(name + "=");
    if (!overridden) environment.push_back(line);
  }
  for (const auto& [name, value] : extra) environment.push_back(name + "=" + value);
  return environment;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Reads the child's stdout and stderr until both close or the deadline passes.
// Returns false on timeout.
bool Drain(int out_fd, int err_fd, std::chrono::steady_clock::time_point deadline, ProcessResult& result) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    if (InterruptRequested()) return true;  // the caller ends the child and throws
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    // Wake up now and then to notice a recorded signal even without EINTR.
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 200)));
    if (ready < 0 && errno != EINTR) return false;
    for (int i = 0; i < 2 && ready > 0; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  return true;
}

// Starts `spec` with stdin on /dev/null and stdout and stderr on the given
// descriptors. Throws std::runtime_error when it cannot fork.
pid_t Spawn(const ProcessSpec& spec, int out_fd, int err_fd) {
  std::vector<std::string> arguments = spec.argv;
  std::vector<std::string> environment = ChildEnvironment(spec.environment);
  std::vector<char*> argv = Pointers(arguments);
  std::vector<char*> envp = Pointers(environment);
  const std::string working_directory = spec.working_directory.string();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    const int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    if (!working_directory.empty() && ::chdir(working_directory.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    static constexpr char kMessage[] = "cannot execute the program\n";
    [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  return pid;
}

// Waits for `pid` to end, through signals; returns its wait status.
int Reap(pid_t pid, rusage* usage) {
  int status = 0;
  while (::wait4(pid, &status, 0, usage) < 0 && errno == EINTR) {
  }
  return status;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string ProcessResult::Failure() const {
  std::string first_line = err.substr(0, err.find('\n'));
  if (first_line.empty()) first_line = out.substr(0, out.find('\n'));
  if (timed_out) return "timed out" + (first_line.empty() ? "" : ": " + first_line);
  return (exit_code < 0 ? std::string("killed by a signal") : "exit status " + std::to_string(exit_code)) +
         (first_line.empty() ? "" : ": " + first_line);
}

ProcessResult RunProcess(const ProcessSpec& spec) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  ProcessResult result;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = Spawn(spec, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  const bool finished = Drain(out_pipe[0], err_pipe[0], start + spec.timeout, result);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (!finished || InterruptRequested()) {
    ::kill(pid, SIGKILL);
    result.timed_out = !finished;
  }
  rusage usage{};
  const int status = Reap(pid, &usage);
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ThrowIfInterrupted();
  result.exit_code = ExitCode(status);
  result.cpu_seconds = Seconds(usage.ru_utime) + Seconds(usage.ru_stime);
  result.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
  return result;
}

double OwnPeakRssMb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

std::string RunForked(const std::function<std::string()>& work) {
  int result_pipe[2];
  if (::pipe2(result_pipe, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(result_pipe[0]);
    // The first byte says whether the rest is the result or an error message.
    std::string reply;
    try {
      reply = "+" + work();
    } catch (const std::exception& error) {
      reply = std::string("-") + error.what();
    }
    const bool written = WriteAll(result_pipe[1], reply);
    ::_exit(written ? 0 : 1);
  }
  ::close(result_pipe[1]);
  std::string reply;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(result_pipe[0], buffer, sizeof buffer);
    if (n > 0) {
      reply.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    } else if (InterruptRequested()) {
      ::kill(pid, SIGKILL);
      break;
    }
  }
  ::close(result_pipe[0]);
  const int status = Reap(pid, nullptr);
  ThrowIfInterrupted();
  if (ExitCode(status) != 0 || reply.empty()) {
    throw std::runtime_error(std::string("the forked copy ended with ") +
                             (ExitCode(status) < 0 ? "a signal" : "an error"));
  }
  if (reply[0] == '-') throw std::runtime_error(reply.substr(1));
  return reply.substr(1);
}

BackgroundProcess::BackgroundProcess(const ProcessSpec& spec, const std::filesystem::path& log) : log_(log) {
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) throw std::runtime_error("cannot create " + log.string() + ": " + std::strerror(errno));
  pid_ = Spawn(spec, log_fd, log_fd);
  ::close(log_fd);
}

BackgroundProcess::~BackgroundProcess() { Stop(std::chrono::seconds(10)); }

bool BackgroundProcess::Running() {
  if (exit_code_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
  exit_code_ = ExitCode(status);
  return false;
}

int BackgroundProcess::Stop(std::chrono::seconds grace) {
  if (!Running()) return *exit_code_;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (Running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!exit_code_) {
    ::kill(pid_, SIGKILL);
    exit_code_ = ExitCode(Reap(pid_, nullptr));
  }
  return *exit_code_;
}

std::string BackgroundProcess::LogTail(std::size_t lines) const {
  std::ifstream in(log_);
  std::deque<std::string> tail;
  for (std::string line; std::getline(in, line);) {
    tail.push_back(line);
    if (tail.size() > lines) tail.pop_front();
  }
  std::string text;
  for (const auto& line : tail) text += line + "\n";
  return text;
}

}  // namespace mailtrail::bench
