// The benchmark's queue: a seeded, reproducible mix of realistic messages between
// the directory's people, each with the outcome the processing contract gives it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corpus/directory.h"
#include "corpus/render.h"
#include "random.h"

namespace mailtrail::bench {

enum class Outcome { kLogged, kSensitive, kAddressTooLong, kInvalid, kUnregistered, kDuplicate };

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

// Attachments of sizes in [min_bytes, max_bytes]: `per_mille` of the messages
// that have one.
struct SizeTier {
  unsigned per_mille;
  std::size_t min_bytes;
  std::size_t max_bytes;
};

// Shares of the queue, in percent. The defaults are the IMAP benchmark's corpus.
struct CorpusMix {
  unsigned duplicate = 8;         // a copy of a logged message (same Message-ID, other Received)
  unsigned sensitive = 4;         // Sensitivity: Private / Personal / Company-Confidential
  unsigned address_too_long = 0;  // a sender or To address longer than 80 characters
  unsigned invalid = 3;           // drafts (X-Unsent: 1) and mail with no To
  unsigned unregistered = 13;     // newsletters, salesperson to salesperson, contact to a non-salesperson
  unsigned inbound = 30;          // contact to salesperson; what is left is outbound (salesperson to contacts)
  unsigned with_attachment = 12;  // carry an attachment; without size tiers a PDF of 6-70 KB (~100 KB a message)

  // What the IMAP corpus has none of: all of its messages are English,
  // multipart/alternative, in UTF-8.
  unsigned plain_text = 0;      // text/plain alone, no HTML alternative
  unsigned other_language = 0;  // German, French or Russian
  // In the language's charset from before UTF-8 where the text fits, with
  // quoted-printable text; the others are UTF-8 in 8bit, quoted-printable or base64.
  unsigned legacy_charset = 0;
  // Attachments are of every FileKind, sized by these tiers (adding up to 1,000
  // per mille) when there are some.
  std::vector<SizeTier> attachment_sizes;
  // Every huge_every-th message (0: none) carries an attachment of huge_bytes
  // instead, whatever its outcome.
  std::size_t huge_every = 0;
  std::size_t huge_bytes = 100 * 1024 * 1024;

  bool Varied() const {
    return plain_text > 0 || other_language > 0 || legacy_charset > 0 || !attachment_sizes.empty();
  }
};

// The Maildir benchmark's corpus: the IMAP corpus's outcomes plus addresses too
// long to match, plain-text messages, four languages in several charsets, RFC 2047
// subjects in "Q" and "B", and attachments of 1 KB to 20 MB, the large ones rare
// (about 70 KB a message on average).
CorpusMix MaildirMix();

// The corpus of the scaling runs, which go to a million messages: MaildirMix with
// attachments of 1-10 KB (about 5 KB a message), and `huge` messages of 100 MB
// spread evenly over a queue of `messages`.
CorpusMix ScalingMix(std::size_t messages, std::size_t huge);

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
  // Message `index`'s numbers. Stream 0 draws everything the IMAP corpus has;
  // streams 1 (its style) and 2 (a subject in another language) what
  // CorpusMix::Varied adds, so that the IMAP corpus stays as it is.
  Random RandomFor(std::size_t index, std::uint64_t stream = 0) const;
  // How message `index` is dressed.
  Style StyleFor(std::size_t index, bool with_attachment) const;

  const Directory& directory_;
  std::uint64_t seed_;
  CorpusMix mix_;
  std::size_t next_ = 0;
  std::vector<std::size_t> logged_;  // indexes of logged messages, which duplicates copy
  OutcomeCounts counts_;
};

}  // namespace mailtrail::bench
