// MaildirStore: a MailStore over a local Maildir++ tree, laid out as Dovecot lays
// it out so that Dovecot can serve the same folders over IMAP.
//
// Layout: the root is itself the INBOX maildir (ROOT/{cur,new,tmp}); folder "F" is
// ROOT/.F and folder "Sales/Queue" is ROOT/.Sales.Queue, each with cur, new and tmp.
// "INBOX" (any case) names the root. A folder name is one or more components
// joined by '/'; a component is printable ASCII without '.', '/' or '&' (Dovecot's
// hierarchy separator on disk and its escape for other characters), so names map
// to directories one to one. Any other name is kInvalidArgument.
//
// Listing: a listing with a limit holds only that many names, and a folder's
// second listing stats only the files its first did not see, so that a pass can
// list a queue of a million messages in rounds, in bounded memory.
//
// Messages: a MessageRef key is the file's path inside its folder, "new/NAME" or
// "cur/NAME:2,FLAGS". Listing and reading never move a file from new to cur and
// never rename it, so flags are left as they are. A StoredLocation key is the
// unique base name of the stored file (its name up to ":2,"): it still finds the
// file after a mail client renames it to change its flags.
//
// Copies: a copy within one file system is a hard link into the target's cur/,
// keeping the source's flags; across file systems the bytes are streamed through
// the target's tmp/ and renamed into cur/. A copy keeps the source's base name;
// when that name is taken by a different message, the copy gets a numbered
// variant of it. A copy already in the target under its base name (or variant)
// with the requested content hash is adopted instead of copied again, so a batch
// that crashed before its commit can be copied again safely.
//
// FindStoredIn reads the header block of every message of the folder (and hashes
// those of the size of an attachment without a Message-ID) once per call: see
// content_search.h. MayStillArrive is always false.
//
// Thread-safety: as MailStore. Dovecot and mail clients may work on the same tree
// meanwhile: a message they move from new/ to cur/ or rename for its flags is
// still listed and found.
#pragma once

#include <sys/types.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "mailstore/mail_store.h"
#include "mailstore/maildir/name_index.h"

namespace mailtrail::mailstore {

class MaildirStore final : public MailStore {
 public:
  // Opens the maildir at `root`, an absolute path. Creates nothing.
  // Errors: kNotFound (root missing), kCorruption (root is not a directory with
  // cur, new and tmp), kIOError.
  static Result<std::unique_ptr<MaildirStore>> Open(std::string root);

  // Makes `root` (with its parents) and root/{cur,new,tmp}, private to the user,
  // where missing: an empty maildir to Open, for setup and demos. Errors: kIOError.
  static Status CreateRoot(const std::string& root);

  // The directory that holds `folder`, e.g. ROOT/.Sales.Queue for "Sales/Queue".
  // Errors: kInvalidArgument (bad folder name).
  Result<std::string> FolderPath(std::string_view folder) const;

  // MailStore. CheckFolder is kCorruption when the folder's directory is not a
  // maildir. CreateFolder also creates the `maildirfolder` marker Dovecot expects;
  // new directories and files take the root directory's permissions, as Dovecot's do.
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
  MaildirStore(std::string root, mode_t dir_mode);

  // FolderPath of a folder that must exist as a maildir.
  Result<std::string> ExistingFolderPath(std::string_view folder) const;
  // The path of the message whose base name is `location.key` in its folder (new/
  // under the bare name, or cur/ with any flags), or nullopt when it is gone.
  Result<std::optional<std::string>> FindStored(const domain::StoredLocation& location) const;

  mode_t file_mode() const { return dir_mode_ & 0666; }

  // Modification times of a folder's new/ and cur/: they change whenever a
  // message arrives, leaves or is renamed.
  using FolderState = std::array<std::pair<std::int64_t, std::int64_t>, 2>;
  Result<FolderState> ReadFolderState(const std::string& dir) const;

  const std::string root_;
  const mode_t dir_mode_;  // the root's permissions, given to the folders created
  std::map<std::string, std::optional<FolderState>> last_seen_;  // by folder path, for WaitForChange
  // What CopyMessages knows of each target folder (by path): the base names
  // listed there on the first copy into it and those copied since, so that a pass
  // lists its storage folder once and not once a batch.
  std::map<std::string, BaseNameSet> copy_targets_;
  // What the last listing of each folder (by path) learnt of arrival times.
  std::map<std::string, ArrivalTimes> arrival_times_;
};

}  // namespace mailtrail::mailstore
