// The bytes of a corpus message: an envelope dressed as real mail looks on arrival
// (trace and DKIM headers, a mail client's own headers, multipart bodies, an
// attachment now and then, text in the charsets mail clients choose).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "corpus/envelope.h"
#include "corpus/names.h"
#include "random.h"

namespace mailtrail::bench {

// How text parts go on the wire.
enum class TextEncoding { k8bit, kQuotedPrintable, kBase64 };

// What an attached file is; its content is random bytes after the format's magic.
enum class FileKind { kPdf, kJpeg, kSpreadsheet, kZip };
inline constexpr std::size_t kFileKinds = 4;

struct AttachmentSpec {
  FileKind kind = FileKind::kPdf;
  // The size of the file is drawn from this range.
  std::size_t min_bytes = 6 * 1024;
  std::size_t max_bytes = 70 * 1024;
};

// How a message is dressed beyond its envelope. The defaults are the IMAP
// corpus's: English, multipart/alternative in UTF-8 (8bit), no attachment.
struct Style {
  const Language* language = &English();
  // The charset of the subject and the text, when all of it fits (else UTF-8,
  // as mail clients fall back).
  std::string charset = "utf-8";
  bool base64_words = false;  // the subject's RFC 2047 words "B" rather than "Q" encoded
  TextEncoding text_encoding = TextEncoding::k8bit;
  bool html = true;  // false: text/plain alone
  std::optional<AttachmentSpec> attachment;
};

// RFC 5322 with LF line ends; `sent` and `delivered` are UTC seconds.
std::string Render(Random& random, const Envelope& envelope, std::int64_t sent, std::int64_t delivered,
                   const Style& style);
// The same message again, as a second delivery (e.g. Bcc'd by both sides) adds a hop.
std::string Redelivered(Random& random, const std::string& original, std::int64_t delivered);

}  // namespace mailtrail::bench
