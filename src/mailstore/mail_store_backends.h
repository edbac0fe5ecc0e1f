// Mail stores for tests: each MailBackend owns a fresh, empty store of one kind
// and looks at and changes it the way a user, a mail client or the mail server
// would, around the MailStore. The MailStore contract suite runs against every
// kind, the service tests against all but Cyrus.
//
// Kinds: Maildir in a temporary folder; IMAP on a real Dovecot and on a real
// Cyrus on loopback (testing/dovecot_server.h, testing/cyrus_server.h), one
// server of each per test process, a new account per backend.
//
// Errors: the helpers throw std::runtime_error; tests need no error paths of
// their own fixtures. Thread-safety: store() is used by one thread at a time;
// the other members may be called from any thread (e.g. Deliver while the store
// waits for a change).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "mailstore/imap/imap_connection.h"
#include "mailstore/mail_store.h"
#include "testing/cyrus_server.h"
#include "testing/dovecot_server.h"

namespace mailtrail::mailstore {

class MailBackend {
 public:
  virtual ~MailBackend() = default;

  virtual MailStore& store() = 0;
  // The setup's mail-store URL, and the credentials to open it with.
  virtual std::string url() const = 0;
  virtual ConnectOptions credentials() const = 0;

  // Puts `raw` into `folder` as a message that arrived at `arrived_at`, with the
  // Maildir flag letters `flags` (S seen, R answered, F flagged, D draft, T
  // trashed); no flags: a new message nobody has looked at.
  virtual void Deliver(std::string_view folder, std::string_view raw, domain::UnixTime arrived_at,
                       std::string_view flags) = 0;
  // What identifies each message of `folder` and its flags (IMAP: UID and FLAGS
  // but \Recent), sorted.
  virtual std::vector<std::string> Snapshot(std::string_view folder) = 0;
  // The bytes of each message of `folder`, oldest first, as the store reads them.
  virtual std::vector<std::string> Contents(std::string_view folder) = 0;
  // Changes a stored message's flags the way a user's mail client does.
  virtual void SetFlags(const domain::StoredLocation& location, std::string_view flags) = 0;
  // Deletes a stored message, or every message of a folder, the way a user does.
  virtual void Remove(const domain::StoredLocation& location) = 0;
  virtual void RemoveAll(std::string_view folder) = 0;
  // The bytes the store reads back for a message delivered as `raw`.
  virtual std::string Served(std::string_view raw) const = 0;
  // Whether the store can hold `raw` at all; Deliver throws for one it cannot.
  virtual bool Holds(std::string_view /*raw*/) const { return true; }
};

// A kind of store, for parameterized tests.
struct BackendKind {
  std::string name;  // "Maildir", "Imap" (on Dovecot), "ImapOnCyrus": a test-name suffix
  std::function<std::unique_ptr<MailBackend>()> make;
};
inline void PrintTo(const BackendKind& kind, std::ostream* out) { *out << kind.name; }

std::unique_ptr<MailBackend> MakeMaildirBackend();
std::unique_ptr<MailBackend> MakeImapBackend();  // on Dovecot
std::unique_ptr<MailBackend> MakeCyrusImapBackend();
// Maildir and IMAP on Dovecot: what the service tests run against.
std::vector<BackendKind> AllBackendKinds();
// AllBackendKinds() and IMAP on Cyrus: what the MailStore contract suite runs
// against. The service tests leave Cyrus out: it stores 8-bit header bytes as
// 'X' and cannot hold an empty message, which some of them deliver.
std::vector<BackendKind> AllBackendKindsWithCyrus();

// "UID FLAG FLAG..." of each message of `folder` (its name on the server), flags
// and lines sorted; with \Recent only when `with_recent`.
std::vector<std::string> ImapFlagLines(ImapConnection& connection, const std::string& folder, bool with_recent);

// The Dovecot this process shares between its IMAP backends, started on first use.
testing::DovecotServer& SharedDovecot();
// An account of SharedDovecot() no backend has used yet, with its password.
testing::DovecotServer::User NewDovecotUser();

// The Cyrus this process shares between its IMAP backends, started on first use
// (from the thread that runs the tests: it stops when that thread ends).
testing::CyrusServer& SharedCyrus();
// A new account of SharedCyrus(), with its password.
testing::CyrusServer::User NewCyrusUser();

}  // namespace mailtrail::mailstore
