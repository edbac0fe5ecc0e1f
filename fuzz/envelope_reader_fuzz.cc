// Fuzzes mime::EnvelopeReader: the input is a raw message plus, from its last
// bytes, the reader's options and the sizes of the chunks it is fed in.
//
// Invariants: the envelope does not depend on how the message is split, nor on
// whether the content is hashed (but for the hash itself, which is the SHA-256
// of every byte or empty); only kCorruption is ever returned; decoded fields are
// valid UTF-8, addresses trimmed and non-empty; the envelope fields alone give the
// envelope the whole header block gives.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "mime/envelope_reader.h"

namespace mailtrail::fuzz {
namespace {

using domain::Envelope;
using mime::ContentHashing;
using mime::EnvelopeReader;
using mime::ParseLimits;

struct Options {
  ParseLimits limits;
  ContentHashing hashing = ContentHashing::kOn;
  std::vector<std::size_t> chunk_sizes;  // the rest comes as a last chunk
};

Options ConsumeOptions(FuzzedDataProvider* input) {
  Options options;
  options.hashing = input->ConsumeBool() ? ContentHashing::kOn : ContentHashing::kOff;
  // A small header limit now and then, so that cut header blocks are split too.
  if (input->ConsumeBool()) options.limits.max_header_bytes = input->ConsumeIntegralInRange<std::size_t>(1, 4096);
  const int chunks = input->ConsumeIntegralInRange(0, 16);
  for (int i = 0; i < chunks; ++i) options.chunk_sizes.push_back(input->ConsumeIntegral<std::uint16_t>());
  return options;
}

// Feeds `raw` in `chunk_sizes` (then the rest) while the reader asks for more.
Result<Envelope> ReadInChunks(std::string_view raw, const Options& options) {
  EnvelopeReader reader(options.limits, options.hashing);
  bool wants_more = true;
  for (std::size_t size : options.chunk_sizes) {
    if (!wants_more) break;
    const std::string_view chunk = raw.substr(0, size);
    raw.remove_prefix(chunk.size());
    wants_more = reader.Feed(chunk);
  }
  if (wants_more) reader.Feed(raw);
  return reader.Finish();
}

Result<Envelope> ReadWhole(std::string_view raw, const ParseLimits& limits) {
  EnvelopeReader reader(limits, ContentHashing::kOn);
  reader.Feed(raw);
  return reader.Finish();
}

bool SameFields(const Envelope& a, const Envelope& b) {
  return a.from == b.from && a.to == b.to && a.cc == b.cc && a.subject == b.subject && a.sent_at == b.sent_at &&
         a.received_at == b.received_at && a.message_id == b.message_id && a.sensitivity == b.sensitivity &&
         a.draft == b.draft;
}

bool IsTrimmedAddress(std::string_view address) {
  constexpr std::string_view kSpace = " \t\r\n";
  return !address.empty() && kSpace.find(address.front()) == std::string_view::npos &&
         kSpace.find(address.back()) == std::string_view::npos;
}

void CheckDecodedFields(const Envelope& envelope) {
  Check(IsValidUtf8(envelope.from), "from is valid UTF-8");
  Check(envelope.from.empty() || IsTrimmedAddress(envelope.from), "from is trimmed");
  for (const std::vector<std::string>* list : {&envelope.to, &envelope.cc}) {
    for (const std::string& address : *list) {
      Check(IsValidUtf8(address), "recipient is valid UTF-8");
      Check(IsTrimmedAddress(address), "recipient is non-empty and trimmed");
    }
  }
  Check(IsValidUtf8(envelope.subject), "subject is valid UTF-8");
  Check(IsValidUtf8(envelope.message_id), "message_id is valid UTF-8");
  Check(IsValidUtf8(envelope.sensitivity), "sensitivity is valid UTF-8");
}

// The header block as the reader hands it to GMime when no limit cuts it: up to
// and with the first empty line, else all of it ended by one.
std::string HeaderBlockOf(std::string_view raw) {
  bool line_is_empty = true;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n') {
      if (line_is_empty) return std::string(raw.substr(0, i + 1));
      line_is_empty = true;
    } else if (raw[i] != '\r') {
      line_is_empty = false;
    }
  }
  std::string block(raw);
  if (!block.empty() && block.back() != '\n') block += '\n';
  return block + '\n';
}

void CheckEnvelopeFieldsSuffice(std::string_view raw) {
  const std::string block = HeaderBlockOf(raw);
  const Result<Envelope> whole = mime::internal::EnvelopeOfHeaderBlock(block);
  const Result<Envelope> fields = mime::internal::EnvelopeOfHeaderBlock(mime::EnvelopeFieldsOf(block));
  Check(whole.ok() == fields.ok(), "the envelope fields parse exactly when the whole block does");
  if (whole.ok()) Check(SameFields(*whole, *fields), "the envelope fields give the whole block's envelope");
}

}  // namespace
}  // namespace mailtrail::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailtrail;
  using namespace mailtrail::fuzz;
  FuzzedDataProvider input(data, size);
  const Options options = ConsumeOptions(&input);
  const std::string raw = input.ConsumeRemainingBytesAsString();

  const Result<domain::Envelope> whole = ReadWhole(raw, options.limits);
  const Result<domain::Envelope> chunked = ReadInChunks(raw, options);
  Check(whole.ok() == chunked.ok(), "the message parses whole exactly when it parses in chunks");
  if (!whole.ok()) {
    Check(whole.status().code() == StatusCode::kCorruption, "the only error is kCorruption");
    Check(chunked.status().code() == StatusCode::kCorruption, "the only error is kCorruption");
  } else {
    Check(SameFields(*whole, *chunked), "chunks and hashing do not change the envelope");
    Check(whole->content_hash == mime::ContentHash(raw), "the content hash is that of every byte");
    Check(chunked->content_hash == (options.hashing == mime::ContentHashing::kOn ? whole->content_hash : ""),
          "the content hash is there exactly when hashing is on");
    CheckDecodedFields(*whole);
  }
  CheckEnvelopeFieldsSuffice(raw);
  return 0;
}
