#include "queue_seeder.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <stdexcept>
#include <utility>

#include "maildir_delivery.h"

namespace mailtrail::bench {
namespace {

// Who owns the mail: as root the harness runs mail processes as nobody:nogroup and
// gives them the homes; otherwise everything is ours already.
FileOwner FindMailOwner() {
  if (::getuid() != 0) return {};
  const passwd* user = ::getpwnam("nobody");
  const group* group_entry = ::getgrnam("nogroup");
  if (user == nullptr || group_entry == nullptr) throw std::runtime_error("no user nobody or group nogroup");
  return {true, user->pw_uid, group_entry->gr_gid};
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
  static const FileOwner owner = FindMailOwner();
  const std::string name = DeliveryName(message, static_cast<std::size_t>(++added_), ::getpid());
  bytes_ += static_cast<std::int64_t>(message.bytes.size());
  for (const auto& queue : queues_) Deliver(queue, name, message, owner);
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
