#include "mime/envelope_reader.h"

#include <sodium.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>
#include <vector>

#include "domain/address.h"
#include "mime/authentication_results.h"
#include "mime/gmime_support.h"

namespace mailtrail::mime {

using internal::AsObject;
using internal::DecodeHeaderText;
using internal::GObjectPtr;
using internal::RawHeaderValue;
using internal::Trim;
using internal::ValidUtf8;

namespace {

void InitSodiumOnce() {
  // sodium_init() is thread-safe and idempotent; the static only spares repeat calls.
  [[maybe_unused]] static const int result = sodium_init();
}

std::string HexDigest(crypto_hash_sha256_state* hash) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(hash, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

void HashBytes(crypto_hash_sha256_state* hash, std::string_view bytes) {
  crypto_hash_sha256_update(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// Appends the mailbox addresses of `list` to `addresses`, looking inside groups,
// while it holds fewer than `max`. Returns false when some were left out.
bool AppendAddresses(InternetAddressList* list, std::size_t max, std::vector<std::string>* addresses) {
  if (list == nullptr) return true;
  const int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      auto* group = reinterpret_cast<InternetAddressGroup*>(address);
      if (!AppendAddresses(internet_address_group_get_members(group), max, addresses)) return false;
    } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      auto* mailbox = reinterpret_cast<InternetAddressMailbox*>(address);
      std::string addr = domain::WithoutNeedlessQuotes(Trim(ValidUtf8(internet_address_mailbox_get_addr(mailbox))));
      if (addr.empty()) continue;
      if (addresses->size() == max) return false;
      addresses->push_back(std::move(addr));
    }
  }
  return true;
}

// The mailbox addresses of the address field `name` (of every such field, should
// there be more than one): the first max_addresses_per_header, the envelope
// marked when there were more. Parsed with ParseAddressList, not as GMime parses
// the message, which loses addresses with stray dots.
std::vector<std::string> Addresses(GMimeMessage* message, const char* name, const ParseLimits& limits,
                                   domain::Envelope* envelope) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(AsObject(message));
  std::vector<std::string> addresses;
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(header), name) != 0) continue;
    const GObjectPtr<InternetAddressList> list = internal::ParseAddressList(g_mime_header_get_raw_value(header));
    if (!AppendAddresses(list.get(), limits.max_addresses_per_header, &addresses)) {
      NoteLimitPassed(&ParseLimits::max_addresses_per_header, &envelope->limits_passed);
      break;
    }
  }
  return addresses;
}

// The first mailbox of From:, or of Sender: when From: names none.
std::string SenderAddress(GMimeMessage* message, const ParseLimits& limits, domain::Envelope* envelope) {
  for (const char* field : {"From", "Sender"}) {
    std::vector<std::string> addresses = Addresses(message, field, limits, envelope);
    if (!addresses.empty()) return std::move(addresses.front());
  }
  return {};
}

std::optional<domain::UnixTime> ToUnixTime(GDateTime* time) {
  if (time == nullptr) return std::nullopt;
  return g_date_time_to_unix(time);
}

// The date stamp after the last ';' of the topmost (newest) Received: header.
std::optional<domain::UnixTime> ReceivedAt(GMimeMessage* message) {
  GMimeHeader* received =
      g_mime_header_list_get_header(g_mime_object_get_header_list(AsObject(message)), "Received");
  if (received == nullptr) return std::nullopt;
  const std::string value = ValidUtf8(g_mime_header_get_value(received));
  const std::size_t semicolon = value.rfind(';');
  if (semicolon == std::string::npos) return std::nullopt;
  const std::string stamp = value.substr(semicolon + 1);
  GDateTime* date = g_mime_utils_header_decode_date(stamp.c_str());
  std::optional<domain::UnixTime> received_at = ToUnixTime(date);
  if (date != nullptr) g_date_time_unref(date);
  return received_at;
}

std::string HeaderValue(GMimeMessage* message, const char* name) {
  return std::string(Trim(ValidUtf8(g_mime_object_get_header(AsObject(message), name))));
}

bool IsDraft(GMimeMessage* message) {
  return HeaderValue(message, "X-Unsent") == "1" ||
         g_mime_object_get_header(AsObject(message), "X-Mozilla-Draft-Info") != nullptr;
}

// Authentication-Results headers read from one message; a receiving server adds
// one, so a few are many (the header is untrusted input).
constexpr int kMaxAuthenticationResultsHeaders = 16;

// Every Authentication-Results header that reads as one, topmost first.
std::vector<domain::AuthenticationResults> AuthenticationResultsOf(GMimeMessage* message) {
  std::vector<domain::AuthenticationResults> all;
  GMimeHeaderList* headers = g_mime_object_get_header_list(AsObject(message));
  const int count = g_mime_header_list_get_count(headers);
  for (int i = 0; i < count && static_cast<int>(all.size()) < kMaxAuthenticationResultsHeaders; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    if (g_ascii_strcasecmp(g_mime_header_get_name(header), "Authentication-Results") != 0) continue;
    if (auto results = ParseAuthenticationResults(ValidUtf8(g_mime_header_get_raw_value(header)))) {
      all.push_back(std::move(*results));
    }
  }
  return all;
}

domain::Envelope ToEnvelope(GMimeMessage* message, const ParseLimits& limits) {
  domain::Envelope envelope;
  envelope.from = SenderAddress(message, limits, &envelope);
  envelope.to = Addresses(message, "To", limits, &envelope);
  envelope.cc = Addresses(message, "Cc", limits, &envelope);
  envelope.subject = DecodeHeaderText(RawHeaderValue(AsObject(message), "Subject"));
  envelope.sent_at = ToUnixTime(g_mime_message_get_date(message));
  envelope.received_at = ReceivedAt(message);
  envelope.message_id = Trim(ValidUtf8(g_mime_message_get_message_id(message)));
  envelope.sensitivity = HeaderValue(message, "Sensitivity");
  envelope.authentication_results = AuthenticationResultsOf(message);
  envelope.draft = IsDraft(message);
  return envelope;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of("\r\n") == std::string_view::npos; }

// The name of the header field that `line` starts, or empty when it starts none:
// printable ASCII up to a colon, as RFC 5322 has it (obsolete white space before
// the colon allowed).
std::string_view FieldName(std::string_view line) {
  std::size_t end = 0;
  while (end < line.size() && line[end] > ' ' && line[end] < 0x7f && line[end] != ':') ++end;
  std::size_t colon = end;
  while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t')) ++colon;
  if (end == 0 || colon == line.size() || line[colon] != ':') return {};
  return line.substr(0, end);
}

bool IsEnvelopeField(std::string_view name) {
  static constexpr std::string_view kFields[] = {"From", "Sender", "To", "Cc", "Subject", "Date", "Message-ID",
                                                 "Sensitivity", "X-Unsent", "X-Mozilla-Draft-Info",
                                                 "Authentication-Results"};
  return std::any_of(std::begin(kFields), std::end(kFields), [name](std::string_view field) {
    return name.size() == field.size() && g_ascii_strncasecmp(name.data(), field.data(), name.size()) == 0;
  });
}

bool IsReceived(std::string_view name) {
  return name.size() == 8 && g_ascii_strncasecmp(name.data(), "Received", 8) == 0;
}

// `text` with every line longer than `max_bytes` (its line break not counted) cut
// to its first `max_bytes`; sets *cut when a line was.
std::string CutLongLines(std::string_view text, std::size_t max_bytes, bool* cut) {
  std::string kept;
  kept.reserve(text.size());
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    const std::string_view line = text.substr(begin, end - begin);
    begin = end;
    const std::string_view line_break = line.ends_with("\r\n") ? "\r\n" : line.ends_with('\n') ? "\n" : "";
    if (line.size() - line_break.size() > max_bytes) {
      kept.append(line.substr(0, max_bytes)).append(line_break);
      *cut = true;
    } else {
      kept.append(line);
    }
  }
  return kept;
}

}  // namespace

struct EnvelopeReader::State {
  State(ParseLimits parse_limits, ContentHashing content_hashing) : limits(parse_limits), hashing(content_hashing) {
    InitSodiumOnce();
    crypto_hash_sha256_init(&hash);
  }

  // Keeps the part of `chunk` that still belongs to the header block.
  void KeepHeaderBytes(std::string_view chunk) {
    const std::size_t room = limits.max_header_bytes - header_block.size();
    const std::size_t header_bytes = ScanForEndOfHeaders(chunk.substr(0, room));
    header_block.append(chunk.data(), header_bytes);
    // Cut when the header block goes on past its room; one that fills it exactly is whole.
    if (!headers_ended && header_bytes == room && chunk.size() > room) header_block_cut = true;
  }

  // Returns how many bytes of `bytes` belong to the header block, the empty line
  // that ends it included; sets headers_ended when that line is among them.
  std::size_t ScanForEndOfHeaders(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const char c = bytes[i];
      if (c == '\n') {
        if (line_is_empty) {
          headers_ended = true;
          return i + 1;
        }
        line_is_empty = true;
      } else if (c != '\r') {
        line_is_empty = false;
      }
    }
    return bytes.size();
  }

  bool KeepingHeaders() const { return !headers_ended && !header_block_cut; }

  // The kept header block as GMime should see it: a cut-off last line dropped,
  // and always ended by an empty line so no body is looked for.
  std::string TakeHeaderBlockToParse() {
    std::string text = std::move(header_block);
    if (header_block_cut) {
      const std::size_t last_newline = text.rfind('\n');
      if (last_newline != std::string::npos) text.resize(last_newline + 1);
    }
    if (!headers_ended) {
      if (!text.empty() && text.back() != '\n') text += '\n';
      text += '\n';
    }
    return text;
  }

  ParseLimits limits;
  ContentHashing hashing;
  crypto_hash_sha256_state hash;
  std::string header_block;
  bool line_is_empty = true;  // no byte but CR since the last LF
  bool headers_ended = false;
  bool header_block_cut = false;  // the header block went on past max_header_bytes
  std::size_t message_bytes = 0;  // fed and kept
  bool message_cut = false;       // the message went on past max_message_bytes
};

EnvelopeReader::EnvelopeReader(ParseLimits limits, ContentHashing hashing)
    : state_(std::make_unique<State>(limits, hashing)) {}

EnvelopeReader::~EnvelopeReader() = default;
EnvelopeReader::EnvelopeReader(EnvelopeReader&&) noexcept = default;
EnvelopeReader& EnvelopeReader::operator=(EnvelopeReader&&) noexcept = default;

bool EnvelopeReader::Feed(std::string_view chunk) {
  State& state = *state_;
  if (state.message_cut) return false;
  const std::size_t room = state.limits.max_message_bytes - state.message_bytes;
  if (chunk.size() > room) {
    chunk = chunk.substr(0, room);
    state.message_cut = true;
  }
  state.message_bytes += chunk.size();
  const bool hashing = state.hashing == ContentHashing::kOn;
  if (hashing) HashBytes(&state.hash, chunk);
  if (state.KeepingHeaders()) state.KeepHeaderBytes(chunk);
  return !state.message_cut && (hashing || state.KeepingHeaders());
}

Result<domain::Envelope> EnvelopeReader::Finish() {
  State& state = *state_;
  // A hash of part of a message would be no identity of it.
  const bool hashed = state.hashing == ContentHashing::kOn && !state.message_cut;
  std::string content_hash = hashed ? HexDigest(&state.hash) : std::string();
  bool line_cut = false;
  const std::string fields =
      CutLongLines(EnvelopeFieldsOf(state.TakeHeaderBlockToParse()), state.limits.max_line_bytes, &line_cut);
  MT_ASSIGN_OR_RETURN(domain::Envelope envelope, internal::EnvelopeOfHeaderBlock(fields, state.limits));
  envelope.content_hash = std::move(content_hash);
  if (state.message_cut) NoteLimitPassed(&ParseLimits::max_message_bytes, &envelope.limits_passed);
  if (state.header_block_cut) NoteLimitPassed(&ParseLimits::max_header_bytes, &envelope.limits_passed);
  if (line_cut) NoteLimitPassed(&ParseLimits::max_line_bytes, &envelope.limits_passed);
  return envelope;
}

namespace internal {

Result<domain::Envelope> EnvelopeOfHeaderBlock(std::string_view header_block, const ParseLimits& limits) {
  if (IsBlank(header_block)) return Status::Corruption("the message has no header block");
  GObjectPtr<GMimeMessage> message = internal::ParseMessage(header_block);
  if (message == nullptr) return Status::Corruption("the message header block cannot be parsed");
  return ToEnvelope(message.get(), limits);
}

}  // namespace internal

std::string EnvelopeFieldsOf(std::string_view header_block) {
  std::string kept;
  kept.reserve(header_block.size());
  bool keeping = true;  // the line before, with its field
  bool field_seen = false;
  bool received_seen = false;
  for (std::size_t begin = 0; begin < header_block.size();) {
    const std::size_t newline = header_block.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? header_block.size() : newline + 1;
    const std::string_view line = header_block.substr(begin, end - begin);
    begin = end;
    const bool continues_field = line[0] == ' ' || line[0] == '\t';
    if (!continues_field) {
      const std::string_view name = FieldName(line);
      if (name.empty()) {
        keeping = true;  // not a field: whatever it is, GMime decides
      } else if (!field_seen) {
        keeping = true;  // the block must start as it did (see the header)
      } else if (IsReceived(name)) {
        keeping = !received_seen;
      } else {
        keeping = IsEnvelopeField(name);
      }
      field_seen = field_seen || !name.empty();
      received_seen = received_seen || IsReceived(name);
    }
    if (keeping) kept.append(line);
  }
  return kept;
}

Result<domain::Envelope> ParseEnvelope(std::string_view raw, ParseLimits limits) {
  EnvelopeReader reader(limits);
  reader.Feed(raw);
  return reader.Finish();
}

std::string ContentHash(std::string_view raw) {
  InitSodiumOnce();
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  HashBytes(&hash, raw);
  return HexDigest(&hash);
}

}  // namespace mailtrail::mime
