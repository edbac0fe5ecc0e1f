// The value of an Authentication-Results header field (RFC 8601, section 2.2).
//
// Written here because neither GMime nor another Debian library parses it. The
// grammar is small: an authserv-id, then ";"-separated results, each
// "method[/version]=result" followed by "reason=..." and "ptype.property=value"
// pairs, with comments and quoted strings anywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/model.h"

namespace mailtrail::mime {

// Results read from one header; those past it are ignored (the header is
// untrusted input).
inline constexpr std::size_t kMaxMethodResults = 32;

// The authserv-id and results of `value` (unfolded or not). Tolerant as mail
// readers are: comments are dropped, a result that does not read as
// method=result is left out, names are lower-cased, "none" gives no results.
// A value that starts with a result has an empty authserv-id (Microsoft 365
// writes them so), which no setup trusts. nullopt when it is empty.
std::optional<domain::AuthenticationResults> ParseAuthenticationResults(std::string_view value);

}  // namespace mailtrail::mime
