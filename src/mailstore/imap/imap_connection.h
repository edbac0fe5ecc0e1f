// ImapConnection: one logged-in IMAP session (libetpan), with TLS, a timeout on
// connecting and on every command, and each command's outcome as a Status.
//
// Connecting: imaps:// speaks TLS from the first byte; imap:// upgrades with
// STARTTLS whenever the server offers it, and refuses to go on without it when
// ConnectOptions::require_tls is set. The server's certificate is checked (chain
// and host name, against ConnectOptions::ca_file or the system's CAs) before any
// credential is sent. Login: AUTHENTICATE XOAUTH2 when an OAuth2 token is given,
// else LOGIN with the password. Credentials never appear in an error message.
//
// Errors of commands: a command the server refuses (NO or BAD) is kIOError with
// the server's text, and the session stays usable. A command that fails on the
// wire (the connection dropped, no answer within the timeout, BYE, a response
// that cannot be parsed) is kUnavailable and marks the connection lost(): every
// later command fails the same way; open a new connection.
//
// Ownership: owns its socket and libetpan session; the destructor logs out of a
// connection that is not lost. Thread-safety: one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "mailstore/imap/etpan.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/mail_store.h"

namespace mailtrail::mailstore {

// A set of UIDs for a command: listed ones, or all from a first one on.
class UidSet {
 public:
  static UidSet Of(std::vector<std::uint32_t> uids);
  // first:*. Beware: "*" is the highest UID in the folder, so this also matches
  // that message when its UID is below `first` (RFC 3501, 6.4.8).
  static UidSet From(std::uint32_t first);

  etpan::Set ToEtpan() const;
  // How many UIDs Of() was given (after removing repeats); 0 for From().
  std::size_t size() const { return uids_.size(); }

 private:
  std::vector<std::uint32_t> uids_;  // ascending, unique
  std::uint32_t from_ = 0;           // 0: none
};

// A SEARCH criterion. Cheap to move; combine with AllOf / AnyOf.
class SearchKey {
 public:
  static SearchKey Uids(const UidSet& uids);
  // Messages with a `name` header containing `value` (case-insensitive).
  static SearchKey Header(const std::string& name, const std::string& value);
  // Messages of exactly `size` bytes (RFC822.SIZE).
  static SearchKey SizeIs(std::int64_t size);
  static SearchKey Deleted();
  // REQUIRES: !keys.empty()
  static SearchKey AllOf(std::vector<SearchKey> keys);
  static SearchKey AnyOf(std::vector<SearchKey> keys);

  mailimap_search_key* get() const { return key_.get(); }

 private:
  explicit SearchKey(mailimap_search_key* key) : key_(key) {}
  etpan::SearchKey key_;
};

// What a FETCH asks for, besides the UID; combine with |.
enum FetchItem : unsigned {
  kFetchFlags = 1,
  kFetchInternalDate = 2,
  kFetchSize = 4,
  kFetchBody = 8,        // BODY.PEEK[]: the whole message, leaving \Seen alone
  kFetchHeader = 16,     // BODY.PEEK[HEADER]: the header block only, into `body`
  kFetchMessageId = 32,  // BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)], parsed into `message_id`
};

struct FetchedMessage {
  std::uint32_t uid = 0;
  std::vector<std::string> flags;  // e.g. "\Seen", "\Recent", "$Label1"
  domain::UnixTime internal_date = 0;
  std::int64_t size = 0;
  std::string body;        // kFetchBody or kFetchHeader
  std::string message_id;  // kFetchMessageId: without angle brackets; empty when none parses
};

// The state of the selected folder.
struct FolderState {
  std::uint32_t uidvalidity = 0;
  std::uint32_t uidnext = 0;
  std::uint32_t exists = 0;
};

struct ListEntry {
  std::string name;    // as the server spells it
  char delimiter = 0;  // hierarchy separator; 0 for a flat server
  bool selectable = false;
};

// What COPYUID (RFC 4315) reported: target[i] is the copy of source[i].
struct CopiedUids {
  std::uint32_t uidvalidity = 0;  // of the target folder; 0: no COPYUID
  std::vector<std::uint32_t> source;
  std::vector<std::uint32_t> target;
};

class ImapConnection {
 public:
  // Connects, secures and logs in. Errors: kUnavailable (cannot resolve or reach
  // the server, no answer within the timeout, TLS handshake failed),
  // kFailedPrecondition (login refused, TLS required but not offered, certificate
  // not trusted, no credentials, XOAUTH2 not offered).
  static Result<std::unique_ptr<ImapConnection>> Open(const ImapUrl& url, const ConnectOptions& options);
  ~ImapConnection();
  ImapConnection(const ImapConnection&) = delete;
  ImapConnection& operator=(const ImapConnection&) = delete;

  const ImapUrl& url() const { return url_; }
  bool lost() const { return lost_; }
  // Whether the server advertised `capability` after login, e.g. "UIDPLUS",
  // "IDLE", "AUTH=XOAUTH2" (case-insensitive).
  bool HasCapability(std::string_view capability) const;

  Result<std::vector<ListEntry>> List(const std::string& pattern);
  Status Create(const std::string& folder);
  Status Subscribe(const std::string& folder);
  // SELECT, or EXAMINE when `read_only`: EXAMINE changes nothing, not even
  // \Recent. A folder the server refuses to open is kNotFound.
  Result<FolderState> Select(const std::string& folder, bool read_only);
  // Select, unless `folder` is selected already in a mode that allows the work
  // (read-write allows reading too): a server resynchronises a folder on every
  // SELECT, which costs it a scan of a large folder. The state is then the one
  // the server last reported; UIDNEXT may be behind, so use Select where it must
  // be current.
  Result<FolderState> SelectReusing(const std::string& folder, bool read_only);

  // Commands on the selected folder.
  Result<std::vector<std::uint32_t>> UidSearch(const SearchKey& key);  // ascending
  // Messages in `uids` that exist, in the server's order; `items` is FetchItem bits.
  Result<std::vector<FetchedMessage>> UidFetch(const UidSet& uids, unsigned items);
  Result<CopiedUids> UidCopy(const UidSet& uids, const std::string& to_folder);
  enum class FlagChange { kAdd, kReplace };
  // UID STORE ... FLAGS.SILENT / +FLAGS.SILENT; flags spelled as FETCH returns them.
  Status UidStore(const UidSet& uids, FlagChange change, const std::vector<std::string>& flags);
  Status UidExpunge(const UidSet& uids);  // REQUIRES: HasCapability("UIDPLUS")
  Status Expunge();
  // NOOP; true when the server reported EXISTS (a message arrived).
  Result<bool> Noop();
  // IDLE until the server reports something or `timeout` passes, then DONE; true
  // when it reported EXISTS. REQUIRES: HasCapability("IDLE")
  Result<bool> Idle(std::chrono::milliseconds timeout);

  // APPEND with flags and an INTERNALDATE of `arrived_at`.
  Status Append(const std::string& folder, const std::vector<std::string>& flags, domain::UnixTime arrived_at,
                std::string_view message);

 private:
  ImapConnection(ImapUrl url, etpan::Session session, std::chrono::milliseconds timeout);

  Status Connect(const ConnectOptions& options);
  Status StartTls(const ConnectOptions& options);
  Status CheckCertificate(const ConnectOptions& options);
  Status Login(const ConnectOptions& options);
  Status LoadCapabilities();
  // Runs `call`, one libetpan command named `name`, and returns Check of its result.
  template <typename Call>
  Status Command(std::string_view name, Call call);
  // The Status of libetpan result `code` of `command`; marks the connection lost
  // on a wire failure.
  Status Check(int code, std::string_view command);

  const ImapUrl url_;
  etpan::Session session_;
  const std::chrono::milliseconds timeout_;
  std::set<std::string, std::less<>> capabilities_;  // upper-case
  bool lost_ = false;
  std::string selected_;  // the folder SELECTed or EXAMINEd last; empty when none is
  bool selected_read_only_ = true;
};

}  // namespace mailtrail::mailstore
