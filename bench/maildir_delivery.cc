#include "maildir_delivery.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "process.h"

namespace mailtrail::bench {

std::string DeliveryName(const CorpusMessage& message, std::size_t sequence, pid_t process) {
  std::size_t line_feeds = 0;
  for (char c : message.bytes) line_feeds += c == '\n' ? 1 : 0;
  return std::to_string(message.delivered) + ".M" + std::to_string(sequence) + "P" + std::to_string(process) +
         ".bench,S=" + std::to_string(message.bytes.size()) + ",W=" + std::to_string(message.bytes.size() + line_feeds);
}

void Deliver(const std::filesystem::path& folder, const std::string& name, const CorpusMessage& message,
             const FileOwner& owner) {
  const std::filesystem::path tmp_file = folder / "tmp" / name;
  const int fd = ::open(tmp_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp_file.string() + ": " + std::strerror(errno));
  if (!WriteAll(fd, message.bytes)) {
    const int error = errno;
    ::close(fd);
    throw std::runtime_error("cannot write " + tmp_file.string() + ": " + std::strerror(error));
  }
  if (owner.change && ::fchown(fd, owner.uid, owner.gid) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot chown " + tmp_file.string() + ": " + std::strerror(errno));
  }
  // The delivery time as the file's time too, as a delivery agent would have left it.
  const timespec times[2] = {{message.delivered, 0}, {message.delivered, 0}};
  ::futimens(fd, times);
  ::close(fd);
  std::filesystem::rename(tmp_file, folder / "new" / name);
}

}  // namespace mailtrail::bench
