#include "mailstore/imap/imap_store.h"

#include <strings.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

#include "mailstore/imap/imap_content.h"

namespace mailtrail::mailstore {
namespace {

using Clock = std::chrono::steady_clock;
using domain::StoredLocation;
using std::chrono::milliseconds;

constexpr milliseconds kMaxBackoff{2000};
// RFC 2177 asks clients to renew IDLE before 29 minutes.
constexpr milliseconds kMaxIdle = std::chrono::minutes(25);

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

bool IsInbox(std::string_view folder) { return folder.size() == 5 && ::strncasecmp(folder.data(), "INBOX", 5) == 0; }

// Why `level` cannot be one level of a folder name on a server with `separator`,
// or empty when it can.
std::string LevelProblem(std::string_view level, char separator) {
  if (level.empty()) return "it has an empty level (a '/' at an end or a double '/')";
  for (char c : level) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return "only printable ASCII characters are supported";
    if (c == '*' || c == '%') return "'*' and '%' are wildcards in IMAP";
    if (c == separator) return std::string("'") + c + "' separates folder levels on this IMAP server";
  }
  return {};
}

// A MessageRef or StoredLocation key: a UID in decimal.
Result<std::uint32_t> ParseUid(std::string_view key) {
  std::uint32_t uid = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), uid);
  if (key.empty() || error != std::errc() || end != key.data() + key.size() || uid == 0) {
    return Status::InvalidArgument(Quoted(key) + " is not the UID of a message in an IMAP folder.");
  }
  return uid;
}

// The UIDVALIDITY the messages were listed under (0 when unknown).
// Errors: kInvalidArgument when they come from different listings.
Result<std::uint32_t> ListedUidValidity(const std::vector<MessageRef>& messages) {
  std::uint32_t listed = 0;
  for (const MessageRef& message : messages) {
    if (message.uidvalidity == 0) continue;
    if (listed != 0 && message.uidvalidity != listed) {
      return Status::InvalidArgument("The messages come from listings of different generations of the folder.");
    }
    listed = message.uidvalidity;
  }
  return listed;
}

Result<std::vector<std::uint32_t>> ParseUids(const std::vector<MessageRef>& messages) {
  std::vector<std::uint32_t> uids;
  uids.reserve(messages.size());
  for (const MessageRef& message : messages) {
    MT_ASSIGN_OR_RETURN(const std::uint32_t uid, ParseUid(message.key));
    uids.push_back(uid);
  }
  return uids;
}

Status MessageGone(std::uint32_t uid, std::string_view folder) {
  return Status::NotFound("The message with UID " + std::to_string(uid) + " is no longer in the folder " +
                          Quoted(folder) + ".");
}

bool HasFlag(const FetchedMessage& message, std::string_view flag) {
  return std::any_of(message.flags.begin(), message.flags.end(), [flag](const std::string& name) {
    return name.size() == flag.size() && ::strncasecmp(name.data(), flag.data(), flag.size()) == 0;
  });
}

Status StatusOf(const Status& status) { return status; }
template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.status();
}

ContentId ToContentId(const CopyRequest& request) {
  return {request.message_id, request.content_hash, request.source.size};
}

ContentId ToContentId(const domain::Attachment& attachment) {
  return {attachment.message_id, attachment.content_hash, attachment.size};
}

}  // namespace

ImapStore::ImapStore(ImapUrl url, ConnectOptions options, Tuning tuning, std::unique_ptr<ImapConnection> connection,
                     char separator)
    : url_(std::move(url)),
      options_(std::move(options)),
      tuning_(tuning),
      connection_(std::move(connection)),
      separator_(separator) {}

Result<std::unique_ptr<ImapStore>> ImapStore::Open(const ImapUrl& url, const ConnectOptions& options,
                                                   const Tuning& tuning) {
  MT_ASSIGN_OR_RETURN(std::unique_ptr<ImapConnection> connection, ImapConnection::Open(url, options));
  MT_ASSIGN_OR_RETURN(const std::vector<ListEntry> root, connection->List(""));  // LIST "" "": the separator
  const char separator = root.empty() ? '/' : root.front().delimiter;
  return std::unique_ptr<ImapStore>(new ImapStore(url, options, tuning, std::move(connection), separator));
}

template <typename Operation>
auto ImapStore::WithConnection(Operation operation) -> decltype(operation(std::declval<ImapConnection&>())) {
  const Clock::time_point give_up = Clock::now() + tuning_.give_up_after;
  milliseconds backoff = tuning_.first_backoff;
  while (true) {
    Status failure;
    if (!connection_ || connection_->lost()) {
      connection_.reset();
      Result<std::unique_ptr<ImapConnection>> reopened = ImapConnection::Open(url_, options_);
      if (reopened.ok()) {
        connection_ = std::move(reopened).value();
      } else if (reopened.status().code() != StatusCode::kUnavailable) {
        return reopened.status();  // a refused login will not get better by retrying
      } else {
        failure = reopened.status();
      }
    }
    if (connection_) {
      auto result = operation(*connection_);
      if (result.ok() || !connection_->lost()) return result;
      failure = StatusOf(result);
    }
    if (Clock::now() + backoff > give_up) {
      const auto seconds = (tuning_.give_up_after.count() + 999) / 1000;
      return Status::Unavailable("Gave up reaching the IMAP server " + url_.Endpoint() + " after " +
                                 std::to_string(seconds) + " s. " + failure.message());
    }
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

Result<ImapStore::Folder> ImapStore::ToFolder(std::string_view folder) const {
  if (folder.empty()) return Status::InvalidArgument("The folder name is empty.");
  if (IsInbox(folder)) return Folder{std::string(folder), "INBOX"};
  if (separator_ == 0 && folder.find('/') != std::string_view::npos) {
    return Status::InvalidArgument("The folder name " + Quoted(folder) +
                                   " has levels, but the IMAP server has no folder hierarchy.");
  }
  std::string server_name;
  for (std::string_view rest = folder;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view level = rest.substr(0, slash);
    if (const std::string problem = LevelProblem(level, separator_); !problem.empty()) {
      return Status::InvalidArgument("The folder name " + Quoted(folder) + " is not valid: " + problem + ".");
    }
    for (char c : level) server_name += c == '&' ? std::string("&-") : std::string(1, c);
    if (slash == std::string_view::npos) return Folder{std::string(folder), std::move(server_name)};
    server_name += separator_;
    rest.remove_prefix(slash + 1);
  }
}

Result<FolderState> ImapStore::OpenFolder(ImapConnection& connection, const Folder& folder, bool writable,
                                          Selection selection) {
  Result<FolderState> opened = selection == Selection::kReuse ? connection.SelectReusing(folder.server_name, !writable)
                                                              : connection.Select(folder.server_name, !writable);
  if (opened.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("The folder " + Quoted(folder.name) + " does not exist in the mail store.");
  }
  return opened;
}

Result<FolderState> ImapStore::OpenListedFolder(ImapConnection& connection, const Folder& folder, bool writable,
                                                std::uint32_t listed) {
  MT_ASSIGN_OR_RETURN(const FolderState state, OpenFolder(connection, folder, writable, Selection::kReuse));
  if (listed != 0 && listed != state.uidvalidity) {
    return Status::Unavailable("The IMAP server renumbered the folder " + Quoted(folder.name) +
                               " (its UIDVALIDITY changed) since it was listed; list it again.");
  }
  return state;
}

// ---- Folders ----

Status ImapStore::CheckFolder(std::string_view folder_name) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  return WithConnection([&](ImapConnection& connection) -> Status {
    MT_ASSIGN_OR_RETURN(const std::vector<ListEntry> entries, connection.List(folder.server_name));
    const bool found = std::any_of(entries.begin(), entries.end(), [&folder](const ListEntry& entry) {
      const bool same = folder.server_name == "INBOX" ? IsInbox(entry.name) : entry.name == folder.server_name;
      return same && entry.selectable;
    });
    if (found) return Status::Ok();
    return Status::NotFound("The folder " + Quoted(folder.name) + " does not exist in the mail store.");
  });
}

Status ImapStore::CreateFolder(std::string_view folder_name) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  Status exists = CheckFolder(folder_name);
  if (exists.code() != StatusCode::kNotFound) return exists;
  const Status created = WithConnection([&](ImapConnection& connection) -> Status {
    // A refused CREATE may mean another client was quicker; CheckFolder decides.
    Status create = connection.Create(folder.server_name);
    if (!create.ok()) return create.code() == StatusCode::kIOError ? Status::Ok() : create;
    Status subscribe = connection.Subscribe(folder.server_name);
    return subscribe.code() == StatusCode::kIOError ? Status::Ok() : subscribe;  // a nicety only
  });
  MT_RETURN_IF_ERROR(created);
  return CheckFolder(folder_name);
}

// ---- Queue ----

Result<std::vector<MessageRef>> ImapStore::ListMessages(std::string_view folder_name, std::size_t limit) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  return WithConnection([&](ImapConnection& connection) -> Result<std::vector<MessageRef>> {
    MT_ASSIGN_OR_RETURN(const FolderState state, OpenFolder(connection, folder, /*writable=*/false));
    std::vector<FetchedMessage> listed;
    if (state.exists > 0) {
      MT_ASSIGN_OR_RETURN(listed, connection.UidFetch(UidSet::From(1), kFetchFlags | kFetchInternalDate | kFetchSize));
    }
    std::erase_if(listed, [](const FetchedMessage& message) { return HasFlag(message, "\\Deleted"); });
    std::sort(listed.begin(), listed.end(), [](const FetchedMessage& a, const FetchedMessage& b) {
      return std::tie(a.internal_date, a.uid) < std::tie(b.internal_date, b.uid);
    });
    if (limit != 0 && listed.size() > limit) listed.resize(limit);
    std::vector<MessageRef> messages;
    messages.reserve(listed.size());
    for (const FetchedMessage& message : listed) {
      messages.push_back({.key = std::to_string(message.uid),
                          .draft = HasFlag(message, "\\Draft"),
                          .size = message.size,
                          .arrived_at = message.internal_date,
                          .uidvalidity = state.uidvalidity});
    }
    return messages;
  });
}

Result<std::vector<Status>> ImapStore::ReadMessages(std::string_view folder_name,
                                                    const std::vector<MessageRef>& messages, ReadExtent extent,
                                                    const BatchChunkSink& sink) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  std::vector<Status> statuses(messages.size());
  std::vector<std::size_t> readable;
  std::vector<std::int64_t> sizes;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    statuses[i] = ParseUid(messages[i].key).status();
    if (!statuses[i].ok()) continue;
    readable.push_back(i);
    sizes.push_back(messages[i].size);
  }
  MT_ASSIGN_OR_RETURN(const std::uint32_t listed, ListedUidValidity(messages));
  const unsigned items = extent == ReadExtent::kHeader ? kFetchHeader : kFetchBody;
  for (const auto& [first, end] : FetchBatches(sizes)) {
    const std::vector<std::size_t> batch(readable.begin() + static_cast<std::ptrdiff_t>(first),
                                         readable.begin() + static_cast<std::ptrdiff_t>(end));
    MT_RETURN_IF_ERROR(ReadBatch(folder, listed, messages, batch, items, sink, statuses));
  }
  return statuses;
}

Status ImapStore::ReadBatch(const Folder& folder, std::uint32_t listed, const std::vector<MessageRef>& messages,
                            const std::vector<std::size_t>& indices, unsigned items, const BatchChunkSink& sink,
                            std::vector<Status>& statuses) {
  std::vector<std::uint32_t> uids;
  for (std::size_t i : indices) uids.push_back(*ParseUid(messages[i].key));
  Result<std::vector<FetchedMessage>> fetched =
      WithConnection([&](ImapConnection& connection) -> Result<std::vector<FetchedMessage>> {
        MT_RETURN_IF_ERROR(OpenListedFolder(connection, folder, /*writable=*/false, listed).status());
        return connection.UidFetch(UidSet::Of(uids), items);
      });
  if (fetched.status().code() == StatusCode::kIOError && indices.size() > 1) {
    // The server refused the batch, as it may when one message of it cannot be
    // read: read one by one, so that only that message fails.
    for (std::size_t i : indices) MT_RETURN_IF_ERROR(ReadBatch(folder, listed, messages, {i}, items, sink, statuses));
    return Status::Ok();
  }
  if (fetched.status().code() == StatusCode::kIOError) {
    statuses[indices.front()] = fetched.status();
    return Status::Ok();
  }
  MT_RETURN_IF_ERROR(fetched.status());
  std::map<std::uint32_t, const FetchedMessage*> by_uid;
  for (const FetchedMessage& message : *fetched) by_uid.emplace(message.uid, &message);
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const auto found = by_uid.find(uids[k]);
    if (found == by_uid.end()) {
      statuses[indices[k]] = MessageGone(uids[k], folder.name);
      continue;
    }
    if (!found->second->body.empty()) sink(indices[k], found->second->body);
  }
  return Status::Ok();
}

Result<std::vector<StoredLocation>> ImapStore::CopyMessages(std::string_view from_name,
                                                            const std::vector<CopyRequest>& requests,
                                                            std::string_view to_name) {
  MT_ASSIGN_OR_RETURN(const Folder from, ToFolder(from_name));
  MT_ASSIGN_OR_RETURN(const Folder to, ToFolder(to_name));
  std::vector<MessageRef> sources;
  std::vector<std::size_t> maybe_copied;  // requests an earlier call may have copied
  for (std::size_t i = 0; i < requests.size(); ++i) {
    sources.push_back(requests[i].source);
    if (requests[i].earlier_copy_possible) maybe_copied.push_back(i);
  }
  MT_RETURN_IF_ERROR(ParseUids(sources).status());
  MT_ASSIGN_OR_RETURN(const std::uint32_t listed, ListedUidValidity(sources));
  bool retrying = false;
  return WithConnection([&](ImapConnection& connection) -> Result<std::vector<StoredLocation>> {
    if (retrying && maybe_copied.size() < requests.size()) {
      // The connection dropped: the server may have made the copies without
      // saying so, and they are found like those of an interrupted call.
      maybe_copied.resize(requests.size());
      for (std::size_t i = 0; i < requests.size(); ++i) maybe_copied[i] = i;
    }
    retrying = true;
    if (requests.empty()) {  // still says when a folder is missing
      MT_RETURN_IF_ERROR(OpenFolder(connection, to, /*writable=*/false).status());
      MT_RETURN_IF_ERROR(OpenFolder(connection, from, /*writable=*/false).status());
      return std::vector<StoredLocation>();
    }
    std::vector<std::uint32_t> found(requests.size(), 0);
    std::optional<FolderState> target;
    if (!maybe_copied.empty() || !connection.HasCapability("UIDPLUS")) {
      MT_ASSIGN_OR_RETURN(target, OpenFolder(connection, to, /*writable=*/false));
    }
    if (!maybe_copied.empty()) {
      std::vector<ContentId> wanted;
      for (std::size_t i : maybe_copied) wanted.push_back(ToContentId(requests[i]));
      MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> candidates, SearchCandidates(connection, wanted));
      MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> adopted, MatchByContent(connection, wanted, candidates));
      for (std::size_t k = 0; k < maybe_copied.size(); ++k) found[maybe_copied[k]] = adopted[k];
    }
    MT_ASSIGN_OR_RETURN(const std::uint32_t uidvalidity, CopyMissing(connection, from, listed, to, target, requests, found));
    std::vector<StoredLocation> locations;
    for (std::uint32_t uid : found) {
      locations.push_back({.folder = to.name, .key = std::to_string(uid), .uidvalidity = uidvalidity});
    }
    return locations;
  });
}

Result<std::uint32_t> ImapStore::CopyMissing(ImapConnection& connection, const Folder& from, std::uint32_t listed,
                                             const Folder& to, const std::optional<FolderState>& target,
                                             const std::vector<CopyRequest>& requests,
                                             std::vector<std::uint32_t>& found) {
  std::vector<std::size_t> missing;
  std::vector<std::uint32_t> source_uids;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (found[i] != 0) continue;
    missing.push_back(i);
    source_uids.push_back(*ParseUid(requests[i].source.key));
  }
  if (missing.empty()) return target->uidvalidity;  // all adopted, so the target was opened
  MT_RETURN_IF_ERROR(OpenListedFolder(connection, from, /*writable=*/false, listed).status());
  MT_ASSIGN_OR_RETURN(const CopiedUids copied, connection.UidCopy(UidSet::Of(source_uids), to.server_name));

  if (copied.uidvalidity != 0) {
    if (target && copied.uidvalidity != target->uidvalidity) {
      return Status::Unavailable("The IMAP server renumbered the folder " + Quoted(to.name) +
                                 " (its UIDVALIDITY changed) during the copy; copy again.");
    }
    std::map<std::uint32_t, std::uint32_t> copy_of;
    for (std::size_t k = 0; k < copied.source.size(); ++k) copy_of[copied.source[k]] = copied.target[k];
    for (std::size_t k = 0; k < missing.size(); ++k) {
      const auto copy = copy_of.find(source_uids[k]);
      if (copy == copy_of.end()) return MessageGone(source_uids[k], from.name);
      found[missing[k]] = copy->second;
    }
    return copied.uidvalidity;
  }

  // No COPYUID: the copies are among the target's UIDs from its UIDNEXT before
  // the copy (and "N:*" also matches the highest UID when it is below N).
  const std::uint32_t first_new = target ? target->uidnext : 1;
  MT_ASSIGN_OR_RETURN(const FolderState after, OpenFolder(connection, to, /*writable=*/false));
  if (target && after.uidvalidity != target->uidvalidity) {
    return Status::Unavailable("The IMAP server renumbered the folder " + Quoted(to.name) +
                               " (its UIDVALIDITY changed) during the copy; copy again.");
  }
  MT_ASSIGN_OR_RETURN(std::vector<std::uint32_t> added, connection.UidSearch(SearchKey::Uids(UidSet::From(first_new))));
  std::erase_if(added, [first_new](std::uint32_t uid) { return uid < first_new; });
  std::vector<ContentId> wanted;
  for (std::size_t i : missing) wanted.push_back(ToContentId(requests[i]));
  MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> copies, MatchByContent(connection, wanted, added));
  for (std::size_t k = 0; k < missing.size(); ++k) {
    if (copies[k] == 0) {
      return Status::IOError("The copy of the message with UID " + std::to_string(source_uids[k]) + " from " +
                             Quoted(from.name) + " cannot be found in " + Quoted(to.name) + ".");
    }
    found[missing[k]] = copies[k];
  }
  return after.uidvalidity;
}

Status ImapStore::DeleteMessages(std::string_view folder_name, const std::vector<MessageRef>& messages) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> uids, ParseUids(messages));
  MT_ASSIGN_OR_RETURN(const std::uint32_t listed, ListedUidValidity(messages));
  return WithConnection([&](ImapConnection& connection) -> Status {
    MT_RETURN_IF_ERROR(OpenListedFolder(connection, folder, /*writable=*/true, listed).status());
    if (uids.empty()) return Status::Ok();
    const UidSet set = UidSet::Of(uids);
    MT_RETURN_IF_ERROR(connection.UidStore(set, ImapConnection::FlagChange::kAdd, {"\\Deleted"}));
    if (connection.HasCapability("UIDPLUS")) return connection.UidExpunge(set);
    MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> marked, connection.UidSearch(SearchKey::Deleted()));
    const std::set<std::uint32_t> ours(uids.begin(), uids.end());
    const bool only_ours =
        std::all_of(marked.begin(), marked.end(), [&ours](std::uint32_t uid) { return ours.contains(uid); });
    return only_ours ? connection.Expunge() : Status::Ok();
  });
}

// ---- Storage ----

Result<std::optional<std::uint32_t>> ImapStore::Locate(ImapConnection& connection,
                                                       const domain::Attachment& attachment, Selection selection) {
  const StoredLocation& location = attachment.location;
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(location.folder));
  MT_ASSIGN_OR_RETURN(const std::uint32_t uid, ParseUid(location.key));
  Result<FolderState> state = OpenFolder(connection, folder, /*writable=*/false, selection);
  if (state.status().code() == StatusCode::kNotFound) return std::optional<std::uint32_t>();
  MT_RETURN_IF_ERROR(state.status());
  if (state->uidvalidity == static_cast<std::uint32_t>(location.uidvalidity)) {
    MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> there,
                        connection.UidSearch(SearchKey::Uids(UidSet::Of({uid}))));
    if (!there.empty()) return std::optional<std::uint32_t>(uid);
  }
  MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> found, FindStoredMessages(connection, {ToContentId(attachment)}));
  if (found.front() == 0) return std::optional<std::uint32_t>();
  return std::optional<std::uint32_t>(found.front());
}

Result<std::vector<bool>> ImapStore::ExistAll(const std::vector<domain::Attachment>& attachments) {
  return WithConnection([&](ImapConnection& connection) -> Result<std::vector<bool>> {
    std::vector<bool> exist;
    exist.reserve(attachments.size());
    // A folder is opened anew once per call (a server resynchronises it on every
    // SELECT), and kept selected for the next attachments in it.
    const std::string* fresh_folder = nullptr;
    for (const domain::Attachment& attachment : attachments) {
      const bool same_folder = fresh_folder != nullptr && *fresh_folder == attachment.location.folder;
      MT_ASSIGN_OR_RETURN(const std::optional<std::uint32_t> uid,
                          Locate(connection, attachment, same_folder ? Selection::kReuse : Selection::kFresh));
      exist.push_back(uid.has_value());
      fresh_folder = &attachment.location.folder;
    }
    return exist;
  });
}

Status ImapStore::ReadStored(const domain::Attachment& attachment, const ChunkSink& sink) {
  const StoredLocation& location = attachment.location;
  Result<std::vector<FetchedMessage>> fetched =
      WithConnection([&](ImapConnection& connection) -> Result<std::vector<FetchedMessage>> {
        MT_ASSIGN_OR_RETURN(const std::optional<std::uint32_t> uid, Locate(connection, attachment));
        if (!uid) return std::vector<FetchedMessage>();
        return connection.UidFetch(UidSet::Of({*uid}), kFetchBody);
      });
  MT_RETURN_IF_ERROR(fetched.status());
  if (fetched->empty()) {
    return Status::NotFound("The stored message " + Quoted(location.key) + " is no longer in the folder " +
                            Quoted(location.folder) + ".");
  }
  if (!fetched->front().body.empty()) sink(fetched->front().body);
  return Status::Ok();
}

Result<std::vector<std::optional<StoredLocation>>> ImapStore::FindStoredIn(
    std::string_view folder_name, const std::vector<domain::Attachment>& attachments) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  std::vector<ContentId> wanted;
  wanted.reserve(attachments.size());
  for (const domain::Attachment& attachment : attachments) wanted.push_back(ToContentId(attachment));
  return WithConnection([&](ImapConnection& connection) -> Result<std::vector<std::optional<StoredLocation>>> {
    std::vector<std::optional<StoredLocation>> found(attachments.size());
    const Result<FolderState> state = OpenFolder(connection, folder, /*writable=*/false);
    if (state.status().code() == StatusCode::kNotFound) return found;
    MT_RETURN_IF_ERROR(state.status());
    MT_ASSIGN_OR_RETURN(const std::vector<std::uint32_t> uids, FindStoredMessages(connection, wanted));
    for (std::size_t i = 0; i < uids.size(); ++i) {
      if (uids[i] == 0) continue;
      found[i] = StoredLocation{.folder = folder.name, .key = std::to_string(uids[i]), .uidvalidity = state->uidvalidity};
    }
    return found;
  });
}

Result<bool> ImapStore::MayStillArrive(const StoredLocation& location) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(location.folder));
  MT_ASSIGN_OR_RETURN(const std::uint32_t uid, ParseUid(location.key));
  return WithConnection([&](ImapConnection& connection) -> Result<bool> {
    const Result<FolderState> state = OpenFolder(connection, folder, /*writable=*/false);
    if (state.status().code() == StatusCode::kNotFound) return false;
    MT_RETURN_IF_ERROR(state.status());
    return state->uidvalidity == static_cast<std::uint32_t>(location.uidvalidity) && state->uidnext != 0 &&
           uid >= state->uidnext;
  });
}

// ---- Waiting ----

Result<bool> ImapStore::WaitForChange(std::string_view folder_name, milliseconds timeout) {
  MT_ASSIGN_OR_RETURN(const Folder folder, ToFolder(folder_name));
  const Clock::time_point deadline = Clock::now() + timeout;
  return WithConnection([&](ImapConnection& connection) -> Result<bool> {
    MT_ASSIGN_OR_RETURN(const FolderState state, OpenFolder(connection, folder, /*writable=*/false));
    const bool arrived_since_last_call = watch_ && watch_->folder == folder.name &&
                                         (watch_->uidvalidity != state.uidvalidity || watch_->uidnext != state.uidnext);
    watch_ = Watch{folder.name, state.uidvalidity, state.uidnext};
    if (arrived_since_last_call) return true;
    MT_ASSIGN_OR_RETURN(const bool arrived, WaitForArrival(connection, deadline));
    if (!arrived) return false;
    // Start the next call from what is there now, so this arrival counts once.
    MT_ASSIGN_OR_RETURN(const FolderState now, OpenFolder(connection, folder, /*writable=*/false));
    watch_ = Watch{folder.name, now.uidvalidity, now.uidnext};
    return true;
  });
}

Result<bool> ImapStore::WaitForArrival(ImapConnection& connection, Clock::time_point deadline) {
  const bool idle = connection.HasCapability("IDLE");
  while (Clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    bool arrived;
    if (idle) {
      MT_ASSIGN_OR_RETURN(arrived, connection.Idle(std::min(left, kMaxIdle)));
    } else {
      std::this_thread::sleep_for(std::min(left, tuning_.poll_interval));
      MT_ASSIGN_OR_RETURN(arrived, connection.Noop());
    }
    if (arrived) return true;
  }
  return false;
}

}  // namespace mailtrail::mailstore
