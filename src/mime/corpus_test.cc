// Runs the messages in testdata/mime/corpus (see SOURCE.txt there) through the
// envelope reader and the text renderer.
#include <glib.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "mime/envelope_expectations.h"
#include "mime/envelope_reader.h"
#include "mime/message_text.h"
#include "testing/test_util.h"

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

std::filesystem::path CorpusDir() { return mailtrail::testing::TestDataDir() / "mime" / "corpus"; }

std::vector<std::filesystem::path> CorpusFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(CorpusDir())) {
    if (entry.is_regular_file() && entry.path().filename() != "SOURCE.txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadCorpusFile(const std::string& name) {
  return mailtrail::testing::ReadFile(CorpusDir() / name);
}

bool IsValidUtf8(const std::string& text) {
  return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr);
}

// Text a terminal shows as is: valid UTF-8 with no control character but LF and TAB.
bool IsTerminalSafe(const std::string& text) {
  return IsValidUtf8(text) && std::none_of(text.begin(), text.end(), [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return (byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F;
         });
}

void ExpectValidUtf8(const domain::Envelope& envelope) {
  EXPECT_TRUE(IsValidUtf8(envelope.from)) << envelope.from;
  for (const std::string& address : envelope.to) EXPECT_TRUE(IsValidUtf8(address)) << address;
  for (const std::string& address : envelope.cc) EXPECT_TRUE(IsValidUtf8(address)) << address;
  EXPECT_TRUE(IsValidUtf8(envelope.subject)) << envelope.subject;
  EXPECT_TRUE(IsValidUtf8(envelope.message_id)) << envelope.message_id;
  EXPECT_TRUE(IsValidUtf8(envelope.sensitivity)) << envelope.sensitivity;
}

domain::Envelope FeedInChunks(const std::string& raw, std::size_t chunk_size) {
  EnvelopeReader reader;
  for (std::size_t at = 0; at < raw.size(); at += chunk_size)
    reader.Feed(std::string_view(raw).substr(at, chunk_size));
  Result<domain::Envelope> envelope = reader.Finish();
  EXPECT_TRUE(envelope.ok());
  return envelope.ok() ? *envelope : domain::Envelope{};
}

// The header block of `raw` as the reader keeps it: up to and with the first
// empty line, or all of it ended by one.
std::string HeaderBlock(const std::string& raw) {
  for (std::size_t newline = raw.find('\n'); newline != std::string::npos; newline = raw.find('\n', newline + 1)) {
    const std::size_t next = newline + 1;
    if (next < raw.size() && raw[next] == '\n') return raw.substr(0, next + 1);
    if (next + 1 < raw.size() && raw[next] == '\r' && raw[next + 1] == '\n') return raw.substr(0, next + 2);
  }
  return raw + "\n\n";
}

TEST(CorpusTest, HasMessages) { EXPECT_GE(CorpusFiles().size(), 20u); }

// The reader parses only the envelope's fields of a header block; GMime must
// read the same envelope from them as from the whole block, broken mail included.
TEST(CorpusTest, EnvelopeFieldsAloneGiveTheSameEnvelope) {
  for (const std::filesystem::path& file : CorpusFiles()) {
    SCOPED_TRACE(file.filename().string());
    const std::string raw = mailtrail::testing::ReadFile(file);
    const std::string block = HeaderBlock(raw);
    Result<domain::Envelope> whole = internal::EnvelopeOfHeaderBlock(block);
    Result<domain::Envelope> fields = internal::EnvelopeOfHeaderBlock(EnvelopeFieldsOf(block));
    ASSERT_EQ(whole.ok(), fields.ok()) << whole.status().ToString() << " / " << fields.status().ToString();
    if (whole.ok()) ExpectSameEnvelope(*fields, *whole);
  }
}

TEST(CorpusTest, EveryMessageParsesOrFailsCleanly) {
  for (const std::filesystem::path& file : CorpusFiles()) {
    SCOPED_TRACE(file.filename().string());
    const std::string raw = mailtrail::testing::ReadFile(file);

    Result<domain::Envelope> envelope = ParseEnvelope(raw);
    if (envelope.ok()) {
      ExpectValidUtf8(*envelope);
      EXPECT_EQ(envelope->content_hash, ContentHash(raw));
      const domain::Envelope chunked = FeedInChunks(raw, 7);
      EXPECT_EQ(chunked.from, envelope->from);
      EXPECT_EQ(chunked.to, envelope->to);
      EXPECT_EQ(chunked.subject, envelope->subject);
      EXPECT_EQ(chunked.message_id, envelope->message_id);
      EXPECT_EQ(chunked.content_hash, envelope->content_hash);
    } else {
      EXPECT_EQ(envelope.status().code(), StatusCode::kCorruption);
    }

    Result<MessageText> text = RenderMessageText(raw);
    if (text.ok()) {
      for (const auto& [name, value] : text->headers) {
        EXPECT_TRUE(IsTerminalSafe(value)) << name;
        EXPECT_EQ(value.find('\n'), std::string::npos) << name;
      }
      EXPECT_TRUE(IsTerminalSafe(text->body));
    } else {
      EXPECT_EQ(text.status().code(), StatusCode::kCorruption);
    }
  }
}

TEST(CorpusTest, MessageWithoutHeadersIsCorruption) {
  const std::string raw = ReadCorpusFile("mime4j-malformedHeader-noheader.msg");
  EXPECT_EQ(ParseEnvelope(raw).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(RenderMessageText(raw).status().code(), StatusCode::kCorruption);
}

TEST(CorpusTest, Mime4jBasicPlain) {
  Result<domain::Envelope> envelope = ParseEnvelope(ReadCorpusFile("mime4j-basic-plain.msg"));
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->from, "foo@example.com");
  EXPECT_THAT(envelope->to, ElementsAre("bar@example.com"));
  EXPECT_THAT(envelope->cc,
              ElementsAre("recipient1@example.com", "recipient2@example.com", "localrecipient"));
  EXPECT_EQ(envelope->subject, "Simple Subject");
  EXPECT_EQ(envelope->message_id, "");
  EXPECT_EQ(envelope->sent_at, 887219460);  // Wed, 11 Feb 98 11:51 CST
}

TEST(CorpusTest, MimeKitJapaneseIso2022Jp) {
  const std::string raw = ReadCorpusFile("mimekit-japanese.txt");
  Result<domain::Envelope> envelope = ParseEnvelope(raw);
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->from, "x@x.com");
  EXPECT_THAT(envelope->to, ElementsAre("x@x.com"));
  EXPECT_EQ(envelope->subject, "日本語メールテスト (testing Japanese emails)");
  EXPECT_EQ(envelope->message_id, "55AE6D15.4010805@veritas-vos-liberabit.com");
  EXPECT_EQ(envelope->sent_at, 1437494549);  // Wed, 22 Jul 2015 01:02:29 +0900

  Result<MessageText> text = RenderMessageText(raw);
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(text->body, HasSubstr("日本語が\n正常に\n送れているか\nテスト.\n"));
}

TEST(CorpusTest, ZbatesonRawLatin1Headers) {
  const std::string raw = ReadCorpusFile("zbateson-github-102-01.txt");
  Result<domain::Envelope> envelope = ParseEnvelope(raw);
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->from, "doug@example.com");
  EXPECT_THAT(envelope->to, ElementsAre("schmuergen@example.com"));
  EXPECT_THAT(envelope->cc, IsEmpty());
  EXPECT_EQ(envelope->subject, "Die Hasen und die Frösche (Microsoft Outlook 00)");
  EXPECT_EQ(envelope->message_id, "NDBBIAKOPKHFGPLCODIGIEKBCHAA.doug@example.com");

  Result<MessageText> text = RenderMessageText(raw);
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(text->headers,
              ElementsAre(Pair("From", "Doug Sauder <doug@example.com>"),
                          Pair("To", "Jürgen Schmürgen <schmuergen@example.com>"),
                          Pair("Date", "Wed, 17 May 2000 19:08:29 -0400"),
                          Pair("Subject", "Die Hasen und die Frösche (Microsoft Outlook 00)")));
  EXPECT_THAT(text->body, HasSubstr("Die Hasen klagten einst über ihre mißliche Lage"));
}

TEST(CorpusTest, StalwartHtmlWithEmbeddedImage) {
  const std::string raw = ReadCorpusFile("stalwart-thirdparty-016.eml");
  Result<domain::Envelope> envelope = ParseEnvelope(raw);
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->from, "test@example.com");
  EXPECT_THAT(envelope->to, ElementsAre("test@example.com"));
  EXPECT_EQ(envelope->subject, "25 HTML + embedded image");
  EXPECT_EQ(envelope->message_id, "c1ddcd5d-71c1-9c9d-1b81-e3b9abb99030@example.com");

  Result<MessageText> text = RenderMessageText(raw);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->body, "Search for höhö\n\n[attachment: kigaaldcbanejcbi.png (image/png, 242 bytes)]\n");
}

TEST(CorpusTest, MimeTortureListsEveryAttachment) {
  Result<MessageText> text = RenderMessageText(ReadCorpusFile("postal-mime-mimetorture.eml"));
  ASSERT_TRUE(text.ok());
  EXPECT_THAT(text->body, HasSubstr("Welcome to Ryan Finnie's MIME torture test."));
  EXPECT_THAT(text->body, HasSubstr("[attachment: foo.gz (application/x-gzip, 42 bytes)]\n"
                                    "[attachment: blah.gz (application/x-gzip, 288 bytes)]\n"
                                    "[attachment: blah1.gz (application/x-gzip, 42 bytes)]\n"
                                    "[attachment: unnamed (application/x-gzip, 42 bytes)]\n"
                                    "[attachment: htmlfile.html (text/html, 112 bytes)]\n"
                                    "[attachment: smiley-3.png (image/png, 819 bytes)]\n"
                                    "[attachment: dot.gif (image/gif, 68 bytes)]\n"
                                    "[attachment: signature.asc (application/pgp-signature, 189 bytes)]\n"));
}

}  // namespace
}  // namespace mailtrail::mime
