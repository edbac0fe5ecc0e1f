// What the test servers (Dovecot, Cyrus, PostgreSQL) share: the account a
// server runs as, starting and stopping its processes, probing its ports, and a
// test CA with a server certificate.
//
// Thread-safety: the functions may be called from any thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/status.h"

namespace mailtrail::testing {

// A mail account on a test IMAP server.
struct MailUser {
  std::string name;
  std::string password;
};

// Who a server's processes run as.
struct Account {
  bool switch_user = false;  // false: as we are
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;  // the account's user name
};

// As root, the first existing system account of `names` (the server refuses to
// run as root, or should not); otherwise ourselves. As root with none of them:
// root itself, and the server says why it does not run.
Account UnprivilegedAccount(std::initializer_list<const char*> names);

// Gives `path` (not what is inside) to `account` when it is another user.
Status HandTo(const std::filesystem::path& path, const Account& account);

struct SpawnOptions {
  std::filesystem::path folder;  // the working directory
  // stdin reads this file; empty: /dev/null.
  std::filesystem::path input;
  // stdout and stderr are appended to this file; empty: they are ours.
  std::filesystem::path log;
  Account account;
  // Sent to the process when the thread that spawned it ends (also when the test
  // program dies); 0: none.
  int parent_death_signal = 0;
};

// Starts `argv` (argv[0] a full path) as the leader of a new process group.
// Returns its pid, or -1.
pid_t Spawn(const std::vector<std::string>& argv, const SpawnOptions& options);
// Runs `argv` as Spawn does and waits for it; true when it exits with 0.
bool Run(const std::vector<std::string>& argv, const SpawnOptions& options);

// Who StopProcessGroup signals first: the leader (a server's master that ends its
// children itself, as they must end before it), or every process of the group.
enum class SignalTo { kLeader, kGroup };

// Sends `signal` to the process group of `leader`, or to the leader alone, waits
// up to `grace` for the leader to exit, then kills whatever of the group is left,
// and reaps the leader.
void StopProcessGroup(pid_t leader, int signal, SignalTo to, std::chrono::milliseconds grace);

// Whether something accepts TCP connections on 127.0.0.1:`port`.
bool AcceptsConnections(int port);
// The first line (without its line ending) a server on 127.0.0.1:`port` sends
// when connected to, e.g. an IMAP greeting; "" when none comes within 2 s.
std::string FirstLineFrom(int port);

// Makes in `dir` a CA (ca.pem, ca.key) and a server certificate for 127.0.0.1 and
// localhost signed by it (server.pem, server.key), valid for two days.
// Errors: kUnavailable (openssl failed; the message carries its output).
Status MakeTestCertificates(const std::filesystem::path& dir);

}  // namespace mailtrail::testing
