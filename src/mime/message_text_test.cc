#include "mime/message_text.h"

#include <glib.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

MessageText MustRender(std::string_view raw) {
  Result<MessageText> text = RenderMessageText(raw);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : MessageText{};
}

// A message with the usual headers, the given MIME headers and body.
std::string Message(const std::string& mime_headers, const std::string& body) {
  return "From: Ann Lee <ann@example.com>\r\n"
         "To: bob@example.org\r\n"
         "Subject: Test\r\n"
         "MIME-Version: 1.0\r\n" +
         mime_headers + "\r\n" + body;
}

std::string BodyOf(const std::string& mime_headers, const std::string& body) {
  return MustRender(Message(mime_headers, body)).body;
}

TEST(MessageTextTest, DisplayHeadersInOrder) {
  const MessageText text = MustRender(
      "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from\r\n the team\r\n"
      "Date: Mon, 02 Mar 2026 10:15:00 +0100\r\n"
      "Cc: \"Smith, Jo\" <jo@example.org>\r\n"
      "To: Bob <bob@example.org>, carol@example.org\r\n"
      "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>\r\n"
      "\r\n"
      "Hello.\r\n");
  EXPECT_THAT(text.headers, ElementsAre(Pair("From", "Jörg <joerg@example.de>"),
                                        Pair("To", "Bob <bob@example.org>, carol@example.org"),
                                        Pair("Cc", "\"Smith, Jo\" <jo@example.org>"),
                                        Pair("Date", "Mon, 02 Mar 2026 10:15:00 +0100"),
                                        Pair("Subject", "Grüße from the team")));
  EXPECT_EQ(text.body, "Hello.\n");
}

TEST(MessageTextTest, DisplayNamesInSeveralBase64Words) {
  const MessageText text =
      MustRender("From: =?UTF-8?B?U3NzxZsgTGHFgmFsYQ==?= =?UTF-8?B?bGFsYQ==?= <s@example.pl>\r\n\r\nHi\r\n");
  EXPECT_THAT(text.headers, ElementsAre(Pair("From", "Sssś Lałalalala <s@example.pl>")));
}

TEST(MessageTextTest, AddressHeaderWithoutAddressesIsShownAsText) {
  const MessageText text = MustRender("From: ann@example.com\r\nTo: \"\"\r\n\r\nHi\r\n");
  EXPECT_THAT(text.headers, ElementsAre(Pair("From", "ann@example.com"), Pair("To", "\"\"")));
}

TEST(MessageTextTest, AbsentHeadersAreLeftOut) {
  const MessageText text = MustRender("From: ann@example.com\n\nHi\n");
  EXPECT_THAT(text.headers, ElementsAre(Pair("From", "ann@example.com")));
}

TEST(MessageTextTest, AlternativePrefersPlainText) {
  const std::string body =
      "--b1\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<p>The <b>HTML</b> version</p>\r\n"
      "--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "The plain version\r\n"
      "--b1--\r\n";
  EXPECT_EQ(BodyOf("Content-Type: multipart/alternative; boundary=b1\r\n", body), "The plain version\n");
}

TEST(MessageTextTest, BlankPlainTextGivesWayToHtml) {
  const std::string body =
      "--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "\r\n"
      "--b1\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<p>Only the <i>HTML</i> has text</p>\r\n"
      "--b1--\r\n";
  EXPECT_EQ(BodyOf("Content-Type: multipart/alternative; boundary=b1\r\n", body), "Only the HTML has text\n");
}

TEST(MessageTextTest, TheHtmlPartAndTheAttachmentsComeAsTheyAreForTheBrowser) {
  const std::string body =
      "--b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "Plain\r\n"
      "--b1\r\n"
      "Content-Type: text/html; charset=iso-8859-1\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "<p onclick=3D\"x()\">Caf=E9</p>\r\n"
      "--b1\r\n"
      "Content-Type: application/pdf; name=\"Offer.pdf\"\r\n"
      "Content-Disposition: attachment\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "JVBERi0xLjQKJcOkw7zDtsOfCg==\r\n"
      "--b1--\r\n";
  const MessageText text = MustRender(Message("Content-Type: multipart/mixed; boundary=b1\r\n", body));
  EXPECT_EQ(text.body, "Plain\n\n[attachment: Offer.pdf (application/pdf, 19 bytes)]\n");
  ASSERT_TRUE(text.html.has_value());
  EXPECT_EQ(*text.html, "<p onclick=\"x()\">Caf\u00e9</p>") << "decoded, not sanitized";
  ASSERT_EQ(text.attachments.size(), 1u);
  EXPECT_EQ(text.attachments[0].name, "Offer.pdf");
  EXPECT_EQ(text.attachments[0].type, "application/pdf");
  EXPECT_EQ(text.attachments[0].size, 19u);
}

TEST(MessageTextTest, HtmlOnlyBodyLosesTagsAndScripts) {
  const std::string html =
      "<html><head><title>Offer</title><style>p { color: red; }</style>\r\n"
      "<script type=\"text/javascript\">alert('x < y');</script></head>\r\n"
      "<body><p>Dear&nbsp;Bob,</p><!-- a comment -->\r\n"
      "<p>Prices &amp; terms: 5 &lt; 6 &gt; 4, &quot;net 30&quot;.<br>Regards</p></body></html>\r\n";
  EXPECT_EQ(BodyOf("Content-Type: text/html; charset=utf-8\r\n", html),
            "Dear Bob,\n\nPrices & terms: 5 < 6 > 4, \"net 30\".\nRegards\n");
}

TEST(MessageTextTest, QuotedPrintableLatin1Body) {
  EXPECT_EQ(BodyOf("Content-Type: text/plain; charset=iso-8859-1\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n",
                   "Caf=E9 cr=E8me, a soft=\r\n line break.\r\n"),
            "Café crème, a soft line break.\n");
}

TEST(MessageTextTest, Base64Utf8Body) {
  // "Grüße, Jörg\n"
  EXPECT_EQ(BodyOf("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n",
                   "R3LDvMOfZSwgSsO2cmcK\r\n"),
            "Grüße, Jörg\n");
}

TEST(MessageTextTest, Base64Windows1252Body) {
  // "“Quote” – 5 €\n" in Windows-1252.
  EXPECT_EQ(BodyOf("Content-Type: text/plain; charset=windows-1252\r\n"
                   "Content-Transfer-Encoding: base64\r\n",
                   "k1F1b3RllCCWIDUggAo=\r\n"),
            "\u201CQuote\u201D \u2013 5 \u20AC\n");
}

TEST(MessageTextTest, UndeclaredEightBitBodyBecomesValidUtf8) {
  const std::string body = BodyOf("Content-Type: text/plain\r\n", "Caf\xE9\r\n");
  EXPECT_TRUE(g_utf8_validate(body.c_str(), -1, nullptr));
  EXPECT_EQ(body, "Café\n");
}

TEST(MessageTextTest, ListsAttachmentsWithDecodedSize) {
  const std::string body =
      "--mix\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "See the files.\r\n"
      "--mix\r\n"
      "Content-Type: application/PDF; name=\"ignored.pdf\"\r\n"
      "Content-Disposition: attachment; filename=\"Offer 2026.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "JVBERi0xLjQKJcOkw7zDtsOfCg==\r\n"  // 19 bytes
      "--mix\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Disposition: attachment; filename*=UTF-8''notes%20f%C3%BCr%20Bob.txt\r\n\r\n"
      "not the body\r\n"
      "--mix\r\n"
      "Content-Type: image/png; name=logo.png\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n"
      "iVBORw0KGgo=\r\n"  // 8 bytes
      "--mix\r\n"
      "Content-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment\r\n\r\n"
      "abc\r\n"
      "--mix--\r\n";
  EXPECT_EQ(BodyOf("Content-Type: multipart/mixed; boundary=mix\r\n", body),
            "See the files.\n"
            "\n"
            "[attachment: Offer 2026.pdf (application/pdf, 19 bytes)]\n"
            "[attachment: notes für Bob.txt (text/plain, 12 bytes)]\n"
            "[attachment: logo.png (image/png, 8 bytes)]\n"
            "[attachment: unnamed (application/octet-stream, 3 bytes)]\n");
}

TEST(MessageTextTest, AnAttachmentIsReadByItsPlaceInTheList) {
  const std::string raw =
      "From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=mix\r\n\r\n"
      "--mix\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n"
      "--mix\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
      "--mix\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=b.txt\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\nf=C3=BCr Bob\r\n"
      "--mix--\r\n";
  auto pdf = ReadAttachment(raw, 0);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->info.name, "a.pdf");
  EXPECT_EQ(pdf->bytes, "%PDF-1.4\n");
  auto text = ReadAttachment(raw, 1);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->info.type, "text/plain");
  EXPECT_EQ(text->bytes, "f\xC3\xBCr Bob");  // the line break before a boundary is the boundary's
  EXPECT_EQ(text->bytes.size(), text->info.size);
  EXPECT_EQ(ReadAttachment(raw, 2).status().code(), StatusCode::kNotFound);
}

TEST(MessageTextTest, ForwardedMessageAttachmentIsListed) {
  const std::string forwarded = "From: carol@example.org\r\nSubject: inner\r\n\r\ninner body\r\n";
  const std::string body =
      "--mix\r\n"
      "Content-Type: text/plain\r\n\r\n"
      "Forwarding.\r\n"
      "--mix\r\n"
      "Content-Type: message/rfc822\r\n"
      "Content-Disposition: attachment; filename=inner.eml\r\n\r\n" +
      forwarded + "--mix--\r\n";
  EXPECT_THAT(BodyOf("Content-Type: multipart/mixed; boundary=mix\r\n", body),
              HasSubstr("[attachment: inner.eml (message/rfc822, "));
}

TEST(MessageTextTest, InlineForwardedMessageIsLookedInto) {
  const std::string body =
      "--mix\r\n"
      "Content-Type: message/rfc822\r\n\r\n"
      "From: carol@example.org\r\nContent-Type: text/plain\r\n\r\ninner body\r\n"
      "--mix--\r\n";
  EXPECT_EQ(BodyOf("Content-Type: multipart/mixed; boundary=mix\r\n", body), "inner body\n");
}

TEST(MessageTextTest, OnlyAttachments) {
  const std::string body =
      "--mix\r\n"
      "Content-Type: text/csv; name=prices.csv\r\n\r\n"
      "a,b\r\n"
      "--mix--\r\n";
  EXPECT_EQ(BodyOf("Content-Type: multipart/mixed; boundary=mix\r\n", body),
            "[attachment: prices.csv (text/csv, 3 bytes)]\n");
}

TEST(MessageTextTest, NoTextAtAll) {
  EXPECT_EQ(BodyOf("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n", "iVBORw0KGgo=\r\n"),
            "");
}

TEST(MessageTextTest, ControlCharactersCannotReachTheTerminal) {
  const MessageText text = MustRender(
      "From: ann@example.com\r\n"
      "Subject: =?UTF-8?Q?bad=1B[2Jtitle?=\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "line\x1B]0;owned\x07 one\r\nover\rwrite\r\n\xC2\x9B"
      "31m\tend\r\n");
  EXPECT_THAT(text.headers,
              ElementsAre(Pair("From", "ann@example.com"), Pair("Subject", "bad\uFFFD[2Jtitle")));
  EXPECT_EQ(text.body, "line\uFFFD]0;owned\uFFFD one\nover\nwrite\n\uFFFD31m\tend\n");
}

TEST(MessageTextTest, UnparseableMessageIsCorruption) {
  for (const std::string raw : {"", "just some text\n\nmore\n"}) {
    Result<MessageText> text = RenderMessageText(raw);
    ASSERT_FALSE(text.ok());
    EXPECT_EQ(text.status().code(), StatusCode::kCorruption);
  }
}

// --- limits on untrusted input, each at its boundary ---

// A message whose text "deep" sits inside `multiparts` nested multiparts: at MIME
// depth `multiparts`, the message's own part being depth 0.
std::string NestedMessage(int multiparts) {
  std::string body;
  std::string closing;
  for (int i = 0; i + 1 < multiparts; ++i) {
    body += "--b" + std::to_string(i) + "\r\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) +
            "\r\n\r\n";
    closing = "--b" + std::to_string(i) + "--\r\n" + closing;
  }
  const std::string last = "b" + std::to_string(multiparts - 1);
  body += "--" + last + "\r\nContent-Type: text/plain\r\n\r\ndeep\r\n--" + last + "--\r\n" + closing;
  return Message("Content-Type: multipart/mixed; boundary=b0\r\n", body);
}

TEST(MessageTextLimitsTest, MaxMimeDepth) {
  const ParseLimits limits{.max_mime_depth = 5};
  Result<MessageText> at_limit = RenderMessageText(NestedMessage(5), limits);
  ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
  EXPECT_EQ(at_limit->body, "deep\n");
  EXPECT_THAT(at_limit->limits_passed, IsEmpty());

  Result<MessageText> past = RenderMessageText(NestedMessage(6), limits);
  ASSERT_TRUE(past.ok()) << past.status().ToString();
  EXPECT_EQ(past->body, "[more parts, not shown: past max_mime_depth (5)]\n");
  EXPECT_THAT(past->limits_passed, ElementsAre("max_mime_depth"));
}

TEST(MessageTextLimitsTest, DeepNestingIsCutOffWithoutCrashing) {
  Result<MessageText> text = RenderMessageText(NestedMessage(500));
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(text->body, Not(HasSubstr("deep")));
  EXPECT_THAT(text->body, HasSubstr("past max_mime_depth (64)"));
  EXPECT_THAT(text->headers, Not(IsEmpty()));
}

TEST(MessageTextLimitsTest, MaxMimePartsCountsContainersToo) {
  std::string body;
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
    body += std::string("--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=") + name +
            "\r\n\r\nx\r\n";
  }
  const std::string raw = Message("Content-Type: multipart/mixed; boundary=b\r\n", body + "--b--\r\n");
  Result<MessageText> at_limit = RenderMessageText(raw, {.max_mime_parts = 4});
  ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
  EXPECT_EQ(at_limit->attachments.size(), 3u);
  EXPECT_THAT(at_limit->limits_passed, IsEmpty());

  Result<MessageText> past = RenderMessageText(raw, {.max_mime_parts = 3});
  ASSERT_TRUE(past.ok()) << past.status().ToString();
  EXPECT_EQ(past->body,
            "[attachment: a.txt (text/plain, 1 bytes)]\n"
            "[attachment: b.txt (text/plain, 1 bytes)]\n"
            "[more parts, not shown: past max_mime_parts (3)]\n");
  EXPECT_THAT(past->limits_passed, ElementsAre("max_mime_parts"));
  EXPECT_EQ(ReadAttachment(raw, 2, {.max_mime_parts = 3}).status().code(), StatusCode::kNotFound);
}

TEST(MessageTextLimitsTest, MaxMessageBytes) {
  const std::string raw = Message("Content-Type: text/plain\r\n", "Hello.\r\n");
  EXPECT_TRUE(RenderMessageText(raw, {.max_message_bytes = raw.size()}).ok());
  Result<MessageText> past = RenderMessageText(raw, {.max_message_bytes = raw.size() - 1});
  EXPECT_EQ(past.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(past.status().message(), "The message has " + std::to_string(raw.size()) +
                                         " bytes, past the limit max_message_bytes (" +
                                         std::to_string(raw.size() - 1) + "); it is not rendered.");
  EXPECT_EQ(ReadAttachment(raw, 0, {.max_message_bytes = raw.size() - 1}).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace mailtrail::mime
