// Envelope parsing with GMime: turns a raw message, fed in chunks, into the
// domain::Envelope the processing rules look at.
//
// Thread-safety: an EnvelopeReader is used by one thread; distinct readers may be
// used concurrently (GMime is initialised once, on first use).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/model.h"
#include "mime/parse_limits.h"

namespace mailtrail::mime {

// Whether an EnvelopeReader computes the content hash of the message.
enum class ContentHashing {
  kOn,   // every byte goes through the hash: feed the whole message
  kOff,  // the header block is all it needs; Envelope::content_hash stays empty
};

// Feed the raw message in order (while Feed asks for more); then Finish(). Only
// the header block is kept in memory.
//
// Limits (ParseLimits): past max_header_bytes the header block is cut; a line of
// an envelope field past max_line_bytes is cut; mailboxes of one address field
// past max_addresses_per_header are dropped; past max_message_bytes no more is
// read or hashed, and the envelope has no content hash. The envelope is parsed
// from what was kept and lists each limit passed in Envelope::limits_passed.
class EnvelopeReader {
 public:
  explicit EnvelopeReader(ParseLimits limits = {}, ContentHashing hashing = ContentHashing::kOn);
  ~EnvelopeReader();
  EnvelopeReader(EnvelopeReader&&) noexcept;
  EnvelopeReader& operator=(EnvelopeReader&&) noexcept;

  // Returns whether the reader needs more of the message: with hashing on, all
  // of it (up to max_message_bytes); else until the header block has ended (or
  // reached its limit).
  bool Feed(std::string_view chunk);

  // The envelope of the message fed so far: `from` is the first mailbox of From:
  // (else of Sender:); `to`/`cc` every mailbox, groups flattened, case kept;
  // `received_at` comes from the topmost Received: header; dates that cannot be
  // parsed are left unset; missing fields are empty.
  // REQUIRES: called once, after the last Feed().
  // Errors: kCorruption when no header block could be parsed at all (empty
  // input, a message starting with an empty line, or one GMime finds no header in).
  Result<domain::Envelope> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Convenience: the envelope of a whole message held in memory.
Result<domain::Envelope> ParseEnvelope(std::string_view raw, ParseLimits limits = {});

// The lines of `header_block` that the envelope is made of: the fields From,
// Sender, To, Cc, Subject, Date, Message-ID, Sensitivity, X-Unsent,
// X-Mozilla-Draft-Info and the topmost Received, each with its continuation lines.
// The first field, whatever its name, and the lines that start no field
// (malformed ones, an mbox "From " line, the empty line that ends the block) are
// kept as they are, so the MIME parser judges the block as it would the whole
// one (GMime refuses a block whose first line after an mbox "From " line starts
// no field, so the first field must stay ahead of any malformed line). The
// reader parses only these: GMime's cost grows with every header it builds, and
// real mail carries dozens it never needs (trace, DKIM and ARC signatures, client
// headers).
std::string EnvelopeFieldsOf(std::string_view header_block);

// Lower-case hex SHA-256 of `raw`.
std::string ContentHash(std::string_view raw);

namespace internal {
// The envelope of a whole header block, ended by an empty line, as GMime parses
// it, with max_addresses_per_header of `limits` applied; no content hash.
// EnvelopeReader::Finish gives it EnvelopeFieldsOf the block.
// Errors: as Finish.
Result<domain::Envelope> EnvelopeOfHeaderBlock(std::string_view header_block, const ParseLimits& limits = {});
}  // namespace internal

}  // namespace mailtrail::mime
