// Reading a message's Message-ID out of its header lines, the same way for
// every store (libetpan's RFC 5322 parser).
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace mailtrail::mailstore {

// The Message-ID, without angle brackets, of the first Message-ID field among
// `header_lines` (a header block, or the fields an IMAP server sent for
// HEADER.FIELDS (MESSAGE-ID)); empty when there is none or it does not parse.
std::string ParseMessageId(std::string_view header_lines);

}  // namespace mailtrail::mailstore
