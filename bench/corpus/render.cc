#include "corpus/render.h"

#include <cctype>

#include "corpus/encoding.h"
#include "corpus/names.h"

namespace mailtrail::bench {
namespace {

constexpr int kCompanyZone = 60;  // cronus.example works on Central European Time

// What the sender's side of a message looks like; chosen per message.
enum class Client { kOutlook, kThunderbird, kAppleMail };

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Domain(const std::string& address) { return Lower(address.substr(address.find('@') + 1)); }

// The zone a domain's people write from, fixed per domain.
int ZoneOf(const std::string& domain) {
  if (domain == "cronus.example") return kCompanyZone;
  static constexpr int kZones[] = {0, 60, 120, -300, 330, -480, 540};
  std::size_t hash = 0;
  for (char c : domain) hash = hash * 31 + static_cast<unsigned char>(c);
  return kZones[hash % (sizeof kZones / sizeof kZones[0])];
}

std::string FirstName(const std::string& name) { return name.substr(0, name.find(' ')); }

// Words of `text` in lines of at most `width` characters.
std::string Wrap(const std::string& text, std::size_t width, const std::string& prefix = "") {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += prefix + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) out += prefix + line + "\n";
  return out;
}

std::vector<std::string> Paragraphs(Random& random, const std::vector<std::string>& sentences) {
  std::vector<std::string> paragraphs(random.Between(1, 6));
  for (auto& paragraph : paragraphs) {
    const std::size_t count = random.Between(1, 6);
    for (std::size_t i = 0; i < count; ++i) paragraph += (i > 0 ? " " : "") + random.Pick(sentences);
  }
  return paragraphs;
}

std::string Organisation(const std::string& address) {
  const std::string domain = Domain(address);
  return domain == "cronus.example" ? "CRONUS International Ltd." : domain;
}

struct Body {
  std::string plain;
  std::string html;
};

Body MakeBody(Random& random, const Envelope& envelope, const Language& language, const std::string& charset) {
  const std::string greeting =
      envelope.to.empty()
          ? language.greeting_to_nobody
          : ReplaceAll(random.Chance(50) ? language.formal_greeting : language.casual_greeting, "{name}",
                       FirstName(envelope.to[0].name));
  const std::vector<std::string> paragraphs = Paragraphs(random, language.sentences);
  const std::string signature = envelope.from.name + "\n" + Organisation(envelope.from.address) +
                                "\nPhone +44 20 7946 " + std::to_string(random.Between(1000, 9999));
  Body body;
  body.plain = greeting + "\n\n";
  body.html =
      "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset +
      "\">\n"
      "<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}</style>\n"
      "</head>\n<body lang=\"" +
      language.html_lang + "\">\n<div class=\"WordSection1\">\n<p class=\"MsoNormal\">" + greeting + "</p>\n";
  for (const auto& paragraph : paragraphs) {
    body.plain += Wrap(paragraph, 76) + "\n";
    body.html += "<p class=\"MsoNormal\">" + paragraph + "</p>\n<p class=\"MsoNormal\">&nbsp;</p>\n";
  }
  body.plain += language.closing + "\n" + signature + "\n";
  body.html += "<p class=\"MsoNormal\">" + language.closing + "<br>\n" + ReplaceAll(signature, "\n", "<br>\n") +
               "</p>\n";
  if (envelope.subject.starts_with("Re: ")) {
    const std::string quoted = random.Pick(language.sentences) + " " + random.Pick(language.sentences);
    body.plain += "\n-----Original Message-----\n" + Wrap(quoted, 72, "> ");
    body.html += "<div style=\"border-top:solid #E1E1E1 1.0pt\"><p class=\"MsoNormal\">" + quoted + "</p></div>\n";
  }
  body.html += "</div>\n</body>\n</html>\n";
  return body;
}

std::string AddressList(const std::vector<Party>& parties) {
  std::string list;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    // Long lists are folded, as mail clients do.
    list += (i == 0 ? "" : ",\n\t") + Mailbox(parties[i].name, parties[i].address);
  }
  return list;
}

// A folded DKIM-Signature as a signing relay adds it.
std::string DkimSignature(Random& random, const std::string& domain) {
  const std::string signature = Base64(RandomBytes(random, 256));
  std::string folded;
  for (std::size_t i = 0; i < signature.size(); i += 70) folded += "\n\t " + signature.substr(i, 70);
  return "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain +
         ";\n\ts=selector1; h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;\n\tbh=" +
         Base64(RandomBytes(random, 32)) + ";\n\tb=" + folded.substr(3) + "\n";
}

std::string TraceHeaders(Random& random, const Envelope& envelope, std::int64_t sent, std::int64_t delivered) {
  const std::string domain = Domain(envelope.from.address);
  const std::string relay = "mail." + domain;
  const std::string client_ip =
      "10.20." + std::to_string(random.Between(0, 255)) + "." + std::to_string(random.Between(1, 254));
  return "Return-Path: <" + Lower(envelope.from.address) +
         ">\n"
         "Delivered-To: queue@cronus.example\n"
         "Received: from " +
         relay + " (" + relay + " [198.51.100." + std::to_string(random.Between(1, 254)) +
         "])\n\tby mx1.cronus.example (Postfix) with ESMTPS id " + RandomHex(random, 12) +
         "\n\tfor <queue@cronus.example>; " + RfcDate(delivered, kCompanyZone) +
         "\n"
         "Received: from [" +
         client_ip + "] (unknown [" + client_ip + "])\n\tby " + relay + " (Postfix) with ESMTPSA id " +
         RandomHex(random, 10) + ";\n\t" + RfcDate(sent + 2, ZoneOf(domain)) + "\n" +
         (random.Chance(70) ? DkimSignature(random, domain) : "");
}

// `encoded_subject`: as on the Subject line.
std::string ClientHeaders(Random& random, Client client, const std::string& encoded_subject) {
  switch (client) {
    case Client::kOutlook:
      return "Thread-Topic: " + encoded_subject + "\nThread-Index: " + Base64(RandomBytes(random, 22)) +
             "\nX-MS-Has-Attach: \nX-MS-TNEF-Correlator: \nX-Mailer: Microsoft Outlook 16.0\n"
             "Content-Language: en-US\n";
    case Client::kThunderbird:
      return "User-Agent: Mozilla Thunderbird\nContent-Language: en-GB\n";
    case Client::kAppleMail:
      return "X-Mailer: Apple Mail (2.3774.300.61.1.2)\n";
  }
  return "";
}

// The formats of attached files.
struct FileFormat {
  const char* content_type;
  const char* stem;       // of the file name: "Document-12345.pdf"
  const char* extension;
  std::string magic;  // how such a file starts (may hold NUL bytes)
};
const FileFormat kFileFormats[kFileKinds] = {
    {"application/pdf", "Document", ".pdf", "%PDF-1.7\n"},
    {"image/jpeg", "IMG", ".jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11)},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Prices", ".xlsx",
     std::string("PK\x03\x04\x14\x00\x06\x00", 8)},
    {"application/zip", "Drawings", ".zip", std::string("PK\x03\x04\x14\x00\x00\x00", 8)},
};

// Whether everything of the message written in its charset fits in `charset`:
// the subject, the names in the greeting and signature, and the language's texts.
bool Fits(const std::string& charset, const Envelope& envelope, const Language& language) {
  std::string text = envelope.subject + envelope.from.name + language.formal_greeting + language.casual_greeting +
                     language.greeting_to_nobody + language.closing;
  for (const auto& party : envelope.to) text += party.name;
  for (const auto& sentence : language.sentences) text += sentence;
  return Transcode(text, charset).has_value();
}

// A text/TYPE part's header and content: `utf8` in `charset` (which it fits).
std::string TextPart(const std::string& type, const std::string& utf8, const std::string& charset,
                     TextEncoding encoding) {
  const std::string bytes = *Transcode(utf8, charset);
  std::string part = "Content-Type: text/" + type + "; charset=\"" + charset + "\"\nContent-Transfer-Encoding: ";
  switch (encoding) {
    case TextEncoding::k8bit:
      return part + "8bit\n\n" + bytes;
    case TextEncoding::kQuotedPrintable:
      return part + "quoted-printable\n\n" + QuotedPrintable(bytes);
    case TextEncoding::kBase64:
      return part + "base64\n\n" + Base64Lines(bytes);
  }
  return part;
}

}  // namespace

std::string Render(Random& random, const Envelope& envelope, std::int64_t sent, std::int64_t delivered,
                   const Style& style) {
  const Language& language = *style.language;
  const std::string charset = Fits(style.charset, envelope, language) ? style.charset : "utf-8";
  const std::string domain = Domain(envelope.from.address);
  const auto client = static_cast<Client>(random.Below(3));
  std::string message = TraceHeaders(random, envelope, sent, delivered);
  message += "MIME-Version: 1.0\nDate: " + RfcDate(sent, ZoneOf(domain)) + "\n";
  message += "From: " + Mailbox(envelope.from.name, envelope.from.address) + "\n";
  if (!envelope.to.empty()) message += "To: " + AddressList(envelope.to) + "\n";
  if (!envelope.cc.empty()) message += "Cc: " + AddressList(envelope.cc) + "\n";
  if (!envelope.bcc.empty()) message += "Bcc: " + AddressList(envelope.bcc) + "\n";
  const std::string subject = EncodeWords(*Transcode(envelope.subject, charset), charset, style.base64_words);
  message += "Subject: " + subject + "\n";
  message += "Message-ID: <" + RandomHex(random, 24) + "@" +
             (client == Client::kOutlook ? "EX0" + std::to_string(random.Between(1, 4)) + "." : "") + domain + ">\n";
  if (envelope.subject.starts_with("Re: ")) {
    const std::string parent = "<" + RandomHex(random, 24) + "@" + domain + ">";
    message +=
        "In-Reply-To: " + parent + "\nReferences: <" + RandomHex(random, 24) + "@" + domain + ">\n\t" + parent + "\n";
  }
  message += ClientHeaders(random, client, subject);
  for (const auto& line : envelope.extra_headers) message += line + "\n";

  const Body body = MakeBody(random, envelope, language, charset);
  std::string text;  // the message's text: its own Content-Type header, a blank line and the content
  if (style.html) {
    const std::string alternative = "----=_NextPart_alt_" + RandomHex(random, 16);
    text = "Content-Type: multipart/alternative;\n\tboundary=\"" + alternative + "\"\n\n--" + alternative + "\n" +
           TextPart("plain", body.plain, charset, style.text_encoding) + "\n--" + alternative + "\n" +
           TextPart("html", body.html, charset, style.text_encoding) + "\n--" + alternative + "--\n";
  } else {
    text = TextPart("plain", body.plain, charset, style.text_encoding);
  }
  if (!style.attachment) return message + text;
  const AttachmentSpec& attachment = *style.attachment;
  const FileFormat& format = kFileFormats[static_cast<std::size_t>(attachment.kind)];
  const std::string mixed = "----=_NextPart_mix_" + RandomHex(random, 16);
  const std::string file =
      std::string(format.stem) + "-" + std::to_string(random.Between(10000, 99999)) + format.extension;
  const std::string content =
      format.magic + RandomBytes(random, random.Between(attachment.min_bytes, attachment.max_bytes));
  return message + "Content-Type: multipart/mixed;\n\tboundary=\"" + mixed +
         "\"\n\nThis is a multi-part message in MIME format.\n\n--" + mixed + "\n" + text + "\n--" + mixed +
         "\nContent-Type: " + format.content_type + "; name=\"" + file +
         "\"\nContent-Disposition: attachment; filename=\"" + file + "\"\nContent-Transfer-Encoding: base64\n\n" +
         Base64Lines(content) + "\n--" + mixed + "--\n";
}

std::string Redelivered(Random& random, const std::string& original, std::int64_t delivered) {
  return "Received: from mx2.cronus.example (mx2.cronus.example [192.0.2.25])\n\tby mx1.cronus.example "
         "(Postfix) with ESMTP id " +
         RandomHex(random, 12) + "\n\tfor <queue@cronus.example>; " + RfcDate(delivered, kCompanyZone) + "\n" +
         original;
}

}  // namespace mailtrail::bench
