// Email address forms used for matching. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mailtrail::domain {

// Addresses longer than this never match and make a message unloggable (rule 2),
// as in Business Central, whose address fields hold 80 characters.
inline constexpr std::size_t kMaxAddressLength = 80;

// The search form of an address: surrounding white space removed, ASCII letters
// lower-cased over the whole address (local part included).
std::string NormalizeAddress(std::string_view address);

// Whether `address`, without the white space around it (as NormalizeAddress
// drops it), is longer than kMaxAddressLength characters (code points).
bool IsTooLongToMatch(std::string_view address);

// The first `max_chars` characters (UTF-8 code points) of `text`; never splits a
// multi-byte sequence.
std::string Utf8Prefix(std::string_view text, std::size_t max_chars);

// Number of UTF-8 code points in `text` (bytes that start no sequence are not counted).
std::size_t Utf8Length(std::string_view text);

}  // namespace mailtrail::domain
