// Corpus messages delivered into a Maildir folder as a local delivery agent
// delivers them: written to tmp/ and renamed into new/, under Dovecot's kind of
// file name, with the delivery time as the file's time. Shared by the IMAP
// benchmarks' queue seeder and the Maildir benchmark.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "corpus/messages.h"

namespace mailtrail::bench {

// Who the delivered files belong to; by default whoever runs the benchmark.
struct FileOwner {
  bool change = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Dovecot's own file name for a delivered message: TIME.MSEQ.HOST plus the
// physical size (S=) and the size with CRLF line ends (W=), which spare it a stat
// and a read. The time prefix keeps the names, and so the UIDs, in delivery order.
// `sequence` numbers the messages of one delivery run; `process` is the
// delivering process's id.
std::string DeliveryName(const CorpusMessage& message, std::size_t sequence, pid_t process);

// Writes `message` to FOLDER/tmp/NAME and renames it to FOLDER/new/NAME, `folder`
// being a maildir (ROOT or ROOT/.F). Without fsync: a queue is rebuilt for every
// run. Throws std::runtime_error.
void Deliver(const std::filesystem::path& folder, const std::string& name, const CorpusMessage& message,
             const FileOwner& owner = {});

}  // namespace mailtrail::bench
