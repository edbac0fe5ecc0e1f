// The bits of RFC 5322 / 2045 / 2047 formatting the corpus needs to look real.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "random.h"

namespace mailtrail::bench {

// Base64 in lines of 76 characters, each ending in "\n" (a MIME body part).
std::string Base64Lines(std::string_view bytes);
// Base64 without line breaks.
std::string Base64(std::string_view bytes);
// `text`, bytes in `charset`, as is when it is plain ASCII, else as RFC 2047
// encoded words ("Q", or "B" with `base64`) of at most 75 characters each, folded
// onto continuation lines; a UTF-8 character is never split between two words.
std::string EncodeWords(std::string_view text, std::string_view charset = "utf-8", bool base64 = false);
// `utf8` converted to `charset` ("utf-8", "iso-8859-1", "windows-1252" or "koi8-r"),
// or nullopt when one of its characters has no place in that charset (a mail
// client then falls back to UTF-8).
std::optional<std::string> Transcode(std::string_view utf8, std::string_view charset);
// Quoted-printable (RFC 2045) with LF line ends and soft breaks at 76 characters.
std::string QuotedPrintable(std::string_view bytes);
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
