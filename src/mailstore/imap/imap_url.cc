#include "mailstore/imap/imap_url.h"

#include <charconv>
#include <optional>

namespace mailtrail::mailstore {
namespace {

constexpr std::string_view kImapScheme = "imap://";
constexpr std::string_view kImapsScheme = "imaps://";
constexpr std::string_view kForms = "use imap://USER@HOST[:PORT] or imaps://USER@HOST[:PORT]";

Status Invalid(std::string_view url, std::string_view problem) {
  return Status::InvalidArgument("The mail store '" + std::string(url) + "' " + std::string(problem) + "; " +
                                 std::string(kForms) + ".");
}

std::optional<int> HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

// `text` with its %XX escapes decoded, or nullopt when an escape is malformed.
std::optional<std::string> PercentDecode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const std::optional<int> high = HexDigit(text[i + 1]), low = HexDigit(text[i + 2]);
    if (!high || !low) return std::nullopt;
    decoded += static_cast<char>(*high * 16 + *low);
    i += 2;
  }
  return decoded;
}

bool IsHostCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

}  // namespace

std::string ImapUrl::Endpoint() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool IsImapUrl(std::string_view url) { return url.starts_with(kImapScheme) || url.starts_with(kImapsScheme); }

Result<ImapUrl> ParseImapUrl(std::string_view url) {
  ImapUrl parsed;
  parsed.implicit_tls = url.starts_with(kImapsScheme);
  if (!parsed.implicit_tls && !url.starts_with(kImapScheme)) return Invalid(url, "is not an IMAP URL");
  std::string_view rest = url.substr(parsed.implicit_tls ? kImapsScheme.size() : kImapScheme.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos) return Invalid(url, "has a path or query");

  const std::size_t at = rest.rfind('@');
  if (at == std::string_view::npos || at == 0) return Invalid(url, "names no user");
  const std::string_view userinfo = rest.substr(0, at);
  if (userinfo.find(':') != std::string_view::npos) {
    // Not quoted back: the part after ':' is a password.
    return Status::InvalidArgument(
        "The mail store URL must not contain a password; give it in MAILTRAIL_IMAP_PASSWORD or the secrets "
        "file.");
  }
  if (userinfo.find(';') != std::string_view::npos) return Invalid(url, "has ';' options, which are not supported");
  std::optional<std::string> user = PercentDecode(userinfo);
  if (!user) return Invalid(url, "has a malformed %-escape in the user");
  parsed.user = std::move(*user);

  const std::string_view hostport = rest.substr(at + 1);
  std::optional<std::string_view> port_text;  // set when a ':' follows the host
  if (hostport.starts_with('[')) {
    const std::size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Invalid(url, "has an unclosed '[' in the host");
    parsed.host = std::string(hostport.substr(1, close - 1));
    const std::string_view after = hostport.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return Invalid(url, "has text after the host");
    if (!after.empty()) port_text = after.substr(1);
  } else {
    const std::size_t colon = hostport.find(':');
    parsed.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos) port_text = hostport.substr(colon + 1);
    for (char c : parsed.host) {
      if (!IsHostCharacter(c)) return Invalid(url, "has a character in the host that a host name cannot have");
    }
  }
  if (parsed.host.empty()) return Invalid(url, "names no host");

  parsed.port = parsed.implicit_tls ? kImapsPort : kImapPort;
  if (port_text) {
    unsigned port = 0;
    const char* end = port_text->data() + port_text->size();
    const auto [parsed_end, error] = std::from_chars(port_text->data(), end, port);
    if (port_text->empty() || error != std::errc() || parsed_end != end || port == 0 || port > 65535) {
      return Invalid(url, "has a port that is not a number from 1 to 65535");
    }
    parsed.port = static_cast<std::uint16_t>(port);
  }
  return parsed;
}

}  // namespace mailtrail::mailstore
