// Base64 (RFC 4648, the standard alphabet with padding), by libsodium: how file contents travel
// in JSON and how the database keeps them as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailtrail {

std::string Base64Encode(std::string_view bytes);

// The bytes `text` encodes; nullopt unless it is canonical base64: groups of four
// characters of the alphabet, '=' padding only at the end, no whitespace, and
// unused bits zero (so that each content has exactly one encoding).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace mailtrail
