// Thin wrappers over the POSIX file calls the Maildir store makes. Every error is
// a Status that names the path and the operating system's reason; ENOENT becomes
// kNotFound, everything else kIOError.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace mailtrail::mailstore::posix {

// Files are read and copied in pieces of this size, so no message is ever held
// in memory whole.
inline constexpr std::size_t kChunkSize = 64 * 1024;

// Owns a file descriptor and closes it when it dies.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }

 private:
  int fd_;
};

// "<what> '<path>': <reason for error>", e.g. "Cannot read '/m/cur/1:2,S': Permission denied".
Status Error(std::string_view what, const std::string& path, int error);

// Calls `consume` with the bytes of `path`, in order, at most kChunkSize at a time,
// while it returns true. Stops at the first error `consume` returns and returns it.
Status ReadChunks(const std::string& path, const std::function<Result<bool>(std::string_view chunk)>& consume);

// Writes all of `bytes` to `fd`, which was opened from `path`.
Status WriteAll(int fd, std::string_view bytes, const std::string& path);

// Makes the entries of directory `dir` (creations, renames, removals) durable.
Status SyncDir(const std::string& dir);

// Creates directory `dir` with `mode` (less the umask). An existing one is fine.
Status MakeDir(const std::string& dir, mode_t mode);

// Creates an empty file at `path` with `mode` (less the umask). An existing one is kept.
Status TouchFile(const std::string& path, mode_t mode);

// Calls `visit` with the name and dirent type (DT_REG, DT_DIR, ...; DT_UNKNOWN
// where the file system does not say) of every entry of `dir` but those whose
// name starts with '.' (".", ".." and hidden files). The name is valid during the
// call only. Stops at the first error `visit` returns.
Status ForEachEntry(const std::string& dir,
                    const std::function<Status(std::string_view name, unsigned char type)>& visit);

}  // namespace mailtrail::mailstore::posix
