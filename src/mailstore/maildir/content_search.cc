#include "mailstore/maildir/content_search.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <set>
#include <string_view>

#include "mailstore/maildir/posix_io.h"
#include "mailstore/message_id.h"

namespace mailtrail::mailstore {
namespace {

// A message file that may be one an attachment looks for.
struct Candidate {
  std::string name;  // "new/NAME" or "cur/NAME"
  std::int64_t size = 0;
  std::string message_id;
  std::string content_hash;  // only for sizes an attachment without a Message-ID has
};

// The header block of the file at `path`: its bytes up to the empty line that
// ends it, or its first kMaxHeaderScan bytes.
Result<std::string> ReadHeaderBlock(const std::string& path) {
  std::string header;
  MT_RETURN_IF_ERROR(posix::ReadChunks(path, [&header](std::string_view chunk) -> Result<bool> {
    const std::size_t searched_from = header.size() < 3 ? 0 : header.size() - 3;
    header.append(chunk);
    const std::size_t end = std::min(header.find("\n\n", searched_from), header.find("\n\r\n", searched_from));
    if (end != std::string::npos) header.resize(end + 1);
    if (header.size() > kMaxHeaderScan) header.resize(kMaxHeaderScan);
    return end == std::string::npos && header.size() < kMaxHeaderScan;
  }));
  return header;
}

}  // namespace

Result<std::string> Sha256OfFile(const std::string& path) {
  if (::sodium_init() < 0) return Status::Internal("libsodium cannot be initialized.");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  MT_RETURN_IF_ERROR(posix::ReadChunks(path, [&state](std::string_view chunk) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size());
    return true;
  }));
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
  crypto_hash_sha256_final(&state, digest.data());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
  ::sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

Result<std::vector<std::optional<std::string>>> FindByContent(const std::string& dir,
                                                              const std::vector<domain::Attachment>& attachments) {
  std::set<std::string, std::less<>> wanted_ids;
  std::set<std::int64_t> hashed_sizes;  // sizes of the attachments without a Message-ID
  for (const domain::Attachment& attachment : attachments) {
    if (!attachment.message_id.empty()) {
      wanted_ids.insert(attachment.message_id);
    } else if (!attachment.content_hash.empty()) {
      hashed_sizes.insert(attachment.size);
    }
  }
  std::vector<Candidate> candidates;
  for (std::string_view subdir : {"new", "cur"}) {
    const std::string subdir_path = dir + "/" + std::string(subdir);
    const Status listed = posix::ForEachEntry(subdir_path, [&](std::string_view name, unsigned char) -> Status {
      Candidate candidate{.name = std::string(subdir) + "/" + std::string(name)};
      const std::string path = dir + "/" + candidate.name;
      struct stat st;
      if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return Status::Ok();  // gone since it was listed
        return posix::Error("Cannot access", path, errno);
      }
      if (!S_ISREG(st.st_mode)) return Status::Ok();
      candidate.size = st.st_size;
      if (!wanted_ids.empty()) {
        Result<std::string> header = ReadHeaderBlock(path);
        if (header.status().code() == StatusCode::kNotFound) return Status::Ok();
        MT_RETURN_IF_ERROR(header.status());
        candidate.message_id = ParseMessageId(*header);
      }
      if (hashed_sizes.contains(candidate.size)) {
        Result<std::string> hash = Sha256OfFile(path);
        if (hash.status().code() == StatusCode::kNotFound) return Status::Ok();
        MT_RETURN_IF_ERROR(hash.status());
        candidate.content_hash = *std::move(hash);
      }
      if (wanted_ids.contains(candidate.message_id) || !candidate.content_hash.empty()) {
        candidates.push_back(std::move(candidate));
      }
      return Status::Ok();
    });
    if (listed.code() == StatusCode::kNotFound) continue;  // no such folder: it holds none
    MT_RETURN_IF_ERROR(listed);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.name < b.name; });

  std::vector<std::optional<std::string>> found;
  found.reserve(attachments.size());
  for (const domain::Attachment& attachment : attachments) {
    const Candidate* best = nullptr;
    for (const Candidate& candidate : candidates) {
      const bool same_size = candidate.size == attachment.size;
      if (!attachment.message_id.empty()) {
        if (candidate.message_id != attachment.message_id) continue;
        if (best == nullptr || (same_size && best->size != attachment.size)) best = &candidate;
      } else if (same_size && !attachment.content_hash.empty() && candidate.content_hash == attachment.content_hash) {
        best = &candidate;
        break;
      }
    }
    found.push_back(best == nullptr ? std::nullopt : std::optional<std::string>(best->name));
  }
  return found;
}

}  // namespace mailtrail::mailstore
