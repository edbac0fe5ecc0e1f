// ImapUrl: the parts of an imap:// or imaps:// mail store URL.
//
// Accepted forms: imap://USER@HOST[:PORT][/] and imaps://USER@HOST[:PORT][/].
// USER may carry %XX escapes (e.g. sales%40contoso.com for an address as user
// name; the last '@' ends the user in any case). HOST is a name, an IPv4
// address or an IPv6 address in brackets. PORT defaults to 143 (imap) and 993
// (imaps). A password in the URL is refused: it would end up in the setup, in
// logs and in shell histories.
//
// Thread-safety: plain values and a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace mailtrail::mailstore {

struct ImapUrl {
  bool implicit_tls = false;  // imaps://: TLS from the first byte
  std::string user;           // decoded
  std::string host;           // without brackets
  std::uint16_t port = 0;

  // "HOST:PORT" (an IPv6 host in brackets), for messages.
  std::string Endpoint() const;
};

inline constexpr std::uint16_t kImapPort = 143;
inline constexpr std::uint16_t kImapsPort = 993;

// Whether `url` starts with imap:// or imaps://.
bool IsImapUrl(std::string_view url);

// Parses `url`. Errors: kInvalidArgument, saying what is wrong and which form
// is accepted.
Result<ImapUrl> ParseImapUrl(std::string_view url);

}  // namespace mailtrail::mailstore
