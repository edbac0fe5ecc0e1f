// Fills the contestants' queue folders fast: each message is written as a file
// straight into the Maildir++ folder's new/ of every user (as a local delivery
// agent would), then Dovecot is made to index them once, so every contestant
// starts from the same indexed queue. Saving 5,000 messages one by one through
// doveadm would take minutes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus/messages.h"
#include "dovecot_admin.h"
#include "testing/dovecot_server.h"

namespace mailtrail::bench {

class QueueSeeder {
 public:
  // Creates the queue and storage folders of every user. Throws std::runtime_error.
  QueueSeeder(testing::DovecotServer& server, const DovecotAdmin& admin, std::vector<std::string> users,
              std::string queue_folder, std::string storage_folder);

  // Puts `message` into every user's queue; call in delivery order. Throws std::runtime_error.
  void Add(const CorpusMessage& message);
  // Makes Dovecot index the queues; throws std::runtime_error when it counts
  // another number of messages than were added.
  void Finish();

  std::int64_t added() const { return added_; }
  std::int64_t bytes() const { return bytes_; }

 private:
  const DovecotAdmin& admin_;
  std::vector<std::string> users_;
  std::string queue_folder_;
  std::vector<std::filesystem::path> queues_;  // a user's ROOT/.QUEUE
  std::int64_t added_ = 0;
  std::int64_t bytes_ = 0;
};

}  // namespace mailtrail::bench
