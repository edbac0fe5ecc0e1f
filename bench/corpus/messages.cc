#include "corpus/messages.h"

#include <algorithm>
#include <utility>

#include "corpus/envelope.h"
#include "corpus/render.h"

namespace mailtrail::bench {
namespace {

constexpr std::int64_t kFirstDelivery = 1767571200;  // 2026-01-05 00:00:00 UTC

// About every 17.5 minutes from the start of 2026-01-05, jittered; always later
// than the message before.
std::int64_t DeliveryTime(std::size_t index, Random& random) {
  return kFirstDelivery + static_cast<std::int64_t>(index) * 1050 + static_cast<std::int64_t>(random.Below(600));
}

}  // namespace

Corpus::Corpus(const Directory& directory, std::uint64_t seed, CorpusMix mix)
    : directory_(directory), seed_(seed), mix_(mix) {}

CorpusMix MaildirMix() {
  CorpusMix mix;
  mix.address_too_long = 2;
  mix.plain_text = 25;
  mix.other_language = 20;
  mix.legacy_charset = 30;
  mix.attachment_sizes = {{650, 1024, 100 * 1024},
                          {300, 100 * 1024, 1024 * 1024},
                          {46, 1024 * 1024, 5 * 1024 * 1024},
                          {4, 5 * 1024 * 1024, 20 * 1024 * 1024}};
  return mix;
}

CorpusMix ScalingMix(std::size_t messages, std::size_t huge) {
  CorpusMix mix = MaildirMix();
  mix.attachment_sizes = {{1000, 1024, 10 * 1024}};
  mix.huge_every = huge == 0 ? 0 : std::max<std::size_t>(messages / huge, 1);
  return mix;
}

Random Corpus::RandomFor(std::size_t index, std::uint64_t stream) const {
  // Scattered twice: the streams of nearby messages must not overlap (random.h).
  return Random(Random::Scatter(Random::Scatter(seed_ ^ static_cast<std::uint64_t>(index)) ^ stream));
}

Style Corpus::StyleFor(std::size_t index, bool with_attachment) const {
  Style style;
  if (!mix_.Varied()) {
    if (with_attachment) style.attachment = AttachmentSpec{};
    return style;
  }
  Random random = RandomFor(index, 1);
  if (random.Chance(mix_.other_language)) style.language = &random.Pick(OtherLanguages());
  if (random.Chance(mix_.legacy_charset)) {
    style.charset = style.language->legacy_charset;
    style.text_encoding = TextEncoding::kQuotedPrintable;
  } else {
    static constexpr TextEncoding kUtf8Encodings[] = {TextEncoding::k8bit, TextEncoding::kQuotedPrintable,
                                                      TextEncoding::kBase64};
    style.text_encoding = kUtf8Encodings[random.Below(3)];
  }
  style.base64_words = random.Chance(50);
  style.html = !random.Chance(mix_.plain_text);
  if (!with_attachment) return style;
  AttachmentSpec attachment{.kind = static_cast<FileKind>(random.Below(kFileKinds))};
  std::size_t roll = random.Below(1000);
  for (const SizeTier& tier : mix_.attachment_sizes) {
    attachment.min_bytes = tier.min_bytes;
    attachment.max_bytes = tier.max_bytes;
    if (roll < tier.per_mille) break;
    roll -= tier.per_mille;
  }
  style.attachment = attachment;
  return style;
}

CorpusMessage Corpus::Next() {
  const std::size_t index = next_++;
  Random random = RandomFor(index);
  if (random.Below(100) < mix_.duplicate && !logged_.empty()) {
    const std::size_t original_index = random.Pick(logged_);
    Random original_random = RandomFor(original_index);
    original_random.Next();  // the roll that made it not a duplicate
    const CorpusMessage original = Generate(original_index, original_random);
    const std::int64_t delivered = DeliveryTime(index, random);
    const CorpusMessage duplicate{Redelivered(random, original.bytes, delivered), delivered, Outcome::kDuplicate, 0};
    ++counts_.duplicate;
    return duplicate;
  }
  CorpusMessage message = Generate(index, random);
  counts_.entries += message.entries;
  switch (message.outcome) {
    case Outcome::kLogged:
      ++counts_.logged;
      logged_.push_back(index);
      break;
    case Outcome::kSensitive:
      ++counts_.sensitive;
      break;
    case Outcome::kAddressTooLong:
      ++counts_.address_too_long;
      break;
    case Outcome::kInvalid:
      ++counts_.invalid;
      break;
    case Outcome::kUnregistered:
      ++counts_.unregistered;
      break;
    case Outcome::kDuplicate:
      ++counts_.duplicate;
      break;
  }
  return message;
}

CorpusMessage Corpus::Generate(std::size_t index, Random& random) const {
  const std::int64_t delivered = DeliveryTime(index, random);
  const std::int64_t sent = delivered - static_cast<std::int64_t>(random.Between(3, 240));
  const bool with_attachment = random.Chance(mix_.with_attachment);
  // Shares past the duplicates' one, drawn again so that they keep their sizes.
  const std::size_t roll = mix_.duplicate + random.Below(100 - mix_.duplicate);
  std::size_t threshold = mix_.duplicate;
  std::int64_t entries = 0;
  Envelope envelope;
  Outcome outcome = Outcome::kLogged;
  if (roll < (threshold += mix_.sensitive)) {
    envelope = random.Chance(50) ? Outbound(random, directory_, entries) : Inbound(random, directory_, entries);
    static const std::vector<std::string> kSensitivities = {"Private", "Personal", "Company-Confidential"};
    envelope.extra_headers.push_back("Sensitivity: " + random.Pick(kSensitivities));
    outcome = Outcome::kSensitive;
    entries = 0;
  } else if (roll < (threshold += mix_.address_too_long)) {
    envelope = AddressTooLong(random, directory_);
    outcome = Outcome::kAddressTooLong;
  } else if (roll < (threshold += mix_.invalid)) {
    envelope = Invalid(random, directory_);
    outcome = Outcome::kInvalid;
  } else if (roll < (threshold += mix_.unregistered)) {
    envelope = Unregistered(random, directory_);
    outcome = Outcome::kUnregistered;
  } else if (roll < (threshold += mix_.inbound)) {
    envelope = Inbound(random, directory_, entries);
  } else {
    envelope = Outbound(random, directory_, entries);
  }
  Style style = StyleFor(index, with_attachment);
  if (mix_.huge_every != 0 && index % mix_.huge_every == mix_.huge_every / 2) {
    style.attachment = AttachmentSpec{.kind = FileKind::kZip, .min_bytes = mix_.huge_bytes, .max_bytes = mix_.huge_bytes};
  }
  if (style.language != &English()) {
    Random subject_random = RandomFor(index, 2);
    envelope.subject = MakeSubject(subject_random, style.language->subjects);
  }
  return {Render(random, envelope, sent, delivered, style), delivered, outcome, entries};
}

}  // namespace mailtrail::bench
