#include "testing/server_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <thread>

#include "testing/test_util.h"

namespace mailtrail::testing {

namespace fs = std::filesystem;

Account UnprivilegedAccount(std::initializer_list<const char*> names) {
  if (::getuid() != 0) {
    const passwd* self = ::getpwuid(::getuid());
    return {.name = self != nullptr ? self->pw_name : std::to_string(::getuid())};
  }
  for (const char* name : names) {
    if (const passwd* entry = ::getpwnam(name)) return {true, entry->pw_uid, entry->pw_gid, name};
  }
  return {.name = "root"};
}

Status HandTo(const fs::path& path, const Account& account) {
  if (account.switch_user && ::chown(path.c_str(), account.uid, account.gid) != 0) {
    return Status::Unavailable("Cannot hand " + path.string() + " to " + account.name + ".");
  }
  return Status::Ok();
}

pid_t Spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const std::string folder = options.folder.string();
  const Account& account = options.account;
  const int log_fd =
      options.log.empty() ? -1 : ::open(options.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int input_fd = ::open(options.input.empty() ? "/dev/null" : options.input.c_str(), O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = (options.log.empty() || log_fd >= 0) && input_fd >= 0 ? ::fork() : -1;
  if (pid == 0) {  // the child: async-signal-safe calls only
    ::setpgid(0, 0);
    ::dup2(input_fd, STDIN_FILENO);
    if (log_fd >= 0) {
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
    }
    if (account.switch_user &&
        (::setgroups(0, nullptr) != 0 || ::setgid(account.gid) != 0 || ::setuid(account.uid) != 0)) {
      ::_exit(126);
    }
    if (options.parent_death_signal != 0) {
      // After the switch of user, which clears it.
      ::prctl(PR_SET_PDEATHSIG, options.parent_death_signal);
      if (::getppid() != parent) ::_exit(126);  // the parent is gone already
    }
    if (::chdir(folder.c_str()) != 0) ::_exit(126);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  if (pid > 0) ::setpgid(pid, pid);  // so that a signal to the group cannot precede it
  if (log_fd >= 0) ::close(log_fd);
  if (input_fd >= 0) ::close(input_fd);
  return pid;
}

bool Run(const std::vector<std::string>& argv, const SpawnOptions& options) {
  const pid_t pid = Spawn(argv, options);
  if (pid < 0) return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void StopProcessGroup(pid_t leader, int signal, SignalTo to, std::chrono::milliseconds grace) {
  constexpr std::chrono::milliseconds kPollInterval(10);
  ::kill(to == SignalTo::kGroup ? -leader : leader, signal);
  int status = 0;
  bool exited = false;
  for (auto waited = std::chrono::milliseconds(0); waited < grace && !exited; waited += kPollInterval) {
    exited = ::waitpid(leader, &status, WNOHANG) == leader;
    if (!exited) std::this_thread::sleep_for(kPollInterval);
  }
  ::kill(-leader, SIGKILL);  // whatever of the group is left
  if (!exited) ::waitpid(leader, &status, 0);
}

namespace {

// A socket connected to 127.0.0.1:`port`, or -1.
int ConnectToLoopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

}  // namespace

bool AcceptsConnections(int port) {
  const int fd = ConnectToLoopback(port);
  if (fd >= 0) ::close(fd);
  return fd >= 0;
}

std::string FirstLineFrom(int port) {
  const int fd = ConnectToLoopback(port);
  if (fd < 0) return "";
  std::string received;
  pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
  char buffer[512];
  while (received.find('\n') == std::string::npos && ::poll(&readable, 1, 2000) == 1) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got <= 0) break;
    received.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  const std::string line = received.substr(0, received.find('\n'));
  return line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
}

Status MakeTestCertificates(const fs::path& dir) {
  const fs::path log = dir / "certificates.log";
  const std::string script =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj '/CN=mailtrail test CA'"
      " -keyout ca.key -out ca.pem"
      " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=localhost'"
      " -keyout server.key -out server.csr"
      " && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext"
      " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2"
      " -extfile san.ext -out server.pem";
  if (!Run({"/bin/sh", "-c", script}, {.folder = dir, .log = log})) {
    return Status::Unavailable("Cannot make test certificates: " + ReadFile(log));
  }
  return Status::Ok();
}

}  // namespace mailtrail::testing
