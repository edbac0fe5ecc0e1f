// A real Dovecot IMAP server for tests: started on loopback ports in a temporary
// folder, with its own configuration, users, self-signed CA and Maildir++ mail,
// and stopped (with everything it wrote) when the object dies. No system-wide
// state is touched; any user can run it (as root, mail is owned by `nobody`).
//
// Thread-safety: one thread drives an instance; the server itself serves many
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

class DovecotServer {
 public:
  using User = MailUser;

  struct Options {
    // Accounts; each has its own Maildir++ under maildir(name). Default: one user
    // "sales" with password "secret".
    std::vector<User> users = {{"sales", "secret"}};
    // The CAPABILITY list the server advertises, e.g. without UIDPLUS or MOVE to
    // play an older server. Empty: Dovecot's own list.
    std::string capabilities;
    // Offer AUTHENTICATE XOAUTH2, taking the bearer tokens XOAuth2Token makes
    // (JWTs signed with a key of this server, checked by Dovecot itself).
    bool enable_xoauth2 = false;
  };

  // Starts Dovecot on two free loopback ports (others, when a process running
  // in parallel takes one first) and waits until both accept connections.
  // Errors: kUnavailable (Dovecot missing or did not start; the message carries
  // its log).
  static Result<std::unique_ptr<DovecotServer>> Start(Options options);
  static Result<std::unique_ptr<DovecotServer>> Start() { return Start(Options()); }

  ~DovecotServer();
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;

  // Port of the plain listener (STARTTLS offered) and of the implicit-TLS one.
  int imap_port() const { return imap_port_; }
  int imaps_port() const { return imaps_port_; }
  // PEM file of the CA that signed the server's certificate (for 127.0.0.1 and localhost).
  std::filesystem::path ca_file() const { return dir_ / "ca.pem"; }
  // The Maildir++ root of `user`, as Dovecot serves it.
  std::filesystem::path maildir(const std::string& user) const { return dir_ / "home" / user / "Maildir"; }
  // imap://USER@127.0.0.1:PORT (or imaps:// on the TLS port).
  std::string Url(const std::string& user, bool implicit_tls = false) const;
  // A bearer token for `user`, valid for an hour. REQUIRES: options.enable_xoauth2.
  std::string XOAuth2Token(const std::string& user) const;

  // Stops the server (connections drop) and starts it again on the same ports.
  Status Restart();
  // Stops the server; Start-up again only through Restart().
  Status Stop();
  // Delivers `raw` into `folder` of `user` through Dovecot itself (doveadm save),
  // so indexes and UIDs are Dovecot's. Creates the folder when missing.
  Status Deliver(const std::string& user, const std::string& folder, const std::string& raw);
  // Creates `folder` for `user` (doveadm mailbox create); OK when it exists.
  Status CreateFolder(const std::string& user, const std::string& folder);
  // Deletes `folder` of `user` with its messages (doveadm mailbox delete); a
  // folder made again gets a new UIDVALIDITY.
  Status DeleteFolder(const std::string& user, const std::string& folder);
  // What Dovecot logged so far.
  std::string Log() const;

 private:
  DovecotServer(std::filesystem::path dir, Options options);
  // Certificates, the user file with the users' homes, XOAUTH2's key.
  Status WriteAccountsAndKeys();
  // dovecot.conf, with the current ports.
  void WriteConfiguration();
  Status Launch();
  Status Doveadm(const std::vector<std::string>& arguments, const std::string& input = "");
  // Makes the home of `user` and gives it to the account Dovecot keeps mail as.
  Status MakeHome(const std::string& user) const;

  std::filesystem::path dir_;
  Options options_;
  int imap_port_ = 0;
  int imaps_port_ = 0;
  pid_t master_pid_ = 0;  // 0: not running
};

}  // namespace mailtrail::testing
