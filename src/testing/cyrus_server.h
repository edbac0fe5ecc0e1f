// A real Cyrus IMAP server for tests (Debian's cyrus-imapd): its master, with
// imapd and idled, started on a free loopback port in a temporary folder, with
// its own imapd.conf and cyrus.conf, users in a sasldb of its own and a
// self-signed CA for STARTTLS; stopped (with everything it wrote) when the object
// dies. No system-wide state is touched and no system service is needed (no
// saslauthd, no syslog). Any user can run it; as root, its processes run as the
// `cyrus` system user (else `nobody`). If the test program dies, the server
// gets SIGTERM and stops; its folder stays behind.
//
// The namespace is Debian's: '.' separates levels (unixhierarchysep: no); by
// default folders sit beside INBOX (altnamespace: yes), as on Dovecot.
//
// Thread-safety: one thread drives an instance, and the same thread must start
// it (the server stops when that thread ends); the server itself serves many
// connections.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "testing/server_support.h"

namespace mailtrail::testing {

class CyrusServer {
 public:
  using User = MailUser;

  struct Options {
    // Accounts; each gets its INBOX when it first logs in. Default: one user
    // "sales" with password "secret".
    std::vector<User> users = {{"sales", "secret"}};
    // Folders beside INBOX ("Queue"), as Cyrus 3 has it by default; false: a
    // user's folders are under INBOX ("INBOX.Queue"), as in Debian's stock
    // imapd.conf (altnamespace: no).
    bool alt_namespace = true;
  };

  // Starts Cyrus on a free loopback port (another, when a process running in
  // parallel takes it first) and waits until it greets as this server (its name
  // is unique).
  // Errors: kUnavailable (Cyrus missing or did not start; the message carries
  // what it wrote).
  static Result<std::unique_ptr<CyrusServer>> Start(Options options);
  static Result<std::unique_ptr<CyrusServer>> Start() { return Start(Options()); }

  ~CyrusServer();
  CyrusServer(const CyrusServer&) = delete;
  CyrusServer& operator=(const CyrusServer&) = delete;

  // Port of the plain listener (STARTTLS offered).
  int imap_port() const { return imap_port_; }
  // PEM file of the CA that signed the server's certificate (for 127.0.0.1 and localhost).
  std::filesystem::path ca_file() const { return dir_ / "ca.pem"; }
  // imap://USER@127.0.0.1:PORT
  std::string Url(const std::string& user) const;

  // Adds an account (saslpasswd2); it can log in at once. Errors: kUnavailable
  // (the message carries saslpasswd2's output).
  Status AddUser(const User& user);
  // What the master and its services wrote on stderr; Cyrus logs the rest to
  // syslog, which tests do without.
  std::string Log() const;

 private:
  CyrusServer(std::filesystem::path dir, Account account);
  // imapd.conf, and the folders and certificates it names.
  Status WriteServerFiles(const Options& options);
  // cyrus.conf, with the current port.
  void WriteServices();
  Status Launch();
  void Stop();

  const std::filesystem::path dir_;
  const Account account_;
  const std::string server_name_;  // unique, in the greeting; also the users' SASL realm
  int imap_port_ = 0;
  pid_t master_pid_ = 0;  // 0: not running
};

}  // namespace mailtrail::testing
