#include "mailstore/maildir/posix_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>
#include <vector>

namespace mailtrail::mailstore::posix {

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

Status Error(std::string_view what, const std::string& path, int error) {
  std::string message = std::string(what) + " '" + path + "': " + std::generic_category().message(error);
  if (error == ENOENT) return Status::NotFound(std::move(message));
  return Status::IOError(std::move(message));
}

Status ReadChunks(const std::string& path, const std::function<Result<bool>(std::string_view chunk)>& consume) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return Error("Cannot read", path, errno);
  // Not cleared first: read() fills what is used, and clearing 64 KiB for each
  // message was a tenth of a pass's instructions.
  const std::unique_ptr<char[]> buffer = std::make_unique_for_overwrite<char[]>(kChunkSize);
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer.get(), kChunkSize);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error("Cannot read", path, errno);
    }
    if (n == 0) return Status::Ok();
    MT_ASSIGN_OR_RETURN(const bool more, consume(std::string_view(buffer.get(), static_cast<std::size_t>(n))));
    if (!more) return Status::Ok();
  }
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error("Cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Status SyncDir(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Error("Cannot open", dir, errno);
  if (::fsync(fd.get()) != 0) return Error("Cannot sync", dir, errno);
  return Status::Ok();
}

Status MakeDir(const std::string& dir, mode_t mode) {
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) return Error("Cannot create", dir, errno);
  return Status::Ok();
}

Status TouchFile(const std::string& path, mode_t mode) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, mode));
  if (fd.get() < 0) return Error("Cannot create", path, errno);
  return Status::Ok();
}

Status ForEachEntry(const std::string& dir,
                    const std::function<Status(std::string_view name, unsigned char type)>& visit) {
  std::unique_ptr<DIR, int (*)(DIR*)> stream(::opendir(dir.c_str()), &::closedir);
  if (stream == nullptr) return Error("Cannot list", dir, errno);
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(stream.get());
    if (entry == nullptr) break;
    if (entry->d_name[0] == '.') continue;
    MT_RETURN_IF_ERROR(visit(entry->d_name, entry->d_type));
  }
  if (errno != 0) return Error("Cannot list", dir, errno);
  return Status::Ok();
}

}  // namespace mailtrail::mailstore::posix
