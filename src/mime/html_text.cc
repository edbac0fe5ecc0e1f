#include "mime/html_text.h"

#include <glib.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <utility>

#include "domain/address.h"

namespace mailtrail::mime::internal {
namespace {

// A character reference longer than this ("&#x10FFFF;" is the longest we decode)
// is taken as a literal '&'.
constexpr std::size_t kMaxReferenceLength = 10;

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Collects the text: white space of the source collapses to one space, line
// breaks come only from tags, and never more than one empty line in a row.
class TextWriter {
 public:
  void AppendSourceChar(char c) {
    if (IsHtmlSpace(c)) {
      space_pending_ = !text_.empty() && text_.back() != '\n';
    } else {
      Append(std::string_view(&c, 1));
    }
  }

  // Text that is kept as is (decoded character references).
  void Append(std::string_view text) {
    if (space_pending_) text_ += ' ';
    space_pending_ = false;
    text_ += text;
  }

  // Starts a new line, even an empty one (<br>).
  void BreakLine() { EndLine(TrailingNewlines() + 1); }

  // Makes the text end with at least `newlines` line breaks (1: new line, 2: new paragraph).
  void EndLine(int newlines) {
    space_pending_ = false;
    while (!text_.empty() && text_.back() == ' ') text_.pop_back();
    if (text_.empty()) return;
    for (int have = TrailingNewlines(); have < std::min(newlines, 2); ++have) text_ += '\n';
  }

  std::string Finish() && {
    EndLine(1);
    while (text_.size() >= 2 && text_.ends_with("\n\n")) text_.pop_back();
    return std::move(text_);
  }

 private:
  int TrailingNewlines() const {
    int count = 0;
    for (auto it = text_.rbegin(); it != text_.rend() && *it == '\n' && count < 2; ++it) ++count;
    return count;
  }

  std::string text_;
  bool space_pending_ = false;
};

struct Tag {
  std::string name;  // lower case; empty for <!...> and <?...>
  bool closing = false;
};

Tag ReadTag(std::string_view lower, std::size_t lt) {
  Tag tag;
  std::size_t i = lt + 1;
  if (i < lower.size() && lower[i] == '/') {
    tag.closing = true;
    ++i;
  }
  while (i < lower.size() && g_ascii_isalnum(lower[i])) tag.name += lower[i++];
  return tag;
}

// The index just past the '>' that closes the tag opened at `lt`, skipping quoted
// attribute values; the end of the text when the tag is never closed.
std::size_t TagEnd(std::string_view html, std::size_t lt) {
  char quote = 0;
  for (std::size_t i = lt + 1; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return html.size();
}

// The index just past `needle`, searched from `from`; the end of the text when absent.
std::size_t After(std::string_view text, std::string_view needle, std::size_t from) {
  const std::size_t at = text.find(needle, from);
  return at == std::string_view::npos ? text.size() : at + needle.size();
}

// Elements whose content is not text for a person.
bool HasHiddenContent(const std::string& name) {
  return name == "script" || name == "style" || name == "title";
}

// Line breaks a tag makes in the text (0: none).
int LineBreaksFor(const std::string& name) {
  static constexpr std::string_view kParagraphs[] = {"p",          "h1",    "h2", "h3", "h4",  "h5", "h6",
                                                     "blockquote", "table", "ul", "ol", "pre", "hr"};
  static constexpr std::string_view kBlocks[] = {"div",     "tr",      "li",     "dt",     "dd",
                                                 "section", "article", "header", "footer", "address",
                                                 "center",  "form",    "body"};
  for (std::string_view paragraph : kParagraphs) {
    if (name == paragraph) return 2;
  }
  for (std::string_view block : kBlocks) {
    if (name == block) return 1;
  }
  return 0;
}

void ApplyTag(const Tag& tag, TextWriter* writer) {
  if (tag.name == "br") {
    writer->BreakLine();
  } else if (tag.name == "td" || tag.name == "th") {
    writer->AppendSourceChar(' ');
  } else if (int breaks = LineBreaksFor(tag.name); breaks > 0) {
    writer->EndLine(breaks);
  }
}

// Handles the markup starting at `lt` and returns the index after it.
std::size_t ConsumeMarkup(std::string_view lower, std::size_t lt, TextWriter* writer) {
  if (lower.substr(lt).starts_with("<!--")) return After(lower, "-->", lt + 4);
  const Tag tag = ReadTag(lower, lt);
  const std::size_t end = TagEnd(lower, lt);
  if (!tag.closing && HasHiddenContent(tag.name)) {
    const std::size_t close = lower.find("</" + tag.name, end);
    return close == std::string_view::npos ? lower.size() : TagEnd(lower, close);
  }
  ApplyTag(tag, writer);
  return end;
}

// '<' followed by anything else ("a < b") is text.
bool StartsMarkup(std::string_view html, std::size_t lt) {
  if (lt + 1 >= html.size()) return false;
  const char next = html[lt + 1];
  return g_ascii_isalpha(next) || next == '/' || next == '!' || next == '?';
}

std::optional<gunichar> ParseCodePoint(std::string_view digits, int base) {
  unsigned long value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (value == 0 || value > 0x10FFFF) return std::nullopt;
  const auto code_point = static_cast<gunichar>(value);
  if (!g_unichar_validate(code_point)) return std::nullopt;
  return code_point;
}

// HTML 4 names of U+00A1..U+00FF, in code point order.
constexpr std::string_view kLatin1EntityNames[] = {
    "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",   "ordf",
    "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",   "acute",
    "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34",
    "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave",
    "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve",
    "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",
    "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",
    "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave", "uacute",
    "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

struct NamedCharacter {
  std::string_view name;
  gunichar code_point;
};

// Punctuation that mail written in word processors is full of.
constexpr NamedCharacter kPunctuationEntities[] = {{"ndash", 0x2013},  {"mdash", 0x2014}, {"lsquo", 0x2018},
                                                   {"rsquo", 0x2019},  {"sbquo", 0x201A}, {"ldquo", 0x201C},
                                                   {"rdquo", 0x201D},  {"bdquo", 0x201E}, {"bull", 0x2022},
                                                   {"hellip", 0x2026}, {"euro", 0x20AC},  {"trade", 0x2122}};

std::optional<gunichar> NamedCodePoint(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLatin1EntityNames); ++i) {
    if (name == kLatin1EntityNames[i]) return static_cast<gunichar>(0xA1 + i);
  }
  for (const NamedCharacter& entity : kPunctuationEntities) {
    if (name == entity.name) return entity.code_point;
  }
  return std::nullopt;
}

std::optional<gunichar> CodePointOf(std::string_view name) {
  if (!name.starts_with('#')) return NamedCodePoint(name);
  name.remove_prefix(1);
  const bool hex = name.starts_with('x') || name.starts_with('X');
  if (hex) name.remove_prefix(1);
  return ParseCodePoint(name, hex ? 16 : 10);
}

// The UTF-8 text of the character reference `name` (between '&' and ';').
std::optional<std::string> DecodeReference(std::string_view name) {
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "nbsp") return " ";  // a plain space reads the same in a terminal
  const std::optional<gunichar> code_point = CodePointOf(name);
  if (!code_point) return std::nullopt;
  char utf8[6];
  return std::string(utf8, static_cast<std::size_t>(g_unichar_to_utf8(*code_point, utf8)));
}

// Handles the '&' at `amp` and returns the index after what it consumed.
std::size_t ConsumeReference(std::string_view html, std::size_t amp, TextWriter* writer) {
  const std::size_t semicolon = html.find(';', amp + 1);
  if (semicolon != std::string_view::npos && semicolon - amp <= kMaxReferenceLength) {
    if (auto text = DecodeReference(html.substr(amp + 1, semicolon - amp - 1))) {
      writer->Append(*text);
      return semicolon + 1;
    }
  }
  writer->Append("&");
  return amp + 1;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  // Lower-casing ASCII keeps every byte in place, so indexes hold in both.
  const std::string lower = domain::AsciiLower(html);
  TextWriter writer;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '<' && StartsMarkup(html, i)) {
      i = ConsumeMarkup(lower, i, &writer);
    } else if (html[i] == '&') {
      i = ConsumeReference(html, i, &writer);
    } else {
      writer.AppendSourceChar(html[i++]);
    }
  }
  return std::move(writer).Finish();
}

}  // namespace mailtrail::mime::internal
