#include "corpus/encoding.h"

#include <cstdio>
#include <ctime>

namespace mailtrail::bench {
namespace {

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsPlainAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
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

std::string EncodeWord(std::string_view text) {
  if (IsPlainAscii(text)) return std::string(text);
  std::string out = "=?UTF-8?Q?";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ') {
      out += '_';
    } else if (byte >= 0x80 || c == '=' || c == '?' || c == '_' || c == '"' || c == ',') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "=%02X", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "?=";
}

std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string display;
  if (!IsPlainAscii(name)) {
    display = EncodeWord(name);
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
