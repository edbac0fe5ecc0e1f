// The bits of RFC 5322 / 2045 / 2047 formatting the corpus needs to look real.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "random.h"

namespace mailtrail::bench {

// Base64 in lines of 76 characters, each ending in "\n" (a MIME body part).
std::string Base64Lines(std::string_view bytes);
// Base64 without line breaks.
std::string Base64(std::string_view bytes);
// `text` as is when it is plain ASCII, else one RFC 2047 "Q" encoded word in UTF-8.
std::string EncodeWord(std::string_view text);
// "Jim Olivo <jim.olivo@cronus.example>", quoting or encoding the name as needed.
std::string Mailbox(std::string_view name, std::string_view address);
// An RFC 5322 date, e.g. "Mon, 02 Mar 2026 10:15:00 +0100", of `when` (UTC seconds)
// as seen in a zone `offset_minutes` east of UTC.
std::string RfcDate(std::int64_t when, int offset_minutes);
// `text` with every `from` replaced by `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to);
// `count` random lower-case hex digits / random bytes.
std::string RandomHex(Random& random, std::size_t count);
std::string RandomBytes(Random& random, std::size_t count);

}  // namespace mailtrail::bench
