#include "common/base64.h"

#include <sodium.h>

namespace mailtrail {

// libsodium's codec: constant-time, and strict in decoding (no whitespace, padding
// only at the end, unused bits zero).
std::string Base64Encode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string text(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
  text.pop_back();  // the terminating NUL sodium writes
  return text;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(),
                        /*ignore=*/nullptr, &length, /*b64_end=*/nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace mailtrail
