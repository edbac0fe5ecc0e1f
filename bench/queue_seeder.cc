#include "queue_seeder.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace mailtrail::bench {
namespace {

namespace fs = std::filesystem;

// Who owns the mail: as root the harness runs mail processes as nobody:nogroup and
// gives them the homes; otherwise everything is ours already.
struct MailOwner {
  bool change = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

MailOwner FindMailOwner() {
  if (::getuid() != 0) return {};
  const passwd* user = ::getpwnam("nobody");
  const group* group_entry = ::getgrnam("nogroup");
  if (user == nullptr || group_entry == nullptr) throw std::runtime_error("no user nobody or group nogroup");
  return {true, user->pw_uid, group_entry->gr_gid};
}

// Dovecot's own file name for a delivered message: TIME.MSEQ.HOST plus the
// physical size (S=) and the size with CRLF line ends (W=), which spare it a stat
// and a read. The time prefix keeps the names, and so the UIDs, in delivery order.
std::string MaildirName(const CorpusMessage& message, std::size_t sequence) {
  std::size_t line_feeds = 0;
  for (char c : message.bytes) line_feeds += c == '\n' ? 1 : 0;
  return std::to_string(message.delivered) + ".M" + std::to_string(sequence) + "P" + std::to_string(::getpid()) +
         ".bench,S=" + std::to_string(message.bytes.size()) + ",W=" + std::to_string(message.bytes.size() + line_feeds);
}

void WriteMessage(const fs::path& tmp_file, const fs::path& new_file, const CorpusMessage& message,
                  const MailOwner& owner) {
  const int fd = ::open(tmp_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp_file.string() + ": " + std::strerror(errno));
  const char* data = message.bytes.data();
  std::size_t left = message.bytes.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + tmp_file.string() + ": " + std::strerror(errno));
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  if (owner.change && ::fchown(fd, owner.uid, owner.gid) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot chown " + tmp_file.string() + ": " + std::strerror(errno));
  }
  // The delivery time as the file's time too, as a delivery agent would have left it.
  const timespec times[2] = {{message.delivered, 0}, {message.delivered, 0}};
  ::futimens(fd, times);
  ::close(fd);
  // No fsync: the queue is rebuilt for every run; crash safety is not under test.
  fs::rename(tmp_file, new_file);
}

}  // namespace

QueueSeeder::QueueSeeder(testing::DovecotServer& server, const DovecotAdmin& admin, std::vector<std::string> users,
                         std::string queue_folder, std::string storage_folder)
    : admin_(admin), users_(std::move(users)), queue_folder_(std::move(queue_folder)) {
  for (const auto& user : users_) {
    for (const std::string& folder : {queue_folder_, storage_folder}) {
      if (Status status = server.CreateFolder(user, folder); !status.ok()) {
        throw std::runtime_error("cannot create folder " + folder + " for " + user + ": " + status.message());
      }
    }
    queues_.push_back(server.maildir(user) / ("." + queue_folder_));
  }
}

void QueueSeeder::Add(const CorpusMessage& message) {
  static const MailOwner owner = FindMailOwner();
  const std::string name = MaildirName(message, static_cast<std::size_t>(++added_));
  bytes_ += static_cast<std::int64_t>(message.bytes.size());
  for (const auto& queue : queues_) WriteMessage(queue / "tmp" / name, queue / "new" / name, message, owner);
}

void QueueSeeder::Finish() {
  for (const auto& user : users_) {
    const std::int64_t counted = admin_.MessageCount(user, queue_folder_);
    if (counted != added_) {
      throw std::runtime_error("Dovecot counts " + std::to_string(counted) + " messages in " + user + "'s " +
                               queue_folder_ + ", not " + std::to_string(added_));
    }
  }
}

}  // namespace mailtrail::bench
