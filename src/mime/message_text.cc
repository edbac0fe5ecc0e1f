#include "mime/message_text.h"

#include <optional>

#include "mime/gmime_support.h"
#include "mime/html_text.h"

namespace mailtrail::mime {

using internal::AsObject;
using internal::DecodeHeaderText;
using internal::GCharPtr;
using internal::GObjectPtr;
using internal::RawHeaderValue;
using internal::Trim;
using internal::ValidUtf8;

namespace {

// `text` made safe for a terminal: CRLF and lone CR become LF (or, with
// `single_line`, every line break and tab a space), and other control characters,
// C1 controls included, become U+FFFD so a message cannot send escape sequences.
std::string TerminalText(std::string_view text, bool single_line) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      c = '\n';
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool is_c1 = byte == 0xC2 && i + 1 < text.size() &&
                       static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                       static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c == '\n' || c == '\t') {
      out += single_line ? ' ' : c;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += kReplacement;
    } else if (is_c1) {
      out += kReplacement;
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

void AddHeader(const char* name, const std::string& value, Headers* headers) {
  std::string_view trimmed = Trim(value);
  if (!trimmed.empty()) headers->emplace_back(name, TerminalText(trimmed, /*single_line=*/true));
}

// The header's addresses in display form ("Ann Lee <ann@example.com>"), or its
// decoded text when it holds no address GMime can read.
std::string DisplayAddresses(const char* raw_value) {
  GObjectPtr<InternetAddressList> addresses = internal::ParseAddressList(raw_value);
  if (internet_address_list_length(addresses.get()) == 0) return DecodeHeaderText(raw_value);
  GCharPtr text(internet_address_list_to_string(addresses.get(), nullptr, /*encode=*/FALSE));
  return ValidUtf8(text.get());
}

Headers DisplayHeaders(GMimeMessage* message) {
  GMimeObject* object = AsObject(message);
  Headers headers;
  for (const char* name : {"From", "To", "Cc"}) {
    if (const char* raw_value = RawHeaderValue(object, name)) {
      AddHeader(name, DisplayAddresses(raw_value), &headers);
    }
  }
  AddHeader("Date", ValidUtf8(g_mime_object_get_header(object, "Date")), &headers);
  AddHeader("Subject", DecodeHeaderText(RawHeaderValue(object, "Subject")), &headers);
  return headers;
}

// The file name from Content-Disposition, else the older Content-Type name.
std::string AttachmentName(GMimeObject* object) {
  const char* name = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
  return std::string(Trim(ValidUtf8(name)));
}

bool IsAttachment(GMimeObject* object) {
  GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
  if (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition)) return true;
  return !AttachmentName(object).empty();
}

std::string MimeType(GMimeObject* object) {
  GCharPtr type(g_mime_content_type_get_mime_type(g_mime_object_get_content_type(object)));
  std::string lower = ValidUtf8(type.get());
  for (char& c : lower) c = g_ascii_tolower(c);
  return lower;
}

// Writes the part's content after transfer decoding (the whole embedded message
// for message/rfc822) to `stream`.
void WriteDecoded(GMimeObject* object, GMimeStream* stream) {
  if (GMIME_IS_MESSAGE_PART(object)) {
    GMimeMessage* message = g_mime_message_part_get_message(reinterpret_cast<GMimeMessagePart*>(object));
    if (message != nullptr) g_mime_object_write_to_stream(AsObject(message), nullptr, stream);
  } else if (GMIME_IS_PART(object)) {
    GMimeDataWrapper* content = g_mime_part_get_content(reinterpret_cast<GMimePart*>(object));
    if (content != nullptr) g_mime_data_wrapper_write_to_stream(content, stream);
  }
}

std::size_t DecodedSize(GMimeObject* object) {
  GObjectPtr<GMimeStream> counter(g_mime_stream_null_new());
  WriteDecoded(object, counter.get());
  return reinterpret_cast<GMimeStreamNull*>(counter.get())->written;
}

std::string DecodedContent(GMimeObject* object) {
  GObjectPtr<GMimeStream> memory(g_mime_stream_mem_new());
  WriteDecoded(object, memory.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(reinterpret_cast<GMimeStreamMem*>(memory.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

AttachmentInfo DescribeAttachment(GMimeObject* object) {
  std::string name = AttachmentName(object);
  if (name.empty()) name = "unnamed";
  return {TerminalText(name, /*single_line=*/true), TerminalText(MimeType(object), /*single_line=*/true),
          DecodedSize(object)};
}

std::string AttachmentLine(const AttachmentInfo& attachment) {
  return "[attachment: " + attachment.name + " (" + attachment.type + ", " + std::to_string(attachment.size) +
         " bytes)]";
}

// The part's text in UTF-8: converted from its declared charset, or guessed like
// 8-bit header text when it declares none or a wrong one.
std::string PartText(GMimeTextPart* part) {
  GCharPtr text(g_mime_text_part_get_text(part));
  if (text == nullptr) return {};
  if (g_utf8_validate(text.get(), -1, nullptr)) return text.get();
  return internal::Utf8FromUnknownCharset(text.get());
}

// Walks the MIME tree within the limits: keeps the first text/plain and
// text/html parts that are not attachments, and lists every attachment.
class BodyCollector {
 public:
  explicit BodyCollector(const ParseLimits& limits) : limits_(limits) {}

  // `depth`: 0 for the message's own part, one more inside each multipart or
  // attached message.
  void Visit(GMimeObject* object, std::size_t depth) {
    if (object == nullptr) return;
    // Real mail never comes close to either limit; a crafted message must not
    // exhaust the stack or make a listing without end.
    if (depth > limits_.max_mime_depth) {
      NoteLimitPassed(&ParseLimits::max_mime_depth, &limits_passed_);
      return;
    }
    if (parts_ == limits_.max_mime_parts) {
      NoteLimitPassed(&ParseLimits::max_mime_parts, &limits_passed_);
      return;
    }
    ++parts_;
    if (GMIME_IS_MULTIPART(object)) {
      VisitMultipart(reinterpret_cast<GMimeMultipart*>(object), depth);
    } else if (IsAttachment(object)) {
      attachments_.push_back(DescribeAttachment(object));
      attachment_parts_.push_back(object);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
      VisitEmbeddedMessage(reinterpret_cast<GMimeMessagePart*>(object), depth);
    } else if (GMIME_IS_TEXT_PART(object)) {
      VisitTextPart(object);
    }
  }

  std::string Body() const {
    std::string body = TerminalText(BodyText(), /*single_line=*/false);
    if (!body.empty() && !body.ends_with('\n')) body += '\n';
    if (attachments_.empty() && limits_passed_.empty()) return body;
    if (!body.empty()) body += '\n';
    for (const AttachmentInfo& attachment : attachments_) body += AttachmentLine(attachment) + "\n";
    for (const std::string& limit : limits_passed_) {
      body += "[more parts, not shown: past " + DescribeLimits({limit}, limits_) + "]\n";
    }
    return body;
  }

  const std::optional<std::string>& Html() const { return html_; }
  const std::vector<AttachmentInfo>& Attachments() const { return attachments_; }
  const std::vector<std::string>& LimitsPassed() const { return limits_passed_; }
  // The parts of Attachments(), owned by the message visited.
  const std::vector<GMimeObject*>& AttachmentParts() const { return attachment_parts_; }

 private:
  // The plain text, unless it is blank and there is HTML (some mail clients send
  // an empty text/plain alternative beside the real HTML body).
  std::string BodyText() const {
    if (plain_ && !Trim(*plain_).empty()) return *plain_;
    if (html_) return internal::HtmlToText(*html_);
    return plain_.value_or("");
  }

  void VisitMultipart(GMimeMultipart* multipart, std::size_t depth) {
    const int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) Visit(g_mime_multipart_get_part(multipart, i), depth + 1);
  }

  void VisitEmbeddedMessage(GMimeMessagePart* part, std::size_t depth) {
    GMimeMessage* message = g_mime_message_part_get_message(part);
    if (message != nullptr) Visit(g_mime_message_get_mime_part(message), depth + 1);
  }

  void VisitTextPart(GMimeObject* object) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    auto* part = reinterpret_cast<GMimeTextPart*>(object);
    if (!plain_ && g_mime_content_type_is_type(type, "text", "plain")) {
      plain_ = PartText(part);
    } else if (!html_ && g_mime_content_type_is_type(type, "text", "html")) {
      html_ = PartText(part);
    }
  }

  const ParseLimits& limits_;
  std::size_t parts_ = 0;  // visited
  std::optional<std::string> plain_;
  std::optional<std::string> html_;
  std::vector<AttachmentInfo> attachments_;
  std::vector<GMimeObject*> attachment_parts_;
  std::vector<std::string> limits_passed_;
};

// The message parsed, when it is within max_message_bytes.
Result<GObjectPtr<GMimeMessage>> ParseWithinLimits(std::string_view raw, const ParseLimits& limits) {
  if (raw.size() > limits.max_message_bytes) {
    return Status::FailedPrecondition("The message has " + std::to_string(raw.size()) + " bytes, past the limit " +
                                      DescribeLimits({"max_message_bytes"}, limits) + "; it is not rendered.");
  }
  GObjectPtr<GMimeMessage> message = internal::ParseMessage(raw);
  if (message == nullptr) return Status::Corruption("the message cannot be parsed");
  return message;
}

}  // namespace

Result<MessageText> RenderMessageText(std::string_view raw, const ParseLimits& limits) {
  MT_ASSIGN_OR_RETURN(const GObjectPtr<GMimeMessage> message, ParseWithinLimits(raw, limits));
  MessageText text;
  text.headers = DisplayHeaders(message.get());
  BodyCollector collector(limits);
  collector.Visit(g_mime_message_get_mime_part(message.get()), 0);
  text.body = collector.Body();
  text.html = collector.Html();
  text.attachments = collector.Attachments();
  text.limits_passed = collector.LimitsPassed();
  return text;
}

Result<AttachmentContent> ReadAttachment(std::string_view raw, std::size_t index, const ParseLimits& limits) {
  MT_ASSIGN_OR_RETURN(const GObjectPtr<GMimeMessage> message, ParseWithinLimits(raw, limits));
  BodyCollector collector(limits);
  collector.Visit(g_mime_message_get_mime_part(message.get()), 0);
  if (index >= collector.Attachments().size()) {
    return Status::NotFound("The message has no attachment " + std::to_string(index + 1) + ".");
  }
  return AttachmentContent{collector.Attachments()[index], DecodedContent(collector.AttachmentParts()[index])};
}

}  // namespace mailtrail::mime
