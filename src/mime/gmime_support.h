// Internal to the mime module: GMime set-up, ownership wrappers for what GMime
// hands out, and small text helpers shared by the envelope reader and Show.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <string>
#include <string_view>

namespace mailtrail::mime::internal {

// Drops one reference of a GObject.
struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

// Frees memory GLib allocated (strings returned as `char*` the caller owns).
struct GFree {
  void operator()(gpointer memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};
using ParserOptionsPtr = std::unique_ptr<GMimeParserOptions, ParserOptionsFree>;

// Options that parse what real mail contains: lenient about addresses, RFC 2047
// words and parameters, and decoding raw 8-bit header text as UTF-8, else
// Windows-1252, else ISO-8859-1. Initialises GMime on first use (thread-safe).
ParserOptionsPtr NewLenientParserOptions();

// Parses `raw` as one RFC 5322 message with NewLenientParserOptions(), past a
// UTF-8 byte order mark at its start (which .eml files saved by some Windows
// programs have, and which would hide the first header field from GMime).
// Returns null when GMime finds no message at all.
GObjectPtr<GMimeMessage> ParseMessage(std::string_view raw);

// The message as a GMimeObject (its first member), without a C-style cast.
inline GMimeObject* AsObject(GMimeMessage* message) { return &message->parent_object; }

// The raw (folded, undecoded) value of the first `name` header; null when absent.
const char* RawHeaderValue(GMimeObject* object, const char* name);

// An unstructured header value such as Subject, unfolded and decoded to UTF-8.
// Unlike GMime's own decoding it keeps every word of a run of base64 encoded
// words (see RewriteBase64WordsAsQ). "" for null.
std::string DecodeHeaderText(const char* raw_value);

// The addresses of a raw address header value, display names decoded like
// DecodeHeaderText does, local parts with stray dots kept (see
// QuoteLocalPartsWithStrayDots). Never null.
GObjectPtr<InternetAddressList> ParseAddressList(const char* raw_value);

// Puts in quotes each local part of the address list `text` that has a dot at
// its start or end or two in a row ("m..scott@x" -> "\"m..scott\"@x"), leaving
// quoted strings and comments alone. RFC 5322 forbids such dots, yet real mail
// has them (the Enron corpus, Japanese mobile carriers), and GMime 3.2.13 drops
// such an address altogether, where in quotes it is a valid one.
std::string QuoteLocalPartsWithStrayDots(std::string_view text);

// Rewrites each RFC 2047 "B" (base64) encoded word of `text` as the "Q" encoded
// word with the same bytes. GMime 3.2.13 (Debian 12) joins adjacent encoded
// words before decoding them and stops at the first base64 padding, so
// "=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=" came out as "Hello" (GMime issue
// #133); joined Q words have no padding and decode whole.
std::string RewriteBase64WordsAsQ(std::string_view text);

// `text` as UTF-8, with invalid sequences replaced by U+FFFD; "" for null.
std::string ValidUtf8(const char* text);

// `bytes` in an unknown or wrongly declared charset, decoded to UTF-8 with the
// same fallback charsets as 8-bit header text.
std::string Utf8FromUnknownCharset(std::string_view bytes);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view Trim(std::string_view text);

}  // namespace mailtrail::mime::internal
