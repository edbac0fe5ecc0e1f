// Fuzzes address handling: the functions of domain/address.h, matching through
// domain::Directory, and GMime's address-list parsing as mailtrail calls it (the
// envelope's From/To/Cc, the display form of Show).
//
// Invariants: normalizing is idempotent, trims, and ignores ASCII case; an
// address matches the directory entry it was registered as in any ASCII case
// and with surrounding white space, and white space alone matches nothing;
// UTF-8 prefixes are prefixes with the asked number of characters and stay valid
// UTF-8; parsed addresses are valid UTF-8; a header value gives the same addresses
// in To: as in Cc:; displayed headers are one terminal-safe line.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/address.h"
#include "domain/directory.h"
#include "fuzz/fuzz_check.h"
#include "mime/envelope_reader.h"
#include "mime/gmime_support.h"
#include "mime/message_text.h"

namespace mailtrail::fuzz {
namespace {

std::string AsciiUpper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = g_ascii_toupper(c);
  return upper;
}

bool HasAsciiUpper(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return g_ascii_isupper(c); });
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void CheckAddressFunctions(const std::string& address, std::size_t prefix_chars) {
  const std::string normalized = domain::NormalizeAddress(address);
  Check(domain::NormalizeAddress(normalized) == normalized, "NormalizeAddress is idempotent");
  Check(domain::NormalizeAddress(AsciiUpper(address)) == normalized, "NormalizeAddress ignores ASCII case");
  Check(!HasAsciiUpper(normalized), "a normalized address has no upper-case ASCII letter");
  Check(normalized.empty() || (!IsSpace(normalized.front()) && !IsSpace(normalized.back())),
        "a normalized address is trimmed");

  const std::size_t length = domain::Utf8Length(address);
  Check(length <= address.size(), "a character has at least one byte");
  std::string_view trimmed = address;
  while (!trimmed.empty() && IsSpace(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && IsSpace(trimmed.back())) trimmed.remove_suffix(1);
  Check(domain::IsTooLongToMatch(address) == (domain::Utf8Length(trimmed) > domain::kMaxAddressLength),
        "too long means more than kMaxAddressLength characters without the white space around");
  if (IsValidUtf8(address)) {
    Check(length == static_cast<std::size_t>(g_utf8_strlen(address.data(), static_cast<gssize>(address.size()))),
          "Utf8Length counts the characters of valid UTF-8");
  }

  const std::string prefix = domain::Utf8Prefix(address, prefix_chars);
  Check(std::string_view(address).starts_with(prefix), "Utf8Prefix is a prefix");
  Check(domain::Utf8Length(prefix) == std::min(prefix_chars, length), "Utf8Prefix keeps the asked characters");
  Check(!IsValidUtf8(address) || IsValidUtf8(prefix), "Utf8Prefix never splits a character");
}

void CheckMatching(const std::string& address) {
  const domain::Directory directory({{"SP", "Sales Person", address}},
                                    {{"CT000001", domain::ContactType::kCompany, "Contact", address, "CT000001"},
                                     {"CT000002", domain::ContactType::kCompany, "Other", "", "CT000002"}},
                                    {{"CT000002", "ALT", " " + AsciiUpper(address) + "\t"}});
  const std::string variant = "\t " + AsciiUpper(address) + " \r\n";
  const bool registered = !domain::NormalizeAddress(address).empty();  // white space alone is no address
  const domain::Salesperson* salesperson = directory.FindSalesperson(variant);
  Check(registered == (salesperson != nullptr), "a registered salesperson matches in any case");
  const std::optional<domain::ContactMatch> contact = directory.FindContact(variant);
  Check(registered == contact.has_value(), "a registered contact matches in any case");
  if (contact) {
    Check(contact->contact->no == "CT000001" && contact->alt_address_code.empty(),
          "a contact's own email wins over another contact's alt address");
  }
}

// `value` as the value of one header field: line breaks become folds.
std::string Folded(std::string_view value) {
  std::string folded;
  for (char c : value) {
    if (c == '\r') continue;
    folded += c;
    if (c == '\n') folded += ' ';
  }
  return folded;
}

void CheckParsedAddresses(InternetAddressList* list) {
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      CheckParsedAddresses(internet_address_group_get_members(reinterpret_cast<InternetAddressGroup*>(address)));
    } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      const char* addr = internet_address_mailbox_get_addr(reinterpret_cast<InternetAddressMailbox*>(address));
      Check(IsValidUtf8(mime::internal::ValidUtf8(addr)), "ValidUtf8 makes an address valid UTF-8");
    }
  }
}

bool IsTerminalSafeLine(std::string_view text) {
  return IsValidUtf8(text) && std::none_of(text.begin(), text.end(), [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return byte < 0x20 || byte == 0x7F;
         });
}

void CheckHeaderValue(const std::string& value) {
  CheckParsedAddresses(mime::internal::ParseAddressList(value.c_str()).get());
  if (value.find("=?") == std::string::npos) {
    Check(mime::internal::RewriteBase64WordsAsQ(value) == value, "text without encoded words is left as it is");
  }

  const std::string field = Folded(value);
  const std::string message = "From: " + field + "\r\nTo: " + field + "\r\nCc: " + field + "\r\n\r\nBody\r\n";
  const Result<domain::Envelope> envelope = mime::ParseEnvelope(message);
  Check(envelope.ok(), "a message with a From: line has a header block");
  Check(envelope->to == envelope->cc, "To: and Cc: read the same value the same way");
  for (const std::string& address : envelope->to) Check(IsValidUtf8(address), "a recipient is valid UTF-8");

  const Result<mime::MessageText> text = mime::RenderMessageText(message);
  if (text.ok()) {
    for (const auto& [name, shown] : text->headers) Check(IsTerminalSafeLine(shown), "a shown header is one safe line");
  }
}

}  // namespace
}  // namespace mailtrail::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailtrail::fuzz;
  FuzzedDataProvider input(data, size);
  const std::size_t prefix_chars = input.ConsumeIntegralInRange<std::size_t>(0, 128);
  // Up to the first NUL: header values and C strings end there.
  const std::string text = input.ConsumeRemainingBytesAsString();
  const std::string value = text.substr(0, text.find('\0'));

  CheckAddressFunctions(text, prefix_chars);
  CheckMatching(text);
  CheckHeaderValue(value);
  return 0;
}
