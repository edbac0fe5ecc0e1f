#include "corpus/encoding.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <utility>

namespace mailtrail::bench {
namespace {

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsPlainAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool StartsCharacter(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// Whether "Q" encoding writes `c` as "=XX": besides what RFC 2047 requires, the
// characters that would end a quoted display name or an address.
bool QEncodes(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || c == '=' || c == '?' || c == '_' || c == '"' || c == ',';
}

void AppendQ(std::string& out, char c) {
  if (c == ' ') {
    out += '_';
  } else if (QEncodes(c)) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "=%02X", static_cast<unsigned char>(c));
    out += hex;
  } else {
    out += c;
  }
}

std::optional<unsigned char> Latin1Byte(char32_t code_point) {
  if (code_point < 0x100) return static_cast<unsigned char>(code_point);
  return std::nullopt;
}

// windows-1252 is ISO-8859-1 with printable characters (typographic quotes,
// dashes, the euro sign) in place of the C1 controls 0x80-0x9F.
std::optional<unsigned char> Windows1252Byte(char32_t code_point) {
  static constexpr std::pair<char32_t, unsigned char> kUpper[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
      {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
      {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
      {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
      {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
  if (code_point < 0x80 || (code_point >= 0xA0 && code_point < 0x100)) return static_cast<unsigned char>(code_point);
  for (const auto& [from, to] : kUpper) {
    if (from == code_point) return to;
  }
  return std::nullopt;
}

// KOI8-R: ASCII, and the Russian alphabet in the upper half, ordered so that
// clearing the top bit leaves a readable Latin transliteration.
std::optional<unsigned char> Koi8rByte(char32_t code_point) {
  // а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я
  static constexpr unsigned char kLower[32] = {0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA, 0xC9, 0xCA, 0xCB,
                                               0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8,
                                               0xC3, 0xDE, 0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1};
  if (code_point < 0x80) return static_cast<unsigned char>(code_point);
  if (code_point >= 0x430 && code_point < 0x450) return kLower[code_point - 0x430];
  if (code_point >= 0x410 && code_point < 0x430) return static_cast<unsigned char>(kLower[code_point - 0x410] + 0x20);
  if (code_point == 0x451) return 0xA3;  // ё
  if (code_point == 0x401) return 0xB3;  // Ё
  return std::nullopt;
}

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(group >> 18) & 63];
    out += kBase64Alphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64Alphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64Alphabet[group & 63] : '=';
  }
  return out;
}

std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\n";
  return out;
}

std::string EncodeWords(std::string_view text, std::string_view charset, bool base64) {
  if (IsPlainAscii(text)) return std::string(text);
  std::string open = "=?";
  for (char c : charset) open += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  open += base64 ? "?B?" : "?Q?";
  // RFC 2047 limits an encoded word to 75 characters.
  const std::size_t room = 75 - open.size() - 2;
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    // As many whole characters as the word holds.
    std::size_t end = start;
    std::size_t q_length = 0;
    while (end < text.size()) {
      std::size_t next = end + 1;
      while (next < text.size() && !StartsCharacter(text[next])) ++next;
      std::size_t length = 0;
      if (base64) {
        length = (next - start + 2) / 3 * 4;
      } else {
        for (std::size_t i = end; i < next; ++i) q_length += QEncodes(text[i]) ? 3 : 1;
        length = q_length;
      }
      if (length > room) break;
      end = next;
    }
    const std::string_view piece = text.substr(start, end - start);
    out += (start == 0 ? "" : "\n ") + open;
    if (base64) {
      out += Base64(piece);
    } else {
      for (char c : piece) AppendQ(out, c);
    }
    out += "?=";
    start = end;
  }
  return out;
}

std::optional<std::string> Transcode(std::string_view utf8, std::string_view charset) {
  if (charset == "utf-8") return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += length;
    const std::optional<unsigned char> byte = charset == "iso-8859-1"     ? Latin1Byte(code_point)
                                              : charset == "windows-1252" ? Windows1252Byte(code_point)
                                              : charset == "koi8-r"       ? Koi8rByte(code_point)
                                                                          : std::nullopt;
    if (!byte) return std::nullopt;
    out += static_cast<char>(*byte);
  }
  return out;
}

std::string QuotedPrintable(std::string_view bytes) {
  std::string out;
  std::size_t column = 0;
  const auto append = [&](std::string_view token) {
    // A soft break ("=" at the end) keeps every line within 76 characters.
    if (column + token.size() > 75) {
      out += "=\n";
      column = 0;
    }
    out += token;
    column += token.size();
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += '\n';
      column = 0;
    } else if ((byte >= 33 && byte <= 126 && c != '=') ||
               ((c == ' ' || c == '\t') && i + 1 < bytes.size() && bytes[i + 1] != '\n')) {
      append(std::string_view(&c, 1));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "=%02X", byte);
      append(hex);
    }
  }
  return out;
}

std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string display;
  if (!IsPlainAscii(name)) {
    display = EncodeWords(name);
  } else if (name.find_first_of(",.'\"") != std::string_view::npos) {
    display.append(1, '"').append(name).append(1, '"');
  } else {
    display = std::string(name);
  }
  return display + " <" + std::string(address) + ">";
}

std::string RfcDate(std::int64_t when, int offset_minutes) {
  const std::time_t local = static_cast<std::time_t>(when + offset_minutes * 60);
  std::tm parts{};
  ::gmtime_r(&local, &parts);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[parts.tm_wday], parts.tm_mday,
                kMonths[parts.tm_mon], parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec,
                offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return text;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string RandomHex(Random& random, std::size_t count) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += kDigits[random.Below(16)];
  return out;
}

std::string RandomBytes(Random& random, std::size_t count) {
  std::string out;
  out.reserve(count + 8);
  while (out.size() < count) {
    const std::uint64_t word = random.Next();
    for (int shift = 0; shift < 64 && out.size() < count; shift += 8) out += static_cast<char>((word >> shift) & 0xff);
  }
  return out;
}

}  // namespace mailtrail::bench
