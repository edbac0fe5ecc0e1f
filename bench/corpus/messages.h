// The benchmark's queue: a seeded, reproducible mix of realistic messages between
// the directory's people, each with the outcome the processing contract gives it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corpus/directory.h"
#include "random.h"

namespace mailtrail::bench {

enum class Outcome { kLogged, kSensitive, kInvalid, kUnregistered, kDuplicate };

struct CorpusMessage {
  std::string bytes;       // RFC 5322, LF line ends (as Maildir keeps them)
  std::int64_t delivered;  // UTC seconds it reached the queue; increases with the index
  Outcome outcome;         // what a pass does with it (DESIGN.md, processing contract)
  std::int64_t entries;    // interaction log entries it yields
};

// Messages per outcome, named as `mailtrail log-email --format json` names them.
struct OutcomeCounts {
  std::int64_t logged = 0;
  std::int64_t entries = 0;
  std::int64_t sensitive = 0;
  std::int64_t address_too_long = 0;
  std::int64_t unregistered = 0;
  std::int64_t duplicate = 0;
  std::int64_t invalid = 0;
  std::int64_t failed = 0;

  // Messages counted (entries are not messages).
  std::int64_t Messages() const {
    return logged + sensitive + address_too_long + unregistered + duplicate + invalid + failed;
  }
  bool operator==(const OutcomeCounts&) const = default;
};

// Shares of the queue, in percent.
struct CorpusMix {
  unsigned duplicate = 8;         // a copy of a logged message (same Message-ID, other Received)
  unsigned sensitive = 4;         // Sensitivity: Private / Personal / Company-Confidential
  unsigned invalid = 3;           // drafts (X-Unsent: 1) and mail with no To
  unsigned unregistered = 13;     // newsletters, salesperson to salesperson, contact to a non-salesperson
  unsigned inbound = 30;          // contact to salesperson; what is left is outbound (salesperson to contacts)
  unsigned with_attachment = 12;  // carry a PDF of 6-70 KB (up to ~100 KB per message)
};

// The queue's messages in delivery order, one at a time, so the benchmark never
// holds the whole corpus: a child process's peak RSS counts its parent's peak at
// the moment of exec, so the driver must stay small to measure the contestants.
// Message i depends only on the directory, the seed and i.
class Corpus {
 public:
  Corpus(const Directory& directory, std::uint64_t seed, CorpusMix mix = {});

  CorpusMessage Next();
  // Outcomes of the messages returned so far.
  const OutcomeCounts& counts() const { return counts_; }

 private:
  // Message `index` as first delivered (a duplicate is a later re-delivery of it).
  CorpusMessage Generate(std::size_t index, Random& random) const;
  Random RandomFor(std::size_t index) const;

  const Directory& directory_;
  std::uint64_t seed_;
  CorpusMix mix_;
  std::size_t next_ = 0;
  std::vector<std::size_t> logged_;  // indexes of logged messages, which duplicates copy
  OutcomeCounts counts_;
};

}  // namespace mailtrail::bench
