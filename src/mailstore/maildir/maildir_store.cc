#include "mailstore/maildir/maildir_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <map>
#include <system_error>
#include <tuple>
#include <utility>

#include "mailstore/maildir/content_search.h"
#include "mailstore/maildir/posix_io.h"

namespace mailtrail::mailstore {
namespace {

using domain::StoredLocation;

constexpr std::array<std::string_view, 3> kMaildirDirs = {"cur", "new", "tmp"};
// Listed in this order so that a message moved from new/ to cur/ while it is being
// listed is still seen: in cur/, which is read after new/.
constexpr std::array<std::string_view, 2> kMessageDirs = {"new", "cur"};
// Separates a file's unique base name from its flags: "BASE:2,FLAGS".
constexpr std::string_view kInfoSeparator = ":2,";

std::string Path(std::string_view dir, std::string_view name) {
  std::string path(dir);
  path.append("/").append(name);
  return path;
}

std::string Quoted(std::string_view text) {
  std::string quoted("'");
  quoted.append(text).append("'");
  return quoted;
}

// Whether `path` is a directory; false when there is nothing there.
Result<bool> IsDirectory(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISDIR(st.st_mode);
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return posix::Error("Cannot access", path, errno);
}

// OK when `dir` is a directory with cur, new and tmp. kNotFound with
// `missing_message` when there is nothing at `dir`.
Status CheckMaildir(const std::string& dir, std::string missing_message) {
  if (::access(dir.c_str(), F_OK) != 0 && errno == ENOENT) {
    return Status::NotFound(std::move(missing_message));
  }
  MT_ASSIGN_OR_RETURN(bool is_maildir, IsDirectory(dir));
  for (std::string_view subdir : kMaildirDirs) {
    if (!is_maildir) break;
    MT_ASSIGN_OR_RETURN(is_maildir, IsDirectory(Path(dir, subdir)));
  }
  if (!is_maildir) {
    return Status::Corruption(Quoted(dir) + " is not a maildir (it has no cur, new and tmp folders).");
  }
  return Status::Ok();
}

// ---- Folder names ----

bool IsInbox(std::string_view folder) {
  return folder.size() == 5 && ::strncasecmp(folder.data(), "INBOX", 5) == 0;
}

// Why `component` cannot be one level of a folder name, or empty when it can.
std::string_view ComponentProblem(std::string_view component) {
  if (component.empty()) return "it has an empty level (a '/' at an end or a double '/')";
  for (char c : component) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '.') return "'.' separates folder levels on disk, so a name cannot contain it";
    if (c == '&') return "'&' is not supported";
    if (byte < 0x20 || byte > 0x7e) return "only printable ASCII characters are supported";
  }
  return {};
}

// The folder's directory name under the root: "" for INBOX, ".Sales.Queue" for
// "Sales/Queue".
Result<std::string> FolderDirName(std::string_view folder) {
  if (folder.empty()) return Status::InvalidArgument("The folder name is empty.");
  if (IsInbox(folder)) return std::string();
  std::string dir_name;
  for (std::string_view rest = folder;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view component = rest.substr(0, slash);
    if (std::string_view problem = ComponentProblem(component); !problem.empty()) {
      return Status::InvalidArgument("The folder name " + Quoted(folder) +
                                     " is not valid: " + std::string(problem) + ".");
    }
    dir_name.append(".").append(component);
    if (slash == std::string_view::npos) return dir_name;
    rest.remove_prefix(slash + 1);
  }
}

// ---- Message file names ----

// A message file name split at ":2,": "1700000000.M1P2.host:2,RS" is base
// "1700000000.M1P2.host" with flags "RS". A name without ":2," is all base.
struct FileName {
  std::string_view base;
  std::string_view flags;
};

FileName SplitName(std::string_view name) {
  const std::size_t at = name.find(kInfoSeparator);
  if (at == std::string_view::npos) return {name, {}};
  return {name.substr(0, at), name.substr(at + kInfoSeparator.size())};
}

bool IsFileName(std::string_view name) {
  return !name.empty() && name.front() != '.' && name.find('/') == std::string_view::npos;
}

// The file name in a MessageRef key "new/NAME" or "cur/NAME".
Result<std::string_view> MessageFileName(std::string_view key) {
  const std::size_t slash = key.find('/');
  const std::string_view subdir = key.substr(0, slash);
  if (slash == std::string_view::npos || (subdir != "new" && subdir != "cur") ||
      !IsFileName(key.substr(slash + 1))) {
    return Status::InvalidArgument(Quoted(key) +
                                   " is not a message key of a maildir (new/NAME or cur/NAME).");
  }
  return key.substr(slash + 1);
}

// The base name of the n-th copy that had to step aside for a different message
// with the same base name; for n = 2: "1700000000.M1P2.host,S=10" -> "1700000000.M1P2.host-2,S=10".
// The number goes before Dovecot's ",S=" and ",W=" size fields so they still parse.
std::string BaseNameVariant(std::string_view base, int n) {
  if (n == 0) return std::string(base);
  const std::size_t comma = std::min(base.find(','), base.size());
  std::string variant(base.substr(0, comma));
  variant.append("-").append(std::to_string(n)).append(base.substr(comma));
  return variant;
}

// The flags a copy keeps: all but T (trashed), which would let a mail client
// expunge the stored copy the next time it cleans up.
std::string StoredFlags(std::string_view flags) {
  std::string kept;
  for (char flag : flags) {
    if (flag != 'T') kept += flag;
  }
  return kept;
}

// The path of the message whose base name is `base_name` in the maildir `dir`
// (new/ under the bare name, or cur/ with any flags), or nullopt when there is none.
Result<std::optional<std::string>> FindByBaseName(const std::string& dir, const std::string& base_name) {
  // A message nobody has looked at yet may sit in new/ under its bare name.
  const std::string in_new = Path(Path(dir, "new"), base_name);
  struct stat st;
  if (::stat(in_new.c_str(), &st) == 0) return std::optional<std::string>(in_new);
  if (errno != ENOENT) return posix::Error("Cannot access", in_new, errno);
  // In cur/ its name carries the flags, which a mail client may have changed.
  // Each set of the standard flags, in the order the Maildir format writes
  // them, is one stat away; a listing of the folder, which costs as much as
  // the folder is large, is left for names with keywords or flags out of order.
  const std::string cur = Path(dir, "cur");
  constexpr std::string_view kStandardFlags = "DFPRST";
  for (unsigned set = 0; set < (1u << kStandardFlags.size()); ++set) {
    std::string name = base_name + std::string(kInfoSeparator);
    for (std::size_t i = 0; i < kStandardFlags.size(); ++i) {
      if (set & (1u << i)) name += kStandardFlags[i];
    }
    const std::string path = Path(cur, name);
    if (::stat(path.c_str(), &st) == 0) return std::optional<std::string>(path);
    if (errno != ENOENT) return posix::Error("Cannot access", path, errno);
  }
  std::optional<std::string> found;
  const Status status = posix::ForEachEntry(cur, [&](std::string_view name, unsigned char) {
    if (!found && SplitName(name).base == base_name) found = Path(cur, name);
    return Status::Ok();
  });
  if (status.code() == StatusCode::kNotFound) return std::optional<std::string>();  // folder gone
  MT_RETURN_IF_ERROR(status);
  return found;
}

// The oldest `limit` messages of a listing (all of them when 0), holding no
// more than that many: by arrival time, then base name, then key.
class OldestFirst {
 public:
  explicit OldestFirst(std::size_t limit) : limit_(limit) {}

  // A message in `subdir` ("new" or "cur") named `name`, of `size` bytes (-1 when unknown).
  void Offer(std::int64_t arrived_at, std::string_view subdir, std::string_view name, std::int64_t size) {
    const bool full = limit_ != 0 && kept_.size() == limit_;
    // Most messages of a large folder are newer than all those kept: no name is copied for them.
    if (full && arrived_at > kept_.front().arrived_at) return;
    MessageRef message{.key = Path(subdir, name),
                       .draft = SplitName(name).flags.find('D') != std::string_view::npos,
                       .size = size,
                       .arrived_at = arrived_at};
    if (full) {
      if (!Before(message, kept_.front())) return;
      std::pop_heap(kept_.begin(), kept_.end(), Before);
      kept_.back() = std::move(message);
    } else {
      kept_.push_back(std::move(message));
    }
    if (limit_ != 0) std::push_heap(kept_.begin(), kept_.end(), Before);
  }

  // The messages kept, oldest first.
  std::vector<MessageRef> Take() {
    std::sort(kept_.begin(), kept_.end(), Before);
    return std::move(kept_);
  }

 private:
  static bool Before(const MessageRef& a, const MessageRef& b) {
    const auto order = [](const MessageRef& message) {
      const std::string_view key = message.key;
      return std::tuple(message.arrived_at, key.substr(key.find('/') + 1), key);
    };
    return order(a) < order(b);
  }

  const std::size_t limit_;
  std::vector<MessageRef> kept_;  // a heap, newest on top, while there is a limit
};

// ---- Content ----

// Streams the file at `path` to `sink` while it asks for more.
Status StreamFile(const std::string& path, const std::function<bool(std::string_view chunk)>& sink) {
  return posix::ReadChunks(path, [&sink](std::string_view chunk) -> Result<bool> { return sink(chunk); });
}

// ---- Copying ----

// link(2) errors that mean "no hard link here" rather than "something is wrong":
// another file system, one without hard links, too many links, or a kernel that
// protects other users' files from being linked.
bool HardLinkUnavailable(int error) {
  return error == EXDEV || error == EPERM || error == EMLINK || error == EOPNOTSUPP;
}

// Copies messages into one target folder. It knows the base names the target
// held when it started plus those it has added, and which of the target's
// directories it has to sync before the copies are durable.
class FolderCopy {
 public:
  // `known` is what is known of the target: IndexTarget fills it, Copy adds to it.
  FolderCopy(std::string from_dir, std::string to_dir, mode_t file_mode, BaseNameSet& known)
      : from_dir_(std::move(from_dir)), to_dir_(std::move(to_dir)), file_mode_(file_mode), known_(known) {}

  // Reads the target's base names into `known`. Call before the first Copy into
  // a target.
  Status IndexTarget();
  // Copies the message of `request` into the target's cur/, or adopts a copy that
  // is already there. Returns the copy's base name.
  Result<std::string> Copy(const CopyRequest& request);
  // Makes every copy durable: syncs each touched directory of the target once.
  Status Sync() const;

 private:
  // Whether the file at `path` is the message of `request`, whose file is
  // `source` (`source_stat` the stat of it).
  Result<bool> HoldsMessage(const std::string& path, const CopyRequest& request, const std::string& source,
                            const struct stat& source_stat) const;
  // Puts a copy of `source` at `key` in the target: a hard link where possible.
  // False when a file is already at `key`.
  Result<bool> Place(const std::string& source, const std::string& base_name, const std::string& key);
  // Writes `source` to `temp`, syncs it, and renames it to `target`.
  Status StreamCopy(const std::string& source, const std::string& temp, const std::string& target) const;
  Status WriteSyncedFile(const std::string& source, const std::string& temp) const;

  const std::string from_dir_;
  const std::string to_dir_;
  const mode_t file_mode_;
  BaseNameSet& known_;
  bool sync_new_ = false;
  bool sync_tmp_ = false;
};

Status FolderCopy::IndexTarget() {
  std::vector<std::uint64_t> listed;
  for (std::string_view subdir : kMessageDirs) {
    MT_RETURN_IF_ERROR(posix::ForEachEntry(Path(to_dir_, subdir), [&](std::string_view name, unsigned char) {
      listed.push_back(BaseNameId(SplitName(name).base));
      return Status::Ok();
    }));
  }
  known_.Reset(std::move(listed));
  return Status::Ok();
}

Result<std::string> FolderCopy::Copy(const CopyRequest& request) {
  MT_ASSIGN_OR_RETURN(const std::string_view name, MessageFileName(request.source.key));
  const std::string source = Path(from_dir_, request.source.key);
  struct stat source_stat;
  if (::stat(source.c_str(), &source_stat) != 0) return posix::Error("Cannot access", source, errno);
  const FileName parts = SplitName(name);
  for (int n = 0;; ++n) {
    std::string base_name = BaseNameVariant(parts.base, n);
    const std::uint64_t id = BaseNameId(base_name);
    // The set only says a name may be taken (a hash may collide, a file may have
    // gone since): where it may, the file decides.
    std::optional<std::string> taken;
    if (known_.MayContain(id)) {
      MT_ASSIGN_OR_RETURN(taken, FindByBaseName(to_dir_, base_name));
    }
    if (!taken) {
      std::string key = Path("cur", base_name);
      key.append(kInfoSeparator).append(StoredFlags(parts.flags));
      MT_ASSIGN_OR_RETURN(const bool placed, Place(source, base_name, key));
      known_.Add(id);
      if (placed) return base_name;
      taken = Path(to_dir_, key);  // there, though it was not listed
    }
    MT_ASSIGN_OR_RETURN(const bool same, HoldsMessage(*taken, request, source, source_stat));
    if (same) {
      sync_new_ = sync_new_ || taken->starts_with(Path(to_dir_, "new/"));
      return base_name;
    }
  }
}

Result<bool> FolderCopy::HoldsMessage(const std::string& path, const CopyRequest& request, const std::string& source,
                                      const struct stat& source_stat) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return posix::Error("Cannot access", path, errno);
  if (st.st_dev == source_stat.st_dev && st.st_ino == source_stat.st_ino) return true;  // our own hard link
  if (st.st_size != source_stat.st_size) return false;
  MT_ASSIGN_OR_RETURN(const std::string hash, Sha256OfFile(path));
  if (!request.content_hash.empty()) return hash == request.content_hash;
  MT_ASSIGN_OR_RETURN(const std::string source_hash, Sha256OfFile(source));
  return hash == source_hash;
}

Result<bool> FolderCopy::Place(const std::string& source, const std::string& base_name, const std::string& key) {
  const std::string target = Path(to_dir_, key);
  if (::link(source.c_str(), target.c_str()) == 0) return true;
  if (errno == EEXIST) return false;
  if (!HardLinkUnavailable(errno)) {
    return posix::Error("Cannot link " + Quoted(source) + " to", target, errno);
  }
  sync_tmp_ = true;
  MT_RETURN_IF_ERROR(StreamCopy(source, Path(Path(to_dir_, "tmp"), base_name), target));
  return true;
}

Status FolderCopy::StreamCopy(const std::string& source, const std::string& temp,
                              const std::string& target) const {
  Status status = WriteSyncedFile(source, temp);
  if (status.ok() && ::rename(temp.c_str(), target.c_str()) != 0) {
    status = posix::Error("Cannot rename " + Quoted(temp) + " to", target, errno);
  }
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

Status FolderCopy::WriteSyncedFile(const std::string& source, const std::string& temp) const {
  posix::UniqueFd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, file_mode_));
  if (out.get() < 0) return posix::Error("Cannot create", temp, errno);
  MT_RETURN_IF_ERROR(posix::ReadChunks(
      source, [&](std::string_view chunk) -> Result<bool> {
        Status written = posix::WriteAll(out.get(), chunk, temp);
        if (!written.ok()) return written;
        return true;
      }));
  if (::fsync(out.get()) != 0) return posix::Error("Cannot sync", temp, errno);
  return Status::Ok();
}

Status FolderCopy::Sync() const {
  MT_RETURN_IF_ERROR(posix::SyncDir(Path(to_dir_, "cur")));
  if (sync_new_) MT_RETURN_IF_ERROR(posix::SyncDir(Path(to_dir_, "new")));
  if (sync_tmp_) MT_RETURN_IF_ERROR(posix::SyncDir(Path(to_dir_, "tmp")));
  return Status::Ok();
}

}  // namespace

// ---- MaildirStore ----

MaildirStore::MaildirStore(std::string root, mode_t dir_mode) : root_(std::move(root)), dir_mode_(dir_mode) {}

Result<std::unique_ptr<MaildirStore>> MaildirStore::Open(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  MT_RETURN_IF_ERROR(CheckMaildir(root, "The maildir " + Quoted(root) + " does not exist."));
  struct stat st;
  if (::stat(root.c_str(), &st) != 0) return posix::Error("Cannot access", root, errno);
  return std::unique_ptr<MaildirStore>(new MaildirStore(std::move(root), st.st_mode & 0777));
}

Status MaildirStore::CreateRoot(const std::string& root) {
  const std::filesystem::path parent = std::filesystem::path(root).parent_path();
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) return posix::Error("Cannot create", parent.string(), error.value());
  MT_RETURN_IF_ERROR(posix::MakeDir(root, 0700));
  for (std::string_view subdir : kMaildirDirs) MT_RETURN_IF_ERROR(posix::MakeDir(Path(root, subdir), 0700));
  return Status::Ok();
}

Result<std::string> MaildirStore::FolderPath(std::string_view folder) const {
  MT_ASSIGN_OR_RETURN(const std::string dir_name, FolderDirName(folder));
  return dir_name.empty() ? root_ : Path(root_, dir_name);
}

Result<std::string> MaildirStore::ExistingFolderPath(std::string_view folder) const {
  MT_ASSIGN_OR_RETURN(std::string dir, FolderPath(folder));
  MT_RETURN_IF_ERROR(
      CheckMaildir(dir, "The folder " + Quoted(folder) + " does not exist in the mail store."));
  return dir;
}

Status MaildirStore::CheckFolder(std::string_view folder) { return ExistingFolderPath(folder).status(); }

Status MaildirStore::CreateFolder(std::string_view folder) {
  MT_ASSIGN_OR_RETURN(const std::string dir, FolderPath(folder));
  MT_RETURN_IF_ERROR(posix::MakeDir(dir, dir_mode_));
  for (std::string_view subdir : kMaildirDirs) {
    MT_RETURN_IF_ERROR(posix::MakeDir(Path(dir, subdir), dir_mode_));
  }
  // Dovecot marks every folder but the root this way.
  if (dir != root_) MT_RETURN_IF_ERROR(posix::TouchFile(Path(dir, "maildirfolder"), file_mode()));
  MT_RETURN_IF_ERROR(posix::SyncDir(dir));
  MT_RETURN_IF_ERROR(posix::SyncDir(root_));
  return CheckFolder(folder);
}

Result<std::vector<MessageRef>> MaildirStore::ListMessages(std::string_view folder, std::size_t limit) {
  MT_ASSIGN_OR_RETURN(const std::string dir, ExistingFolderPath(folder));
  ArrivalTimes& known = arrival_times_[dir];
  std::vector<std::pair<std::uint64_t, std::int64_t>> seen;
  OldestFirst oldest(limit);
  for (std::string_view subdir : kMessageDirs) {
    const std::string subdir_path = Path(dir, subdir);
    MT_RETURN_IF_ERROR(posix::ForEachEntry(subdir_path, [&](std::string_view name, unsigned char type) {
      if (type != DT_REG && type != DT_UNKNOWN) return Status::Ok();
      const std::uint64_t id = BaseNameId(SplitName(name).base);
      std::optional<std::int64_t> arrived_at = type == DT_REG ? known.Find(id) : std::nullopt;
      std::int64_t size = -1;  // unknown until stat
      if (!arrived_at) {
        const std::string path = Path(subdir_path, name);
        struct stat st;
        if (::lstat(path.c_str(), &st) != 0) {
          if (errno == ENOENT) return Status::Ok();  // removed or moved since it was listed
          return posix::Error("Cannot access", path, errno);
        }
        if (!S_ISREG(st.st_mode)) return Status::Ok();
        arrived_at = st.st_mtim.tv_sec;
        size = st.st_size;
      }
      seen.emplace_back(id, *arrived_at);
      oldest.Offer(*arrived_at, subdir, name, size);
      return Status::Ok();
    }));
  }
  known.Replace(std::move(seen));
  std::vector<MessageRef> messages = oldest.Take();
  // Sizes of the files whose arrival time was known, which were not stat'ed.
  std::erase_if(messages, [&dir](MessageRef& message) {
    if (message.size >= 0) return false;
    struct stat st;
    if (::lstat(Path(dir, message.key).c_str(), &st) != 0) return true;  // gone since; the next listing tells
    message.size = st.st_size;
    return false;
  });
  return messages;
}

Result<std::vector<Status>> MaildirStore::ReadMessages(std::string_view folder,
                                                       const std::vector<MessageRef>& messages,
                                                       ReadExtent /*extent: the sink stops a read*/,
                                                       const BatchChunkSink& sink) {
  MT_ASSIGN_OR_RETURN(const std::string dir, FolderPath(folder));
  std::vector<Status> statuses;
  statuses.reserve(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    Status valid = MessageFileName(messages[i].key).status();
    statuses.push_back(valid.ok() ? StreamFile(Path(dir, messages[i].key),
                                               [&sink, i](std::string_view chunk) { return sink(i, chunk); })
                                  : valid);
  }
  return statuses;
}

Result<std::vector<StoredLocation>> MaildirStore::CopyMessages(std::string_view from_folder,
                                                               const std::vector<CopyRequest>& requests,
                                                               std::string_view to_folder) {
  MT_ASSIGN_OR_RETURN(std::string from_dir, ExistingFolderPath(from_folder));
  MT_ASSIGN_OR_RETURN(std::string to_dir, ExistingFolderPath(to_folder));
  std::vector<StoredLocation> locations;
  if (requests.empty()) return locations;
  const auto [known, first_copy] = copy_targets_.try_emplace(to_dir);
  FolderCopy copy(std::move(from_dir), to_dir, file_mode(), known->second);
  if (first_copy) {
    const Status indexed = copy.IndexTarget();
    if (!indexed.ok()) {
      copy_targets_.erase(known);
      return indexed;
    }
  }
  for (const CopyRequest& request : requests) {
    MT_ASSIGN_OR_RETURN(std::string base_name, copy.Copy(request));
    locations.push_back({.folder = std::string(to_folder), .key = std::move(base_name), .uidvalidity = 0});
  }
  MT_RETURN_IF_ERROR(copy.Sync());
  return locations;
}

Status MaildirStore::DeleteMessages(std::string_view folder, const std::vector<MessageRef>& messages) {
  MT_ASSIGN_OR_RETURN(const std::string dir, ExistingFolderPath(folder));
  for (const MessageRef& message : messages) {
    MT_RETURN_IF_ERROR(MessageFileName(message.key).status());
    const std::string path = Path(dir, message.key);
    if (::unlink(path.c_str()) == 0) continue;
    if (errno != ENOENT) return posix::Error("Cannot delete", path, errno);
    // A mail client may have moved it from new/ to cur/, or changed its flags,
    // since it was listed: it is still the same message under its base name.
    const std::string base_name(SplitName(*MessageFileName(message.key)).base);
    MT_ASSIGN_OR_RETURN(const std::optional<std::string> moved,
                        FindStored({.folder = std::string(folder), .key = base_name, .uidvalidity = 0}));
    if (moved && ::unlink(moved->c_str()) != 0 && errno != ENOENT) {
      return posix::Error("Cannot delete", *moved, errno);
    }
  }
  for (std::string_view subdir : kMessageDirs) MT_RETURN_IF_ERROR(posix::SyncDir(Path(dir, subdir)));
  return Status::Ok();
}

Result<std::optional<std::string>> MaildirStore::FindStored(const StoredLocation& location) const {
  MT_ASSIGN_OR_RETURN(const std::string dir, FolderPath(location.folder));
  const std::string& base_name = location.key;
  if (!IsFileName(base_name) || SplitName(base_name).base != base_name) {
    return Status::InvalidArgument(Quoted(base_name) + " is not the name of a message stored in a maildir.");
  }
  return FindByBaseName(dir, base_name);
}

Result<std::vector<bool>> MaildirStore::ExistAll(const std::vector<domain::Attachment>& attachments) {
  std::vector<bool> exist;
  exist.reserve(attachments.size());
  for (const domain::Attachment& attachment : attachments) {
    MT_ASSIGN_OR_RETURN(const std::optional<std::string> path, FindStored(attachment.location));
    exist.push_back(path.has_value());
  }
  return exist;
}

Status MaildirStore::ReadStored(const domain::Attachment& attachment, const ChunkSink& sink) {
  const StoredLocation& location = attachment.location;
  MT_ASSIGN_OR_RETURN(const std::optional<std::string> path, FindStored(location));
  if (!path) {
    return Status::NotFound("The stored message " + Quoted(location.key) + " is no longer in the folder " +
                            Quoted(location.folder) + ".");
  }
  return StreamFile(*path, [&sink](std::string_view chunk) {
    sink(chunk);
    return true;
  });
}

Result<std::vector<std::optional<StoredLocation>>> MaildirStore::FindStoredIn(
    std::string_view folder, const std::vector<domain::Attachment>& attachments) {
  MT_ASSIGN_OR_RETURN(const std::string dir, FolderPath(folder));
  MT_ASSIGN_OR_RETURN(const std::vector<std::optional<std::string>> names, FindByContent(dir, attachments));
  std::vector<std::optional<StoredLocation>> found;
  found.reserve(names.size());
  for (const std::optional<std::string>& name : names) {
    if (!name) {
      found.emplace_back();
      continue;
    }
    const std::string_view file_name = std::string_view(*name).substr(name->find('/') + 1);
    found.push_back(StoredLocation{
        .folder = std::string(folder), .key = std::string(SplitName(file_name).base), .uidvalidity = 0});
  }
  return found;
}

Result<bool> MaildirStore::MayStillArrive(const StoredLocation& /*location: a local folder is no replica*/) {
  return false;
}

Result<bool> MaildirStore::WaitForChange(std::string_view folder, std::chrono::milliseconds timeout) {
  MT_ASSIGN_OR_RETURN(const std::string dir, ExistingFolderPath(folder));
  posix::UniqueFd watch(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
  if (watch.get() < 0) return posix::Error("Cannot watch", dir, errno);
  for (std::string_view subdir : kMessageDirs) {
    const std::string path = Path(dir, subdir);
    if (::inotify_add_watch(watch.get(), path.c_str(), IN_CREATE | IN_MOVED_TO) < 0) {
      return posix::Error("Cannot watch", path, errno);
    }
  }
  // Armed: compare with the state the previous call saw.
  MT_ASSIGN_OR_RETURN(FolderState before, ReadFolderState(dir));
  const auto previous = std::exchange(last_seen_[dir], before);
  if (previous && *previous != before) return true;
  pollfd ready{.fd = watch.get(), .events = POLLIN, .revents = 0};
  const int polled = ::poll(&ready, 1, static_cast<int>(timeout.count()));
  if (polled < 0 && errno != EINTR) return posix::Error("Cannot wait for changes in", dir, errno);
  if (polled > 0) {
    MT_ASSIGN_OR_RETURN(last_seen_[dir], ReadFolderState(dir));
    return true;
  }
  return false;
}

Result<MaildirStore::FolderState> MaildirStore::ReadFolderState(const std::string& dir) const {
  FolderState state{};
  for (std::size_t i = 0; i < kMessageDirs.size(); ++i) {
    const std::string path = Path(dir, kMessageDirs[i]);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return posix::Error("Cannot access", path, errno);
    state[i] = {st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
  }
  return state;
}

}  // namespace mailtrail::mailstore
