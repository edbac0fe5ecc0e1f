// MailStore: the one interface to where mail lives (Maildir, IMAP).
//
// Folders are named as the user names them ("Queue", "Storage", "Sales/Queue").
// A message in a folder is addressed by a MessageRef the store handed out.
//
// Thread-safety: an instance is used by one thread at a time.
// Errors: kNotFound (folder or message missing), kCorruption (the store is not
// what its URL says, e.g. a directory that is not a maildir), kIOError,
// kUnavailable (server unreachable), kInvalidArgument (bad folder name, message
// key, stored location or URL).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"

namespace mailtrail::mailstore {

// One message in a folder, as listed.
struct MessageRef {
  std::string key;         // Maildir: file name relative to the folder (new/X or cur/X:2,FL)
  bool draft = false;      // the store marks it as a draft (Maildir flag D)
  std::int64_t size = 0;   // bytes
  domain::UnixTime arrived_at = 0;  // when it reached this folder; orders the queue
  // IMAP: the folder's UIDVALIDITY when it was listed, as `key` is a UID only
  // under it (another store of the same account may use the ref; a store refuses
  // it once the folder was renumbered). 0: not an IMAP listing.
  std::uint32_t uidvalidity = 0;
};

// A message to put into another folder, with what the store may use to find a
// copy an earlier, interrupted call already made.
struct CopyRequest {
  MessageRef source;
  std::string message_id;    // may be empty
  std::string content_hash;  // hex SHA-256 of the raw message; may be empty when message_id is not
  // Whether an earlier call may have copied this message already (it was
  // interrupted before its caller recorded the copy). A store whose search for
  // such a copy is costly (IMAP) searches only for these. Default: true.
  bool earlier_copy_possible = true;
};

// How much of each message ReadMessages must stream.
enum class ReadExtent {
  kWhole,
  // At least the header block, up to the empty line that ends it (or the whole
  // message when it has none); a store may stream more.
  kHeader,
};

// Receives a message's raw bytes, in order, in chunks of any size.
using ChunkSink = std::function<void(std::string_view chunk)>;
// Receives the raw bytes of the index-th message of a batch; returns false when
// it needs no more of that message, which a store may then stop reading.
using BatchChunkSink = std::function<bool(std::size_t index, std::string_view chunk)>;

class MailStore {
 public:
  virtual ~MailStore() = default;

  // OK when `folder` exists. kNotFound when it does not.
  virtual Status CheckFolder(std::string_view folder) = 0;

  // Creates `folder` if missing. Idempotent.
  virtual Status CreateFolder(std::string_view folder) = 0;

  // Up to `limit` messages of `folder` (0 = all), oldest first. Never changes a
  // message or its flags.
  virtual Result<std::vector<MessageRef>> ListMessages(std::string_view folder,
                                                       std::size_t limit) = 0;

  // Streams `extent` of each message of `messages` to `sink`: sink(i, chunk)
  // receives the chunks of messages[i], in order, from its first byte. Returns one
  // Status per message: OK, or why that message could not be read (kNotFound when
  // it vanished). The Result's own error is one that stopped the whole batch
  // (folder gone, connection lost). Never changes a message's flags. Stores may
  // read the batch in one round trip.
  virtual Result<std::vector<Status>> ReadMessages(std::string_view folder,
                                                   const std::vector<MessageRef>& messages, ReadExtent extent,
                                                   const BatchChunkSink& sink) = 0;

  // One whole message: ReadMessages with a batch of one.
  Status ReadMessage(std::string_view folder, const MessageRef& message, const ChunkSink& sink);

  // Copies each request's message from `from_folder` into `to_folder` and makes
  // the copies durable before returning. Returns one location per request, in
  // order. Idempotent for requests with earlier_copy_possible: where a copy of
  // the same message (same file; or same Message-ID and size, or same content
  // when it has no Message-ID) is already in `to_folder`, its location is
  // returned and no second copy is made.
  virtual Result<std::vector<domain::StoredLocation>> CopyMessages(
      std::string_view from_folder, const std::vector<CopyRequest>& requests,
      std::string_view to_folder) = 0;

  // Removes the messages from `folder` and makes the removal durable. A message
  // that is already gone is not an error.
  virtual Status DeleteMessages(std::string_view folder,
                                const std::vector<MessageRef>& messages) = 0;

  // For each of `attachments`, whether its stored message can still be read. A
  // store may look beyond `attachment.location` (a renamed file, a changed
  // UIDVALIDITY) and find it by its Message-ID.
  virtual Result<std::vector<bool>> ExistAll(const std::vector<domain::Attachment>& attachments) = 0;

  // One attachment: ExistAll of one.
  Result<bool> Exists(const domain::Attachment& attachment);

  // Streams the stored message of `attachment`, found as Exists finds it.
  // kNotFound when it is gone.
  virtual Status ReadStored(const domain::Attachment& attachment, const ChunkSink& sink) = 0;

  // For each of `attachments`, where in `folder` its stored message is now, found
  // by its content and not by its location (a message moved there, or moved out
  // and back): a message with its Message-ID, of its size first; when it has
  // none, a message of its size and content hash. nullopt when `folder` holds
  // none (or does not exist). A location found resolves with ReadStored.
  virtual Result<std::vector<std::optional<domain::StoredLocation>>> FindStoredIn(
      std::string_view folder, const std::vector<domain::Attachment>& attachments) = 0;

  // Whether the stored message at `location`, not there now, may still arrive:
  // the location names a message the folder has not received yet, as on a
  // replica of the server that is behind the one that stored it (replication
  // such as Dovecot's dsync keeps UIDs and UIDVALIDITY). IMAP: the folder has
  // the location's UIDVALIDITY and its UIDNEXT is not past the location's UID.
  // Maildir: never (a local folder is not a replica).
  virtual Result<bool> MayStillArrive(const domain::StoredLocation& location) = 0;

  // True when `folder` changed since the previous WaitForChange on this object;
  // else blocks until it changes (a message arrives) or `timeout` passes. The first
  // call only records the folder's state (call it with a zero timeout to arm a
  // watcher before a pass: mail that arrives during the pass is then not missed).
  // Maildir watches the directories (inotify); IMAP uses IDLE where the server
  // offers it, else polls.
  virtual Result<bool> WaitForChange(std::string_view folder, std::chrono::milliseconds timeout) = 0;
};

// How to reach a store behind a URL; Maildir uses none of it.
struct ConnectOptions {
  // Refuse to log in without TLS (implicit, or STARTTLS). Default: false; STARTTLS
  // is used whenever the server offers it.
  bool require_tls = false;
  // PEM file of the CA to check the server's certificate with, in place of the
  // system's CAs. Default: empty (the system store).
  std::string ca_file;
  // The password, or an OAuth2 bearer token for AUTHENTICATE XOAUTH2 (Exchange
  // Online, Gmail). Never from the command line; never logged.
  std::string password;
  std::string oauth2_token;
  // Limit on connecting and on every command. Default: 30 s.
  std::chrono::milliseconds timeout{30000};
};

// Whether `url` has the form of a mail store URL (maildir:///ABS/ROOT,
// imap://USER@HOST[:PORT], imaps://USER@HOST[:PORT]); looks at nothing on disk or
// the network. Errors: kInvalidArgument, saying which forms are accepted.
Status CheckMailStoreUrl(std::string_view url);

// Opens the store `url` names.
// Errors: kInvalidArgument (unknown scheme, relative path), kNotFound (root missing),
// kCorruption (root is not a maildir), kUnavailable (server unreachable),
// kFailedPrecondition (login refused, TLS required but not offered, bad certificate).
Result<std::unique_ptr<MailStore>> OpenMailStore(std::string_view url, const ConnectOptions& options = {});

}  // namespace mailtrail::mailstore
