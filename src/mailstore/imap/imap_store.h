// ImapStore: a MailStore on any IMAP server (Dovecot, Cyrus, Exchange Online,
// Gmail, ...), through libetpan. How it connects, secures and logs in:
// imap_connection.h.
//
// Folders: named as in the setup; '/' separates levels and becomes the server's
// hierarchy separator (as LIST "" "" reports it, e.g. '.' on Dovecot with
// Maildir). A level is printable ASCII without the server's separator, '*' or
// '%'; '&' is sent as "&-" (modified UTF-7). "INBOX" in any case is the inbox.
// Other names are kInvalidArgument. CreateFolder also subscribes the folder, so
// mail clients show it.
//
// Messages: a MessageRef key is the message's UID in decimal; arrived_at is its
// INTERNALDATE. ListMessages fetches UID, FLAGS, INTERNALDATE and RFC822.SIZE of
// the whole folder in one command, orders by INTERNALDATE, then UID (the order
// of arrival in the folder), as Maildir orders by arrival time, and leaves out
// messages marked \Deleted: they are on their way out (deleted by us on a server
// without UIDPLUS, or by a user whose client expunges later). Each MessageRef
// carries the folder's UIDVALIDITY at listing, so another ImapStore of the same
// account may read, copy or delete it; doing so in a folder whose UIDVALIDITY
// changed since is kUnavailable, as the UIDs no longer mean the same messages
// (list again).
//
// Nothing but DeleteMessages changes the queue: folders are opened with EXAMINE
// (which keeps even \Recent) for listing, copying to, finding and waiting, and
// messages are read with BODY.PEEK (which keeps \Seen unset). Reading, copying
// from and deleting keep the folder selected that is selected already (after a
// DeleteMessages that is read-write), as a server resynchronises a folder on
// every SELECT, which costs a scan of a large folder.
// Reads return the message as the server serves it: IMAP sends lines ending in
// CRLF, and Dovecot sends a NUL byte as 0x80; RFC822.SIZE counts those bytes.
//
// ReadMessages asks for up to 100 messages or 16 MiB per UID FETCH (by the listed
// sizes), so a batch holds at most that (or one larger message) in memory; for
// ReadExtent::kHeader it fetches BODY.PEEK[HEADER] only.
//
// CopyMessages first adopts copies already in the target for the requests with
// earlier_copy_possible (left by a call that was interrupted): messages of the
// request's size with its Message-ID, or, when it has none, with its content
// hash. Then one UID COPY of the rest; the copies' UIDs come from COPYUID
// (UIDPLUS), and the target is not even opened when nothing is to be adopted. On
// a server without UIDPLUS (or without COPYUID in its answer) they are found the
// same way among the target's UIDs from its UIDNEXT before the copy (from 1 when
// it was not opened). A copy is durable once the server has answered the COPY. A
// StoredLocation is {folder, UID, UIDVALIDITY}.
//
// DeleteMessages marks the messages \Deleted (UID STORE +FLAGS.SILENT) and
// removes exactly those with UID EXPUNGE (UIDPLUS). Without UIDPLUS only EXPUNGE
// exists, which would also remove messages other clients marked \Deleted, so it
// runs only when no other message of the folder is marked; otherwise ours stay
// marked (and unlisted) until a client expunges the folder.
//
// ExistAll and ReadStored find the stored message by its UID while the folder's
// UIDVALIDITY is the stored one; else in the same folder as CopyMessages adopts
// a copy (size and Message-ID, or content hash), as a rebuilt folder or a
// message put back by a user is found; else by Message-ID alone (the server may
// have rewritten the bytes), the lowest UID first. ExistAll selects each folder
// anew once per call.
//
// FindStoredIn opens the folder anew and finds the messages as ExistAll does
// when the UID no longer resolves, the whole batch in one search. MayStillArrive
// opens the location's folder anew (a missing folder: false).
//
// WaitForChange opens the folder with EXAMINE and waits with IDLE where the server
// offers it, else with a NOOP every Tuning::poll_interval. It remembers the
// folder's UIDNEXT between calls, so a message that arrived since the previous
// call counts as a change at once.
//
// Connection: one per store, opened by Open and kept. A command that fails on the
// wire (server restarted, connection dropped, no answer in time) is retried with
// the whole operation on a new connection, with exponential backoff, for up to
// Tuning::give_up_after; that is safe because every operation is idempotent
// (a copy retried looks for copies of every request first, as the server may have
// made them before the connection dropped; a gone message is not an error to
// delete). Streaming to a
// sink happens only after a FETCH completed, so a retry never repeats bytes.
//
// Errors: as MailStore, and: kUnavailable for a changed UIDVALIDITY and after
// giving up reconnecting; kFailedPrecondition when a login is refused or a
// certificate not trusted (also on reconnecting); kIOError when the server
// refuses a command.
// Thread-safety: as MailStore.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailstore/imap/imap_connection.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/mail_store.h"

namespace mailtrail::mailstore {

class ImapStore final : public MailStore {
 public:
  struct Tuning {
    // How long to keep reconnecting after the connection broke. Default: 10 s.
    std::chrono::milliseconds give_up_after{10000};
    // The first pause between reconnects; each next one doubles, up to 2 s.
    std::chrono::milliseconds first_backoff{100};
    // How often WaitForChange asks a server without IDLE. Default: 5 s.
    std::chrono::milliseconds poll_interval{5000};
  };

  // Connects and logs in (see ImapConnection::Open for the errors), and learns
  // the server's hierarchy separator.
  static Result<std::unique_ptr<ImapStore>> Open(const ImapUrl& url, const ConnectOptions& options,
                                                 const Tuning& tuning);
  static Result<std::unique_ptr<ImapStore>> Open(const ImapUrl& url, const ConnectOptions& options) {
    return Open(url, options, Tuning());
  }

  Status CheckFolder(std::string_view folder) override;
  Status CreateFolder(std::string_view folder) override;
  Result<std::vector<MessageRef>> ListMessages(std::string_view folder, std::size_t limit) override;
  Result<std::vector<Status>> ReadMessages(std::string_view folder, const std::vector<MessageRef>& messages,
                                           ReadExtent extent, const BatchChunkSink& sink) override;
  Result<std::vector<domain::StoredLocation>> CopyMessages(std::string_view from_folder,
                                                           const std::vector<CopyRequest>& requests,
                                                           std::string_view to_folder) override;
  Status DeleteMessages(std::string_view folder, const std::vector<MessageRef>& messages) override;
  Result<std::vector<bool>> ExistAll(const std::vector<domain::Attachment>& attachments) override;
  Status ReadStored(const domain::Attachment& attachment, const ChunkSink& sink) override;
  Result<std::vector<std::optional<domain::StoredLocation>>> FindStoredIn(
      std::string_view folder, const std::vector<domain::Attachment>& attachments) override;
  Result<bool> MayStillArrive(const domain::StoredLocation& location) override;
  Result<bool> WaitForChange(std::string_view folder, std::chrono::milliseconds timeout) override;

 private:
  // A folder as the user names it and as the server does.
  struct Folder {
    std::string name;         // e.g. Sales/Queue
    std::string server_name;  // e.g. Sales.Queue
  };
  // What WaitForChange saw of a folder last time.
  struct Watch {
    std::string folder;
    std::uint32_t uidvalidity = 0;
    std::uint32_t uidnext = 0;
  };

  ImapStore(ImapUrl url, ConnectOptions options, Tuning tuning, std::unique_ptr<ImapConnection> connection,
            char separator);

  // Runs `operation` on the connection; reconnects and runs it again while it
  // fails on the wire, until Tuning::give_up_after.
  template <typename Operation>
  auto WithConnection(Operation operation) -> decltype(operation(std::declval<ImapConnection&>()));

  Result<Folder> ToFolder(std::string_view folder) const;
  // Whether opening a folder may keep it selected when it is already
  // (ImapConnection::SelectReusing), or must select it anew for a current state.
  enum class Selection { kFresh, kReuse };
  // EXAMINE `folder`, or SELECT it when `writable`. kNotFound names the folder.
  Result<FolderState> OpenFolder(ImapConnection& connection, const Folder& folder, bool writable,
                                 Selection selection = Selection::kFresh);
  // OpenFolder reusing the selection, and kUnavailable when the folder's
  // UIDVALIDITY is not the one `listed` (the refs' MessageRef::uidvalidity, 0
  // when unknown).
  Result<FolderState> OpenListedFolder(ImapConnection& connection, const Folder& folder, bool writable,
                                       std::uint32_t listed);
  // Reads the messages messages[i] for i in `indices` (one FETCH of `items`),
  // listed under UIDVALIDITY `listed`, into `statuses`.
  Status ReadBatch(const Folder& folder, std::uint32_t listed, const std::vector<MessageRef>& messages,
                   const std::vector<std::size_t>& indices, unsigned items, const BatchChunkSink& sink,
                   std::vector<Status>& statuses);
  // Copies those of `requests` (listed under UIDVALIDITY `listed`) whose `found`
  // UID is 0 and fills them in. `target` is the target's state before the copy,
  // when it was opened. Returns the target's UIDVALIDITY.
  Result<std::uint32_t> CopyMissing(ImapConnection& connection, const Folder& from, std::uint32_t listed,
                                    const Folder& to, const std::optional<FolderState>& target,
                                    const std::vector<CopyRequest>& requests, std::vector<std::uint32_t>& found);
  // The UID of the stored message of `attachment`, or nullopt when it is gone.
  // Opens its folder anew, unless `selection` allows keeping it selected (when
  // the caller opened it anew for an earlier attachment).
  Result<std::optional<std::uint32_t>> Locate(ImapConnection& connection, const domain::Attachment& attachment,
                                              Selection selection = Selection::kFresh);
  // Waits on the opened folder until a message arrives or `deadline`.
  Result<bool> WaitForArrival(ImapConnection& connection, std::chrono::steady_clock::time_point deadline);

  const ImapUrl url_;
  const ConnectOptions options_;  // holds the credentials, for reconnecting
  const Tuning tuning_;
  std::unique_ptr<ImapConnection> connection_;                            // null after a failed reconnect
  const char separator_;                                                  // 0 on a server without hierarchy
  std::optional<Watch> watch_;
};

}  // namespace mailtrail::mailstore
