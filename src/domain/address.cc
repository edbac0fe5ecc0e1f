#include "domain/address.h"

#include <glib.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace mailtrail::domain {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// A byte that begins a UTF-8 character (anything but a continuation byte).
bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct GFree {
  void operator()(gchar* text) const { g_free(text); }
};
using GCharPtr = std::unique_ptr<gchar, GFree>;

// `text` case folded for caseless matching (Unicode case folding, then NFC so
// composed and decomposed spellings agree); ASCII-lower-cased when it is not UTF-8.
std::string CaseFold(std::string_view text) {
  if (IsAscii(text)) return AsciiLower(text);
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return AsciiLower(text);
  const GCharPtr folded(g_utf8_casefold(text.data(), static_cast<gssize>(text.size())));
  const GCharPtr composed(g_utf8_normalize(folded.get(), -1, G_NORMALIZE_NFC));
  return composed != nullptr ? composed.get() : folded.get();
}

// The text of a quoted string (its backslashes resolved), or nullopt when
// `local` is no quoted string.
std::optional<std::string> QuotedText(std::string_view local) {
  if (local.size() < 2 || local.front() != '"' || local.back() != '"') return std::nullopt;
  std::string text;
  const std::string_view quoted = local.substr(1, local.size() - 2);
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size()) ++i;
    text += quoted[i];
  }
  return text;
}

// Whether `text` is atoms and dots alone, in any order, with an atom among them.
bool IsAtomsAndDots(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || IsAtomCharacter(c); }) &&
         std::any_of(text.begin(), text.end(), IsAtomCharacter);
}

// A local part in one spelling: a quoted string of atoms and dots loses its
// quotes, and any other keeps them with only the backslashes it needs.
std::string CanonicalLocalPart(std::string_view local) {
  const std::optional<std::string> text = QuotedText(local);
  if (!text) return std::string(local);
  if (IsAtomsAndDots(*text)) return *text;
  std::string requoted = "\"";
  for (char c : *text) {
    if (c == '"' || c == '\\') requoted += '\\';
    requoted += c;
  }
  return requoted + '"';
}

// The domain's ASCII form when it is a valid internationalized domain name.
std::string CanonicalDomain(std::string_view domain) {
  if (IsAscii(domain)) return AsciiLower(domain);
  const std::string text(domain);
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    const GCharPtr ascii(g_hostname_to_ascii(text.c_str()));
    if (ascii != nullptr) return AsciiLower(ascii.get());
  }
  return CaseFold(domain);
}

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = g_ascii_tolower(c);
  return out;
}

bool IsAtomCharacter(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || g_ascii_isalnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

std::string WithoutNeedlessQuotes(std::string_view address) {
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return std::string(address);
  const std::optional<std::string> text = QuotedText(address.substr(0, at));
  if (!text || !IsAtomsAndDots(*text)) return std::string(address);
  return *text + std::string(address.substr(at));
}

std::string NormalizeAddress(std::string_view address) {
  address = Trimmed(address);
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return CaseFold(address);
  return CaseFold(CanonicalLocalPart(address.substr(0, at))) + '@' + CanonicalDomain(address.substr(at + 1));
}

std::string NormalizeDomain(std::string_view domain) { return CanonicalDomain(Trimmed(domain)); }

bool IsTooLongToMatch(std::string_view address) { return Utf8Length(Trimmed(address)) > kMaxAddressLength; }

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
