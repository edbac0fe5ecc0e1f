// Every message of the corpora through the envelope reader and the text
// renderer: testdata/mime/corpus (see SOURCE.txt there) always, and the corpus
// $MAILTRAIL_CORPORA names (mail_corpus.h) when it names one. Then a sample of the repository's
// messages checked against what they say, as read by hand.
#include <glib.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "mime/envelope_expectations.h"
#include "mime/envelope_reader.h"
#include "mime/mail_corpus.h"
#include "mime/message_text.h"
#include "testing/test_util.h"

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

std::filesystem::path RepositoryCorpusDir() { return mailtrail::testing::TestDataDir() / "mime" / "corpus"; }

// The messages under `root`, read once per test process.
const std::vector<CorpusMessage>& MessagesOf(const std::filesystem::path& root) {
  static std::map<std::filesystem::path, std::vector<CorpusMessage>> corpora;
  auto [it, inserted] = corpora.try_emplace(root);
  if (inserted) ForEachCorpusMessage(root, [&it](const CorpusMessage& message) { it->second.push_back(message); });
  return it->second;
}

std::string ReadCorpusFile(const std::string& name) {
  return mailtrail::testing::ReadFile(RepositoryCorpusDir() / name);
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

// The envelope of `raw` fed in chunks of 1, 2, 3, 5, 8 and 13 bytes in turn, so
// that every boundary (CR | LF, inside a field name, inside a UTF-8 sequence)
// falls between two chunks somewhere in the corpus.
Result<domain::Envelope> FeedInSmallChunks(std::string_view raw, ContentHashing hashing) {
  static constexpr std::size_t kChunkSizes[] = {1, 2, 3, 5, 8, 13};
  EnvelopeReader reader({}, hashing);
  std::size_t turn = 0;
  for (std::size_t at = 0; at < raw.size();) {
    const std::size_t size = kChunkSizes[turn++ % std::size(kChunkSizes)];
    if (!reader.Feed(raw.substr(at, size))) break;
    at += size;
  }
  return reader.Finish();
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

// Runs over each corpus; skips, saying so, a corpus that is not there.
class CorpusTest : public ::testing::TestWithParam<Corpus> {
 protected:
  void SetUp() override {
    if (const std::string missing = MissingCorpusReason(GetParam()); !missing.empty()) GTEST_SKIP() << missing;
  }

  const std::vector<CorpusMessage>& Messages() const { return MessagesOf(GetParam().root); }

  // Reports how long the test took over how many messages.
  void Report(std::chrono::steady_clock::time_point start, const std::string& what) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << GetParam().root.string() << ": " << Messages().size() << " messages, " << what << ", "
              << seconds << " s\n";
    RecordProperty("messages", static_cast<int>(Messages().size()));
  }
};

TEST_P(CorpusTest, HasMessages) { EXPECT_GE(Messages().size(), 100u); }

// Whole, in small chunks, and reading the header block alone: one envelope.
TEST_P(CorpusTest, EveryMessageParsesAlikeWholeAndInSmallChunks) {
  const auto start = std::chrono::steady_clock::now();
  std::string unparseable;
  for (const CorpusMessage& message : Messages()) {
    SCOPED_TRACE(message.name);
    Result<domain::Envelope> whole = ParseEnvelope(message.raw);
    Result<domain::Envelope> chunked = FeedInSmallChunks(message.raw, ContentHashing::kOn);
    Result<domain::Envelope> header_only = FeedInSmallChunks(message.raw, ContentHashing::kOff);
    ASSERT_EQ(chunked.ok(), whole.ok());
    ASSERT_EQ(header_only.ok(), whole.ok());
    if (!whole.ok()) {
      EXPECT_EQ(whole.status().code(), StatusCode::kCorruption);
      unparseable += " " + message.name;
      continue;
    }
    ExpectValidUtf8(*whole);
    EXPECT_EQ(whole->content_hash, ContentHash(message.raw));
    EXPECT_THAT(whole->limits_passed, IsEmpty()) << "real mail is well within the default limits";
    ExpectSameEnvelope(*chunked, *whole);
    header_only->content_hash = whole->content_hash;
    ExpectSameEnvelope(*header_only, *whole);
    if (HasFailure()) break;  // one message's differences are enough to read
  }
  Report(start, "without a header block:" + unparseable);
}

// The reader parses only the envelope's fields of a header block; GMime must
// read the same envelope from them as from the whole block, broken mail included.
TEST_P(CorpusTest, EnvelopeFieldsAloneGiveTheSameEnvelope) {
  const auto start = std::chrono::steady_clock::now();
  for (const CorpusMessage& message : Messages()) {
    SCOPED_TRACE(message.name);
    const std::string block = HeaderBlock(message.raw);
    Result<domain::Envelope> whole = internal::EnvelopeOfHeaderBlock(block);
    Result<domain::Envelope> fields = internal::EnvelopeOfHeaderBlock(EnvelopeFieldsOf(block));
    ASSERT_EQ(whole.ok(), fields.ok()) << whole.status().ToString() << " / " << fields.status().ToString();
    if (whole.ok()) ExpectSameEnvelope(*fields, *whole);
    if (HasFailure()) break;
  }
  Report(start, "header blocks");
}

TEST_P(CorpusTest, EveryMessageRendersSafelyOrFailsCleanly) {
  const auto start = std::chrono::steady_clock::now();
  int unrenderable = 0;
  int past_a_limit = 0;
  for (const CorpusMessage& message : Messages()) {
    SCOPED_TRACE(message.name);
    Result<MessageText> text = RenderMessageText(message.raw);
    if (!text.ok()) {
      EXPECT_EQ(text.status().code(), StatusCode::kCorruption);
      ++unrenderable;
      continue;
    }
    for (const auto& [name, value] : text->headers) {
      EXPECT_TRUE(IsTerminalSafe(value)) << name;
      EXPECT_EQ(value.find('\n'), std::string::npos) << name;
    }
    EXPECT_TRUE(IsTerminalSafe(text->body));
    if (!text->limits_passed.empty()) ++past_a_limit;
    if (HasFailure()) break;
  }
  Report(start, std::to_string(unrenderable) + " that cannot be rendered, " + std::to_string(past_a_limit) +
                    " past a MIME limit");
}

INSTANTIATE_TEST_SUITE_P(Corpora, CorpusTest, ::testing::ValuesIn(Corpora()), CorpusName);

// --- messages of the repository's corpus checked by hand ---

// What a message says, read by hand from its raw header lines (encoded words,
// dates and time zones worked out by hand and cross-checked with Python's email
// package, an implementation independent of GMime).
struct HandChecked {
  std::string message;  // name as ForEachCorpusMessage gives it
  std::string from;
  std::vector<std::string> to;
  std::string subject;
  std::string date;                       // as the Date: line has it
  std::optional<domain::UnixTime> sent_at;  // that date, or none when it is no date
  std::string message_id;
};

const CorpusMessage& RepositoryMessage(const std::string& name) {
  const std::vector<CorpusMessage>& messages = MessagesOf(RepositoryCorpusDir());
  const auto found = std::find_if(messages.begin(), messages.end(),
                                  [&name](const CorpusMessage& message) { return message.name == name; });
  if (found == messages.end()) throw std::runtime_error("no corpus message " + name);
  return *found;
}

TEST(CorpusMessageTest, EnvelopesAgreeWithWhatTheMessagesSay) {
  const HandChecked cases[] = {
      // Enron, from mbox files: plain ASCII, a time zone comment.
      {"enron-south-s.sent#1", "steven.south@enron.com", {"sbashen@sjbc.com"}, "packers beat the steelers",
       "Fri, 10 Nov 2000 02:46:00 -0800 (PST)", 973853160, "19156800.1075844994711.JavaMail.evans@thyme"},
      {"enron-phanis-s.deleted_items#3", "stephanie.panus@enron.com",
       {"david.portz@enron.com", "marcus.nettelton@enron.com"}, "Terminations",
       "Fri, 21 Dec 2001 13:46:48 -0800 (PST)", 1008971208, "32488730.1075855413736.JavaMail.evans@thyme"},
      // A mailing list via gmane, split from an mbox.
      {"mime4j-mbox.rlug#1", "mmihai@netcompsj.ro", {"rlug@lug.ro"},
       "Din windows ma pot, din LINUX NU ma pot conecta (la ZAPP)", "Fri, 7 Feb 2003 18:35:25 +0200", 1044635725,
       "001401c2cec7$4eb5b460$941c10ac@ok6f6gr01ta4hv"},
      // Broken: spaces before the colon, a folding line of spaces alone, a date that is none.
      // Unfolding removes only the line breaks: the spaces of the blank line stay.
      {"mime4j-obsolete.msg", "", {},
       "The obsolete syntax allow spaces before the colon        and also empty lines in folding.", "Malformed Date.",
       std::nullopt, ""},
      // Broken: lines that are no header before the empty line.
      {"mime4j-malformedHeaderStartsBody-nocrlfcrlf.msg", "", {}, "this is a subject", "", std::nullopt, ""},
      {"mime4j-long-headers.msg", "expeditor@linagora.com", {"recipient@linagora.com"}, "test subject",
       "Tue, 26 Apr 2022 02:27:54 +0000", 1650940074, "Mime4j.3ae.98d4b510005bd7dc.18063b25b64@linagora.com"},
      // A body line that looks like a header must stay body.
      {"mimetools-hdr-fakeout.msg", "russ@quist.on.ca", {"russ@quist.on.ca"}, "test message 1",
       "Fri, 19 May 2000 21:55:02 -0400", 958787702, "20000519215502.A24482@quist.on.ca"},
      {"mimetools-german-qp.msg", "joern@zyn.de", {"joern@zyn.de"}, "Testnachricht",
       "Wed, 21 Dec 2005 22:02:44 +0100", 1135198964, ""},
      // An hour of one digit.
      {"mimekit-simple.mbox.txt#1", "fejj@gnome.org", {"fejj@gnome.org"},
       "this'll probably break a lot of mime parsers", "Fri, 23 Aug 2002 2:32:53 -0400", 1030084373, ""},
      // A sender with a comment for a name.
      {"mimekit-bounce.txt", "MAILER-DAEMON@hmail.jitbit.com", {"helpdesk@netecgc.com"},
       "Undelivered Mail Returned to Sender", "Wed, 26 Jan 2022 04:06:48 -0500 (EST)", 1643188008,
       "20220126090648.12632412E9@hmail.jitbit.com"},
      // Broken: a UTF-8 byte order mark before the first header; a named time
      // zone, and a weekday that is wrong (8 March 2005 was a Tuesday).
      {"mimekit-feedback-report.txt", "abusedesk@example.com", {"abuse@example.net"}, "FW: Earn money",
       "Thu, 8 Mar 2005 17:40:36 EDT", 1110318036, ""},
      {"postal-mime-arf.eml", "abusedesk@example.com", {"abuse@example.net"}, "FW: Earn money",
       "Thu, 8 Mar 2005 17:40:36 EDT", 1110318036, ""},
      {"gmime-rfc2060.msg", "me@myself.com", {"me@myself.com"}, "Sample message structure for IMAP part specifiers",
       "", std::nullopt, ""},
      {"gmime-substring.mbox#2", "fejj@gnome.org", {"fejj@gnome.org"},
       "this'll probably break even more mime parsers", "Fri, 23 Aug 2002 2:32:53 -0400", 1030084373, ""},
      // Broken MIME (nested parts with the same boundary); the header has no envelope field.
      {"stalwart-malformed-013.eml", "", {}, "", "", std::nullopt, ""},
      // An address folded onto a line of its own.
      {"stalwart-rfc-002.eml", "vice-president@whitehouse.gov", {"transport@whitehouse.gov"},
       "[Fwd: Map of Argentina with Description]", "", std::nullopt, ""},
      // Encoded words in UTF-7, in a subject and in a display name.
      {"stalwart-legacy-001.eml", "doug@example.com", {"jblow@example.com", "schmuergen@example.com"},
       "Die Hasen und die Frösche (Microsoft Outlook 00)", "Wed, 17 May 2000 19:18:39 -0400", 958605519,
       "NDBBIAKOPKHFGPLCODIGMEKCCHAA.doug@example.com"},
      {"stalwart-legacy-002.eml", "dwsauder@example.com", {"mueller@example.com"}, "Die Hasen und die Frösche",
       "Fri, 19 May 2000 00:31:00 -0400", 958710660, "4.2.0.58.20000519003052.00a89c40@pop.example.com"},
      {"stalwart-thirdparty-010.eml", "", {}, "こんにちは", "", std::nullopt, ""},
      {"stalwart-thirdparty-014.eml", "calpas2007@yahoo.fr", {"shapelib@lists.maptools.org"},
       "[Shapelib] need some help", "Wed, 9 Mar 2011 11:19:45 +0000 (GMT)", 1299669585,
       "325993.29502.qm@web28416.mail.ukl.yahoo.com"},
      // No weekday.
      {"postal-mime-mimetorture.eml", "rfinnie@domain.dom", {"bob@domain.dom"}, "Ryan Finnie's MIME Torture Test v1.0",
       "23 Oct 2003 23:28:34 -0700", 1066976914, "1066976914.4721.5.camel@localhost"},
      {"nodemailer-spam.eml", "noreply@guide-des-vins-de-bourgogne.fr", {"leon.struck@web.de"},
       "123.042 Euro pro Jahr GRARANTIERT von einer Bank! KOSTENLOS", "Tue, 24 Nov 2015 02:35:26 +0200", 1448325326,
       "MXQAHQMRSTRWAEMHJAPA@guide-des-vins-de-bourgogne.fr"},
      {"nodemailer-simple.eml", "andris@kreata.ee", {"andris.reinman@gmail.com"}, "test",
       "Sun, 8 Jan 2017 20:37:44 +0200", 1483900664, ""},
      // Plain text and an encoded word in one subject.
      {"zbateson-m1005.txt", "dwsauder@example.com", {"mueller@example.com"},
       "Die Hasen und die Frösche (Netscape Messenger 4.7)", "Wed, 17 May 2000 23:13:09 -0400", 958619589,
       "39235FC5.276CCE00@example.com"},
      {"zbateson-m3004.txt", "doug@penguin.example.com", {"blow@example.com", "mueller@example.com"},
       "Die Hasen und die Frösche", "Fri, 19 May 2000 10:26:12 -0400 (EDT)", 958746372,
       "Pine.LNX.4.21.0005191024380.8452-200000@penguin.example.com"},
      // Broken: raw 8-bit bytes in a display name.
      {"zbateson-invalid-charset.txt", "doug@example.com", {"schmuergen@example.com"}, "Test invalid charset",
       "Wed, 17 May 2000 19:08:29 -0400", 958604909, "NDBBIAKOPKHFGPLCODIGIEKBCHAA.doug@example.com"},
      // A header block alone, of fields no envelope reads.
      {"zbateson-headers-basic", "", {}, "", "", std::nullopt, ""},
  };
  for (const HandChecked& expected : cases) {
    SCOPED_TRACE(expected.message);
    Result<domain::Envelope> envelope = ParseEnvelope(RepositoryMessage(expected.message).raw);
    ASSERT_TRUE(envelope.ok()) << envelope.status().ToString();
    EXPECT_EQ(envelope->from, expected.from);
    EXPECT_EQ(envelope->to, expected.to);
    EXPECT_EQ(envelope->subject, expected.subject);
    EXPECT_EQ(envelope->sent_at, expected.sent_at) << expected.date;
    EXPECT_EQ(envelope->message_id, expected.message_id);
  }
}

TEST(CorpusMessageTest, EnronTimesheetsToNineHundredThirtyThree) {
  Result<domain::Envelope> envelope = ParseEnvelope(RepositoryMessage("enron-sanchez-m.deleted_items-49.eml").raw);
  ASSERT_TRUE(envelope.ok()) << envelope.status().ToString();
  EXPECT_EQ(envelope->from, "constance.charles@enron.com");
  ASSERT_EQ(envelope->to.size(), 933u);  // on 435 folded lines
  EXPECT_EQ(envelope->to.front(), "ali.ahmed@enron.com");
  EXPECT_EQ(envelope->to.back(), "simon.yeung@enron.com");
  EXPECT_EQ(envelope->subject, "MAY 16-30, 2001 TIMESHEETS");
  EXPECT_EQ(envelope->sent_at, 991266498);  // Wed, 30 May 2001 16:48:18 -0700 (PDT)
  EXPECT_EQ(envelope->message_id, "9388006.1075845286500.JavaMail.evans@thyme");
  EXPECT_THAT(envelope->limits_passed, IsEmpty());
}

TEST(CorpusMessageTest, MessageWithoutHeadersIsCorruption) {
  const std::string raw = ReadCorpusFile("mime4j-malformedHeader-noheader.msg");
  EXPECT_EQ(ParseEnvelope(raw).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(RenderMessageText(raw).status().code(), StatusCode::kCorruption);
}

TEST(CorpusMessageTest, Mime4jBasicPlain) {
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

TEST(CorpusMessageTest, MimeKitJapaneseIso2022Jp) {
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

TEST(CorpusMessageTest, ZbatesonRawLatin1Headers) {
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

TEST(CorpusMessageTest, StalwartHtmlWithEmbeddedImage) {
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

TEST(CorpusMessageTest, MimeTortureListsEveryAttachment) {
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
