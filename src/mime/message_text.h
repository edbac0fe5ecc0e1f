// A stored message rendered for a person reading it in a terminal (Show).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "mime/parse_limits.h"

namespace mailtrail::mime {

struct AttachmentInfo {
  std::string name;  // "unnamed" when it has none; one line, terminal-safe
  std::string type;  // e.g. application/pdf
  std::size_t size = 0;  // bytes after transfer decoding
};

struct MessageText {
  // Decoded display headers in this order when present: From, To, Cc, Date, Subject.
  // Each value is one line.
  std::vector<std::pair<std::string, std::string>> headers;
  // The text/plain body decoded to UTF-8; when there is only HTML (or the plain
  // text is blank), its text with tags removed. Attachments follow after an empty
  // line, one per line: "[attachment: NAME (TYPE, N bytes)]", N after transfer
  // decoding. Ends with a line break unless empty.
  std::string body;
  // The first text/html part that is not an attachment, in UTF-8 and as sent:
  // run it through SanitizeHtml (html_sanitizer.h) before a browser shows it.
  std::optional<std::string> html;
  // The attachments, as the body lists them.
  std::vector<AttachmentInfo> attachments;
  // The MIME limits (max_mime_depth, max_mime_parts) the message passed: the
  // parts past them are left out, and the body ends with a line that says so.
  std::vector<std::string> limits_passed;
};

// Headers and body are safe to print to a terminal: control characters other
// than LF and TAB are replaced by U+FFFD. Parts nested deeper than
// limits.max_mime_depth, and those after the first limits.max_mime_parts, are
// not looked at. Safe to call from several threads.
// Errors: kCorruption when the message cannot be parsed; kFailedPrecondition
// when it has more than limits.max_message_bytes.
Result<MessageText> RenderMessageText(std::string_view raw, const ParseLimits& limits = {});

struct AttachmentContent {
  AttachmentInfo info;
  std::string bytes;  // after transfer decoding
};

// The attachment at `index` of RenderMessageText(raw, limits).attachments, with
// its content. Errors: as RenderMessageText; kNotFound (no such attachment).
Result<AttachmentContent> ReadAttachment(std::string_view raw, std::size_t index, const ParseLimits& limits = {});

}  // namespace mailtrail::mime
