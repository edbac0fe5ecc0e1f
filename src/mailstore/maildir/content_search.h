// Finding messages of a maildir by what they hold rather than by their file
// names: MaildirStore::FindStoredIn, and the content hashes its copies compare.
// Internal to the Maildir store.
//
// Thread-safety: functions of files, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/model.h"

namespace mailtrail::mailstore {

// Lower-case hex SHA-256 of the file at `path`, read in chunks.
Result<std::string> Sha256OfFile(const std::string& path);

// For each of `attachments`, the file name (in new/ or cur/ of the maildir
// `dir`) of a message with the attachment's Message-ID, of its size first, the
// lowest name first; when the attachment has no Message-ID, of a message of its
// size and content hash. nullopt when there is none; a missing `dir` holds none.
// Reads the header block of each message (at most kMaxHeaderScan bytes of it)
// and hashes only the messages of a size some attachment without a Message-ID
// has, in one listing of the folder for the whole batch.
Result<std::vector<std::optional<std::string>>> FindByContent(const std::string& dir,
                                                              const std::vector<domain::Attachment>& attachments);

// How much of a message FindByContent reads for its Message-ID: a header block
// larger than this is not searched past it.
inline constexpr std::size_t kMaxHeaderScan = 1 << 20;

}  // namespace mailtrail::mailstore
