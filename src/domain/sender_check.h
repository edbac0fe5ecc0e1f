// Sender authenticity from Authentication-Results headers (RFC 8601). Only the
// results of the server the setup trusts count: any sender can write such a
// header, but the receiving server removes those that claim its own authserv-id
// (RFC 8601 section 5), so its topmost one is its own. Pure functions.
#pragma once

#include <string_view>

#include "domain/model.h"

namespace mailtrail::domain {

// The verdict on `envelope`'s sender from the topmost Authentication-Results
// header of `trusted_authserv_id` (case-insensitive):
// - kUnchecked: no server is trusted, or the trusted one left no header;
// - kAuthenticated: dmarc=pass; or, without a DMARC result, dkim=pass whose
//   signing domain (header.d, else the domain of header.i) or spf=pass whose
//   smtp.mailfrom domain is the From domain, a parent of it or a subdomain of it;
// - kUnauthenticated: otherwise.
// The dkim, spf and dmarc results recorded are the header's: a pass where one
// counted, else the first result of that method.
SenderCheck CheckSender(const Envelope& envelope, std::string_view trusted_authserv_id);

}  // namespace mailtrail::domain
