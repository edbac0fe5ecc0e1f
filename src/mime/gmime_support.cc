#include "mime/gmime_support.h"

#include <algorithm>
#include <mutex>
#include <optional>

#include "domain/address.h"

namespace mailtrail::mime::internal {
namespace {

// g_mime_init() is not thread-safe and must run exactly once per process.
void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// "=?charset?E?payload?=" found in header text.
struct EncodedWord {
  std::string_view charset;  // with an RFC 2231 language suffix, if any
  char encoding;             // 'B', 'b', 'Q' or 'q'
  std::string_view payload;
  std::size_t length;  // of the whole word
};

std::optional<EncodedWord> EncodedWordAt(std::string_view text, std::size_t at) {
  const std::size_t charset_begin = at + 2;
  const std::size_t charset_end = text.find('?', charset_begin);
  if (charset_end == std::string_view::npos || charset_end == charset_begin) return std::nullopt;
  const std::size_t payload_begin = charset_end + 3;
  if (payload_begin > text.size() || text[charset_end + 2] != '?') return std::nullopt;
  const std::size_t payload_end = text.find("?=", payload_begin);
  if (payload_end == std::string_view::npos) return std::nullopt;
  EncodedWord word{.charset = text.substr(charset_begin, charset_end - charset_begin),
                   .encoding = text[charset_end + 1],
                   .payload = text.substr(payload_begin, payload_end - payload_begin),
                   .length = payload_end + 2 - at};
  if (word.charset.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
  return word;
}

// Decodes one base64 quantum sequence, tolerating missing padding and stray characters.
std::string DecodeBase64Chunk(std::string_view chunk) {
  std::string input;
  for (char c : chunk) {
    if (g_ascii_isalnum(c) || c == '+' || c == '/') input += c;
  }
  if (input.size() % 4 == 1) input.pop_back();  // a lone sextet carries no whole byte
  while (input.size() % 4 != 0) input += '=';
  std::string bytes(input.size() / 4 * 3 + 3, '\0');
  gint state = 0;
  guint save = 0;
  const gsize length = g_base64_decode_step(input.data(), input.size(),
                                            reinterpret_cast<guchar*>(bytes.data()), &state, &save);
  bytes.resize(length);
  return bytes;
}

// Decodes a base64 payload; padded chunks run together ("SGk=SGk=") are each
// decoded, as some encoders produce them.
std::string DecodeBase64(std::string_view payload) {
  std::string bytes;
  std::size_t begin = 0;
  while (begin < payload.size()) {
    const std::size_t end = std::min(payload.find('=', begin), payload.size());
    bytes += DecodeBase64Chunk(payload.substr(begin, end - begin));
    begin = std::min(payload.find_first_not_of('=', end), payload.size());
  }
  return bytes;
}

// RFC 2047 "Q" encoding of `bytes`: letters and digits as they are, the rest =XX.
std::string EncodeQ(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (g_ascii_isalnum(c)) {
      encoded += c;
    } else {
      encoded += '=';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  return encoded;
}

// Where the quoted string or comment that starts at `begin` ends (past its
// closing character; comments nest), or the end of `text` when it is not closed.
std::size_t EndOfQuotedOrComment(std::string_view text, std::size_t begin) {
  const bool comment = text[begin] == '(';
  int depth = 0;
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      ++i;
    } else if (!comment) {
      if (c == '"' && i != begin) return i + 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

ParserOptionsPtr NewLenientParserOptions() {
  InitGMimeOnce();
  ParserOptionsPtr options(g_mime_parser_options_new());
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  // Undeclared 8-bit header text is most often UTF-8, then the code page of
  // Windows mail clients; ISO-8859-1 comes last because it accepts every byte.
  const char* fallback_charsets[] = {"UTF-8", "windows-1252", "iso-8859-1", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback_charsets);
  return options;
}

GObjectPtr<GMimeMessage> ParseMessage(std::string_view raw) {
  if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);
  ParserOptionsPtr options = NewLenientParserOptions();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), options.get()));
}

const char* RawHeaderValue(GMimeObject* object, const char* name) {
  GMimeHeader* header = g_mime_header_list_get_header(g_mime_object_get_header_list(object), name);
  return header == nullptr ? nullptr : g_mime_header_get_raw_value(header);
}

std::string DecodeHeaderText(const char* raw_value) {
  if (raw_value == nullptr) return {};
  ParserOptionsPtr options = NewLenientParserOptions();
  const std::string rewritten = RewriteBase64WordsAsQ(raw_value);
  GCharPtr unfolded(g_mime_utils_header_unfold(rewritten.c_str()));
  GCharPtr decoded(g_mime_utils_header_decode_text(options.get(), unfolded.get()));
  return std::string(Trim(ValidUtf8(decoded.get())));
}

GObjectPtr<InternetAddressList> ParseAddressList(const char* raw_value) {
  ParserOptionsPtr options = NewLenientParserOptions();
  const std::string rewritten =
      QuoteLocalPartsWithStrayDots(RewriteBase64WordsAsQ(raw_value == nullptr ? "" : raw_value));
  InternetAddressList* list = internet_address_list_parse(options.get(), rewritten.c_str());
  return GObjectPtr<InternetAddressList>(list != nullptr ? list : internet_address_list_new());
}

std::string RewriteBase64WordsAsQ(std::string_view text) {
  std::string rewritten;
  std::size_t copied = 0;  // text before this index is in `rewritten`
  for (std::size_t at = text.find("=?"); at != std::string_view::npos; at = text.find("=?", at + 2)) {
    const std::optional<EncodedWord> word = EncodedWordAt(text, at);
    if (!word || (word->encoding != 'B' && word->encoding != 'b')) continue;
    rewritten.append(text.substr(copied, at - copied));
    rewritten.append("=?").append(word->charset).append("?Q?");
    rewritten.append(EncodeQ(DecodeBase64(word->payload))).append("?=");
    copied = at + word->length;
    at = copied - 2;
  }
  rewritten.append(text.substr(copied));
  return rewritten;
}

std::string QuoteLocalPartsWithStrayDots(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '(') {  // a quoted string or a comment, copied as it is
      const std::size_t end = EndOfQuotedOrComment(text, i);
      quoted.append(text.substr(i, end - i));
      i = end;
    } else if (c == '.' || domain::IsAtomCharacter(c)) {
      std::size_t end = i;
      while (end < text.size() && (text[end] == '.' || domain::IsAtomCharacter(text[end]))) ++end;
      const std::string_view run = text.substr(i, end - i);
      const bool local_part = end < text.size() && text[end] == '@';
      const bool stray_dots = run.front() == '.' || run.back() == '.' || run.find("..") != std::string_view::npos;
      if (local_part && stray_dots) {
        quoted.append("\"").append(run).append("\"");
      } else {
        quoted.append(run);
      }
      i = end;
    } else {
      quoted += c;
      ++i;
    }
  }
  return quoted;
}

std::string Utf8FromUnknownCharset(std::string_view bytes) {
  ParserOptionsPtr options = NewLenientParserOptions();
  GCharPtr text(g_mime_utils_decode_8bit(options.get(), bytes.data(), bytes.size()));
  return ValidUtf8(text.get());
}

std::string ValidUtf8(const char* text) {
  if (text == nullptr) return {};
  if (g_utf8_validate(text, -1, nullptr)) return text;
  GCharPtr repaired(g_utf8_make_valid(text, -1));
  return repaired.get();
}

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

}  // namespace mailtrail::mime::internal
