// Reading vCard files (RFC 6350 for 4.0, RFC 2426 for 3.0, and what 2.1 files
// from older address books hold): cards between BEGIN:VCARD and END:VCARD, one
// property per logical line "[group.]NAME;PARAM=value:value". Folded lines (a
// line break then a space or tab) are joined; lines end in CRLF, LF or a lone CR;
// empty lines and a UTF-8 byte order mark are skipped. 2.1's bare parameters
// ("EMAIL;INTERNET;PREF:") become TYPE=..., its ENCODING=QUOTED-PRINTABLE values
// (soft line breaks included) are decoded, and CHARSET=... values are converted
// to UTF-8. Cards nested in a card (2.1's AGENT) are skipped. Values keep their
// backslash escapes: VcardText and VcardComponents take them out, as the
// property's value type needs.
//
// Input may arrive in pieces of any size: the cards are the same whatever the
// cuts. Thread-safety: one instance per thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace mailtrail {

// The most bytes one logical line (one property, folds joined) may have: room for
// a photo, and a bound on what a broken file makes one property swallow.
inline constexpr std::size_t kMaxVcardLineBytes = 1 << 23;

struct VcardParameter {
  std::string name;   // upper-case, e.g. "TYPE"
  std::string value;  // as written, without surrounding double quotes; "work,pref" stays one value
  bool operator==(const VcardParameter&) const = default;
};

struct VcardProperty {
  std::size_t line = 0;  // 1-based line the property starts on
  std::string group;     // "item1" of "item1.EMAIL"; usually empty
  std::string name;      // upper-case, e.g. "EMAIL"
  std::vector<VcardParameter> parameters;
  std::string value;  // UTF-8 (base64 values as written), backslash escapes kept
  bool operator==(const VcardProperty&) const = default;

  // Whether parameter `name` has `value` among its comma-separated values (ASCII
  // case ignored): HasParameter("TYPE", "pref").
  bool HasParameter(std::string_view name, std::string_view value) const;
  // The value of parameter `name`, "" when absent.
  std::string Parameter(std::string_view name) const;
};

struct Vcard {
  std::size_t line = 0;  // the line of its BEGIN:VCARD
  std::vector<VcardProperty> properties;  // in file order, BEGIN, END and VERSION left out
  bool operator==(const Vcard&) const = default;

  // The first property named `name` (upper-case), or nullptr.
  const VcardProperty* Find(std::string_view name) const;
};

class VcardReader {
 public:
  // Reads the next piece of the input. Errors (kInvalidArgument, naming the
  // line): a line without ':' or with a bad property name, a property outside a
  // card, END:VCARD without BEGIN:VCARD, a line longer than kMaxVcardLineBytes,
  // text that is not UTF-8 nor in its CHARSET, an unknown CHARSET. After an error
  // the reader takes no more input.
  Status Feed(std::string_view piece);
  // Ends the input. Errors: those of Feed, a card without END:VCARD (naming its
  // BEGIN line).
  Status Finish();
  // The cards completed so far, handed over (the reader keeps none of them).
  std::vector<Vcard> TakeCards();

 private:
  Status Consume(char c);
  Status EndPhysicalLine();
  Status EndLogicalLine();
  Status Property(VcardProperty property);
  Status Fail(std::size_t line, std::string message);

  bool past_bom_ = false;
  std::string bom_seen_;  // bytes read while they may still be the byte order mark
  std::size_t line_ = 1;
  char previous_ = 0;       // the byte before, to count CRLF as one line break
  std::string physical_;    // the current physical line
  std::string logical_;     // the current logical line, folds joined
  std::size_t logical_line_ = 0;
  int depth_ = 0;  // BEGIN:VCARD seen and not ended
  Vcard card_;
  std::vector<Vcard> done_;
  Status failed_;
};

// The cards of a whole text: VcardReader fed once.
Result<std::vector<Vcard>> ReadVcards(std::string_view text);

// A text value with its escapes taken out: \\ \, \; and \n (or \N) for a line break.
std::string VcardText(std::string_view value);
// A structured value (N, ORG, ADR) split at its unescaped semicolons, each
// component as VcardText.
std::vector<std::string> VcardComponents(std::string_view value);

}  // namespace mailtrail
