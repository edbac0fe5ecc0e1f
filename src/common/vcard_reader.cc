#include "common/vcard_reader.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace mailtrail {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

char AsciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = AsciiUpper(c);
  return upper;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) { return Upper(a) == Upper(b); }

bool IsNameCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Where `separator` first occurs in `text` outside double quotes, or npos.
std::size_t FindUnquoted(std::string_view text, char separator) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == separator && !quoted) return i;
  }
  return std::string_view::npos;
}

std::vector<std::string_view> SplitUnquoted(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t at = FindUnquoted(text, separator); at != std::string_view::npos;
       at = FindUnquoted(text, separator)) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

std::string_view Unquoted(std::string_view text) {
  return text.size() >= 2 && text.front() == '"' && text.back() == '"' ? text.substr(1, text.size() - 2) : text;
}

// 2.1 writes some parameters by value alone: "EMAIL;INTERNET;PREF:".
VcardParameter ParseParameter(std::string_view text) {
  const std::size_t equals = FindUnquoted(text, '=');
  if (equals != std::string_view::npos) {
    return {Upper(text.substr(0, equals)), std::string(Unquoted(text.substr(equals + 1)))};
  }
  const std::string upper = Upper(text);
  if (upper == "QUOTED-PRINTABLE" || upper == "BASE64" || upper == "8BIT" || upper == "7BIT") {
    return {"ENCODING", std::string(text)};
  }
  return {"TYPE", std::string(text)};
}

bool IsQuotedPrintable(const std::vector<VcardParameter>& parameters) {
  for (const VcardParameter& parameter : parameters) {
    if (parameter.name == "ENCODING" && EqualsIgnoringCase(parameter.value, "QUOTED-PRINTABLE")) return true;
  }
  return false;
}

// Whether the parameters of a logical line (its text before the first ':') say
// quoted-printable.
bool StartsQuotedPrintable(std::string_view line) {
  const std::vector<std::string_view> head = SplitUnquoted(line.substr(0, FindUnquoted(line, ':')), ';');
  std::vector<VcardParameter> parameters;
  for (std::size_t i = 1; i < head.size(); ++i) parameters.push_back(ParseParameter(head[i]));
  return IsQuotedPrintable(parameters);
}

bool IsBase64(const VcardParameter& parameter) {
  return parameter.name == "ENCODING" && (EqualsIgnoringCase(parameter.value, "B") ||
                                          EqualsIgnoringCase(parameter.value, "BASE64"));
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = AsciiUpper(c);
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// "=XX" is a byte; anything else, a broken escape included, stays as written.
std::string DecodeQuotedPrintable(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 && HexDigit(text[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2])));
      i += 2;
    } else {
      decoded.push_back(text[i]);
    }
  }
  return decoded;
}

// `text` in `charset`, as UTF-8; converting UTF-8 to UTF-8 checks it.
Result<std::string> ToUtf8(const std::string& charset, std::string_view text) {
  iconv_t converter = iconv_open("UTF-8", charset.c_str());
  if (converter == reinterpret_cast<iconv_t>(-1)) return Status::NotFound(charset);
  std::string converted;
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char buffer[4096];
  bool broken = false;
  while (in_left > 0 && !broken) {
    char* out = buffer;
    std::size_t out_left = sizeof buffer;
    broken = iconv(converter, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1) && errno != E2BIG;
    converted.append(buffer, sizeof buffer - out_left);
  }
  iconv_close(converter);
  if (broken || converted.find('\0') != std::string::npos) return Status::InvalidArgument(charset);
  return converted;
}

}  // namespace

bool VcardProperty::HasParameter(std::string_view parameter_name, std::string_view wanted) const {
  for (const VcardParameter& parameter : parameters) {
    if (parameter.name != Upper(parameter_name)) continue;
    for (std::string_view one : SplitUnquoted(parameter.value, ',')) {
      if (EqualsIgnoringCase(one, wanted)) return true;
    }
  }
  return false;
}

std::string VcardProperty::Parameter(std::string_view parameter_name) const {
  for (const VcardParameter& parameter : parameters) {
    if (parameter.name == Upper(parameter_name)) return parameter.value;
  }
  return {};
}

const VcardProperty* Vcard::Find(std::string_view name) const {
  for (const VcardProperty& property : properties) {
    if (property.name == name) return &property;
  }
  return nullptr;
}

Status VcardReader::Fail(std::size_t line, std::string message) {
  failed_ = Status::InvalidArgument("Line " + std::to_string(line) + ": " + std::move(message));
  return failed_;
}

Status VcardReader::Feed(std::string_view piece) {
  for (const char c : piece) {
    if (!failed_.ok()) return failed_;
    if (!past_bom_) {
      bom_seen_.push_back(c);
      if (kByteOrderMark.starts_with(bom_seen_)) {
        if (bom_seen_.size() == kByteOrderMark.size()) past_bom_ = true;
        continue;
      }
      past_bom_ = true;
      const std::string seen = std::move(bom_seen_);
      for (const char b : seen) MT_RETURN_IF_ERROR(Consume(b));
      continue;
    }
    MT_RETURN_IF_ERROR(Consume(c));
  }
  return failed_;
}

Status VcardReader::Consume(char c) {
  const char before = previous_;
  previous_ = c;
  if (c == '\n' && before == '\r') return Status::Ok();  // the LF of a CRLF
  if (c == '\r' || c == '\n') {
    MT_RETURN_IF_ERROR(EndPhysicalLine());
    ++line_;
    return Status::Ok();
  }
  if (physical_.size() >= kMaxVcardLineBytes) {
    return Fail(line_, "a line is longer than " + std::to_string(kMaxVcardLineBytes) + " bytes.");
  }
  physical_.push_back(c);
  return Status::Ok();
}

Status VcardReader::EndPhysicalLine() {
  std::string physical = std::move(physical_);
  physical_.clear();
  const bool folded = !physical.empty() && (physical.front() == ' ' || physical.front() == '\t');
  if (folded && !logical_.empty()) {
    logical_.append(physical, 1);
  } else if (!physical.empty() && logical_.ends_with('=') && StartsQuotedPrintable(logical_)) {
    logical_.pop_back();  // a quoted-printable soft line break
    logical_ += physical;
  } else {
    MT_RETURN_IF_ERROR(EndLogicalLine());
    logical_ = std::move(physical);
    logical_line_ = line_;
  }
  if (logical_.size() > kMaxVcardLineBytes) {
    return Fail(logical_line_, "a property is longer than " + std::to_string(kMaxVcardLineBytes) + " bytes.");
  }
  return Status::Ok();
}

Status VcardReader::EndLogicalLine() {
  if (logical_.empty()) return Status::Ok();
  const std::string text = std::move(logical_);
  logical_.clear();
  const std::size_t colon = FindUnquoted(text, ':');
  if (colon == std::string::npos) {
    return Fail(logical_line_, "a vCard line is NAME:value; this one has no ':'.");
  }
  const std::vector<std::string_view> head = SplitUnquoted(std::string_view(text).substr(0, colon), ';');
  VcardProperty property{.line = logical_line_};
  std::string_view name = head.front();
  if (const std::size_t dot = name.find('.'); dot != std::string_view::npos) {
    property.group = name.substr(0, dot);
    name.remove_prefix(dot + 1);
  }
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsNameCharacter)) {
    return Fail(logical_line_, "'" + std::string(head.front()) + "' is not a property name.");
  }
  property.name = Upper(name);
  for (std::size_t i = 1; i < head.size(); ++i) property.parameters.push_back(ParseParameter(head[i]));
  property.value = text.substr(colon + 1);
  return Property(std::move(property));
}

Status VcardReader::Property(VcardProperty property) {
  const bool is_vcard = EqualsIgnoringCase(property.value, "VCARD");
  if (property.name == "BEGIN" && is_vcard) {
    if (depth_++ == 0) card_ = Vcard{.line = property.line};
    return Status::Ok();
  }
  if (property.name == "END" && is_vcard) {
    if (depth_ == 0) return Fail(property.line, "END:VCARD without BEGIN:VCARD.");
    if (--depth_ == 0) done_.push_back(std::move(card_));
    return Status::Ok();
  }
  if (depth_ == 0) {
    return Fail(property.line, property.name + " outside BEGIN:VCARD ... END:VCARD (is this a vCard file?).");
  }
  if (depth_ > 1 || property.name == "VERSION") return Status::Ok();
  if (std::any_of(property.parameters.begin(), property.parameters.end(), IsBase64)) {
    card_.properties.push_back(std::move(property));
    return Status::Ok();
  }
  if (IsQuotedPrintable(property.parameters)) property.value = DecodeQuotedPrintable(property.value);
  std::string charset = property.Parameter("CHARSET");
  Result<std::string> utf8 = ToUtf8(charset.empty() ? "UTF-8" : charset, property.value);
  if (utf8.status().code() == StatusCode::kNotFound) {
    return Fail(property.line, "the CHARSET '" + charset + "' is not known.");
  }
  if (!utf8.ok()) {
    return Fail(property.line, charset.empty()
                                   ? "the text is not UTF-8 (give its CHARSET, or save the file as UTF-8)."
                                   : "the text is not " + charset + ".");
  }
  property.value = std::move(*utf8);
  card_.properties.push_back(std::move(property));
  return Status::Ok();
}

Status VcardReader::Finish() {
  if (!failed_.ok()) return failed_;
  if (!past_bom_) {
    past_bom_ = true;
    const std::string seen = std::move(bom_seen_);
    for (const char b : seen) MT_RETURN_IF_ERROR(Consume(b));
  }
  if (!physical_.empty()) MT_RETURN_IF_ERROR(EndPhysicalLine());
  MT_RETURN_IF_ERROR(EndLogicalLine());
  if (depth_ > 0) return Fail(card_.line, "the vCard begun here has no END:VCARD.");
  return Status::Ok();
}

std::vector<Vcard> VcardReader::TakeCards() { return std::exchange(done_, {}); }

Result<std::vector<Vcard>> ReadVcards(std::string_view text) {
  VcardReader reader;
  MT_RETURN_IF_ERROR(reader.Feed(text));
  MT_RETURN_IF_ERROR(reader.Finish());
  return reader.TakeCards();
}

std::string VcardText(std::string_view value) {
  std::string text;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      text.push_back(value[i]);
      continue;
    }
    const char escaped = value[++i];
    text.push_back(escaped == 'n' || escaped == 'N' ? '\n' : escaped);
  }
  return text;
}

std::vector<std::string> VcardComponents(std::string_view value) {
  std::vector<std::string> components;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i + 1 < value.size() && value[i] == '\\') {
      ++i;
    } else if (i == value.size() || value[i] == ';') {
      components.push_back(VcardText(value.substr(start, i - start)));
      start = i + 1;
    }
  }
  return components;
}

}  // namespace mailtrail
