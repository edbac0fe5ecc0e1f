// Email address forms used for matching. Pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mailtrail::domain {

// Addresses longer than this never match and make a message unloggable (rule 2),
// as in Business Central, whose address fields hold 80 characters.
inline constexpr std::size_t kMaxAddressLength = 80;

// The search form of an address, the same for every spelling of one mailbox:
// - surrounding white space removed;
// - case folded over the whole address, local part included (Unicode case
//   folding and NFC for SMTPUTF8 local parts: "JÖRG@x" and "jörg@x" match);
// - a quoted local part whose quotes are only syntax unquoted ("\"ann.lee\"@x"
//   is ann.lee@x, RFC 5322 3.2.4; see WithoutNeedlessQuotes); one that needs
//   them keeps them, with no more backslashes than it needs;
// - an internationalized domain in its ASCII (punycode) form, so that
//   "ann@bücher.example" and "ann@xn--bcher-kva.example" match. A domain that is
//   no valid IDN is only case folded.
// Text that is not UTF-8 has only its ASCII letters lower-cased.
std::string NormalizeAddress(std::string_view address);

// Whether `a` and `b` are one address to matching: their NormalizeAddress agree.
inline bool SameAddress(std::string_view a, std::string_view b) { return NormalizeAddress(a) == NormalizeAddress(b); }

// A domain alone in the form NormalizeAddress gives an address's domain:
// surrounding white space removed, lower case, an IDN in punycode.
std::string NormalizeDomain(std::string_view domain);

// `text` with its ASCII letters lower-cased, every other byte as it is.
std::string AsciiLower(std::string_view text);

// `address` with its local part out of quotes where they are only syntax: the
// quoted text is atoms and dots (RFC 5322 atext; any non-ASCII byte, RFC 6532),
// dots where RFC 5322 allows them or not ("\"m..scott\"@x" -> m..scott@x, the
// spelling its owner uses). Case and everything else as they are.
std::string WithoutNeedlessQuotes(std::string_view address);

// Whether `c` may stand in an atom unquoted: RFC 5322 atext, or a byte of a
// non-ASCII UTF-8 character (RFC 6532).
bool IsAtomCharacter(char c);

// Whether `address`, without the white space around it (as NormalizeAddress
// drops it), is longer than kMaxAddressLength characters (code points).
bool IsTooLongToMatch(std::string_view address);

// The first `max_chars` characters (UTF-8 code points) of `text`; never splits a
// multi-byte sequence.
std::string Utf8Prefix(std::string_view text, std::size_t max_chars);

// Number of UTF-8 code points in `text` (bytes that start no sequence are not counted).
std::size_t Utf8Length(std::string_view text);

}  // namespace mailtrail::domain
