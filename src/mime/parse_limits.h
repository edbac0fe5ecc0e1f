// Limits on untrusted input: how much of a message the parsers believe. Each
// limit is a named setting of the deployment configuration ([limits] in the TOML
// file, MAILTRAIL_<NAME> in the environment); the names below are the ones a
// message is marked with when it passes a limit, and the ones warnings name.
//
// What happens to a message past a limit (README, "Limits on untrusted input"):
// the envelope reader parses what it kept and marks the envelope; the pass leaves
// a marked message, and one larger than max_message_bytes, in the queue as
// failed, with a warning naming the limit and the message; Show renders what is
// within the MIME limits and says what it left out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mailtrail::mime {

struct ParseLimits {
  // Bytes of one message. The pass leaves a larger message in the queue unread;
  // Show does not render one. Default: 256 MiB, above what mail servers accept
  // (Exchange Online at most 150 MB, Gmail 25 MB of attachments, base64
  // included): a pass reads only the header block of a large message and
  // hard-links it, so its size costs no memory.
  std::size_t max_message_bytes = std::size_t{256} << 20;
  // Bytes of the header block kept for parsing; a longer header block is cut here
  // and the message is parsed from what was kept. Default: 1 MiB.
  std::size_t max_header_bytes = 1 << 20;
  // Bytes of one line (before unfolding) of a header field the envelope is made
  // of (From, To, Subject, ...); a longer line is cut here. RFC 5322 allows 998,
  // real mail goes further (unfolded recipient lists). Default: 64 KiB.
  std::size_t max_line_bytes = 64 << 10;
  // Mailboxes (group members included) of one From, Sender, To or Cc field; those
  // after it are dropped. Real distribution lists reach a thousand. Default: 10,000.
  std::size_t max_addresses_per_header = 10000;
  // Levels of MIME nesting (multiparts, attached messages) Show looks into; GMime
  // itself stops at 1,024. Default: 64.
  std::size_t max_mime_depth = 64;
  // MIME parts (containers included) Show looks at. Default: 1,000.
  std::size_t max_mime_parts = 1000;
};

// One limit as the configuration names it.
struct ParseLimitSetting {
  std::string_view name;  // e.g. "max_header_bytes"
  std::size_t ParseLimits::*value;
};

// Every limit, in the order of ParseLimits.
inline constexpr ParseLimitSetting kParseLimitSettings[] = {
    {"max_message_bytes", &ParseLimits::max_message_bytes},
    {"max_header_bytes", &ParseLimits::max_header_bytes},
    {"max_line_bytes", &ParseLimits::max_line_bytes},
    {"max_addresses_per_header", &ParseLimits::max_addresses_per_header},
    {"max_mime_depth", &ParseLimits::max_mime_depth},
    {"max_mime_parts", &ParseLimits::max_mime_parts},
};

// The setting name of `value`, e.g. "max_line_bytes" for &ParseLimits::max_line_bytes.
constexpr std::string_view LimitName(std::size_t ParseLimits::*value) {
  for (const ParseLimitSetting& setting : kParseLimitSettings) {
    if (setting.value == value) return setting.name;
  }
  return {};
}

// Adds the name of `value` to `passed` (names of the limits a message passed)
// unless it is there, keeping the order of kParseLimitSettings.
void NoteLimitPassed(std::size_t ParseLimits::*value, std::vector<std::string>* passed);

// The limits `names` with their values in `limits`, for a person:
// "max_header_bytes (1048576), max_line_bytes (65536)".
std::string DescribeLimits(const std::vector<std::string>& names, const ParseLimits& limits);

}  // namespace mailtrail::mime
