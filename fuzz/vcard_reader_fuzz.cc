// The vCard reader on any input, fed in pieces whose sizes the input chooses:
// the cards (or the error) must not depend on the cuts, lines only go forward,
// values are UTF-8 (base64 ones aside), and taking escapes out never fails.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/vcard_reader.h"
#include "fuzz/fuzz_check.h"

namespace {

using mailtrail::Vcard;
using mailtrail::VcardReader;
using mailtrail::fuzz::Check;

struct Outcome {
  std::vector<Vcard> cards;
  mailtrail::Status status;
};

Outcome ReadInPieces(std::string_view text, std::string_view cuts) {
  VcardReader reader;
  Outcome outcome;
  outcome.status = mailtrail::fuzz::FeedInPieces(reader, text, cuts, [&] {
    for (auto& card : reader.TakeCards()) outcome.cards.push_back(std::move(card));
  });
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t cut_bytes = std::min<std::size_t>(data[0] % 8, size - 1);
  const std::string_view cuts(reinterpret_cast<const char*>(data) + 1, cut_bytes);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1 + cut_bytes, size - 1 - cut_bytes);

  const Outcome whole = ReadInPieces(text, {});
  const Outcome pieces = ReadInPieces(text, cuts);
  Check(whole.status.code() == pieces.status.code() && whole.status.message() == pieces.status.message(),
        "the same error whatever the pieces");
  if (!whole.status.ok()) return 0;
  Check(whole.cards == pieces.cards, "the same cards whatever the pieces");
  std::size_t line = 0;
  for (const Vcard& card : whole.cards) {
    Check(card.line > line, "each card starts on a later line");
    line = card.line;
    for (const auto& property : card.properties) {
      Check(property.line > line, "each property starts on a later line");
      line = property.line;
      Check(!property.name.empty(), "a property has a name");
      if (!property.HasParameter("ENCODING", "b") && !property.HasParameter("ENCODING", "base64")) {
        Check(mailtrail::fuzz::IsValidUtf8(property.value), "values are UTF-8");
      }
      for (const std::string& component : mailtrail::VcardComponents(property.value)) {
        Check(component.size() <= property.value.size(), "a component is part of the value");
      }
    }
  }
  return 0;
}
