#include "domain/address.h"

namespace mailtrail::domain {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A byte that begins a UTF-8 character (anything but a continuation byte).
bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// `address` without the white space around it, which matching ignores.
std::string_view TrimSpace(std::string_view address) {
  while (!address.empty() && IsSpace(address.front())) address.remove_prefix(1);
  while (!address.empty() && IsSpace(address.back())) address.remove_suffix(1);
  return address;
}

}  // namespace

std::string NormalizeAddress(std::string_view address) {
  std::string out(TrimSpace(address));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsTooLongToMatch(std::string_view address) { return Utf8Length(TrimSpace(address)) > kMaxAddressLength; }

std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += StartsCharacter(c) ? 1 : 0;
  return count;
}

std::string Utf8Prefix(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (StartsCharacter(text[i]) && chars++ == max_chars) return std::string(text.substr(0, i));
  }
  return std::string(text);
}

}  // namespace mailtrail::domain
