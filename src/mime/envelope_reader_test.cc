#include "mime/envelope_reader.h"

#include <glib.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "mime/envelope_expectations.h"
#include "testing/test_util.h"

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr domain::UnixTime kMarch2At0915 = 1772442900;  // Mon, 02 Mar 2026 09:15:00 +0000

// Joins header lines with CRLF and ends the header block with an empty line.
std::string Message(const std::vector<std::string>& header_lines, const std::string& body = "Hi.\r\n") {
  std::string raw;
  for (const std::string& line : header_lines) raw += line + "\r\n";
  return raw + "\r\n" + body;
}

domain::Envelope MustParse(std::string_view raw, ParseLimits limits = {}) {
  Result<domain::Envelope> envelope = ParseEnvelope(raw, limits);
  EXPECT_TRUE(envelope.ok()) << envelope.status().ToString();
  return envelope.ok() ? *envelope : domain::Envelope{};
}

std::string SubjectOf(const std::string& subject_line) {
  return MustParse(Message({"From: ann@example.com", subject_line})).subject;
}

domain::Envelope FeedInChunks(std::string_view raw, std::size_t chunk_size, ParseLimits limits = {}) {
  EnvelopeReader reader(limits);
  for (std::size_t at = 0; at < raw.size(); at += chunk_size) reader.Feed(raw.substr(at, chunk_size));
  Result<domain::Envelope> envelope = reader.Finish();
  EXPECT_TRUE(envelope.ok()) << envelope.status().ToString();
  return envelope.ok() ? *envelope : domain::Envelope{};
}

// The envelope of `raw` under `limits`, whole and fed in chunks of 1 and 7 bytes,
// which must agree.
domain::Envelope ParseEveryWay(const std::string& raw, const ParseLimits& limits) {
  const domain::Envelope whole = MustParse(raw, limits);
  for (std::size_t chunk_size : {1, 7}) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
    ExpectSameEnvelope(FeedInChunks(raw, chunk_size, limits), whole);
  }
  return whole;
}

const std::string kPlainMessage = Message({
    "Received: from mx.example.com by mail.example.org; Mon, 02 Mar 2026 09:16:30 +0000",
    "From: Ann Lee <ann@example.com>",
    "To: Bob <bob@example.org>, carol@example.org",
    "Cc: Dan <Dan.Smith@Example.org>",
    "Subject: Quarterly order",
    "Date: Mon, 02 Mar 2026 10:15:00 +0100",
    "Message-ID: <20260302.1@example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
});

TEST(EnvelopeReaderTest, PlainMessage) {
  const domain::Envelope envelope = MustParse(kPlainMessage);
  EXPECT_EQ(envelope.from, "ann@example.com");
  EXPECT_THAT(envelope.to, ElementsAre("bob@example.org", "carol@example.org"));
  EXPECT_THAT(envelope.cc, ElementsAre("Dan.Smith@Example.org"));  // case kept
  EXPECT_EQ(envelope.subject, "Quarterly order");
  EXPECT_EQ(envelope.sent_at, kMarch2At0915);
  EXPECT_EQ(envelope.received_at, kMarch2At0915 + 90);
  EXPECT_EQ(envelope.message_id, "20260302.1@example.com");
  EXPECT_EQ(envelope.sensitivity, "");
  EXPECT_FALSE(envelope.draft);
  EXPECT_EQ(envelope.content_hash, ContentHash(kPlainMessage));
}

TEST(EnvelopeReaderTest, SubjectInUtf8Base64) {
  EXPECT_EQ(SubjectOf("Subject: =?UTF-8?B?w4lsw6h2ZSDigJMgcHJpeA==?="), "Élève – prix");
}

TEST(EnvelopeReaderTest, SubjectInLatin1QuotedPrintable) {
  EXPECT_EQ(SubjectOf("Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?="), "Café crème");
}

TEST(EnvelopeReaderTest, SubjectSplitOverTwoEncodedWords) {
  // The space between adjacent encoded words is not part of the text.
  EXPECT_EQ(SubjectOf("Subject: =?UTF-8?Q?Gr=C3=BC?= =?UTF-8?Q?=C3=9Fe?="), "Grüße");
  EXPECT_EQ(SubjectOf("Subject: Re: =?utf-8?b?T3JkZXIg?= =?iso-8859-1?q?f=FCr?= you"), "Re: Order für you");
  // Each word padded on its own, as most mail clients write them.
  EXPECT_EQ(SubjectOf("Subject: =?UTF-8?B?w4lsw6h2ZQ==?= =?UTF-8?B?IHByaXg=?="), "Élève prix");
  // A character split between two base64 words (not allowed, but seen).
  EXPECT_EQ(SubjectOf("Subject: =?UTF-8?B?R3LD?= =?UTF-8?B?vMOfZQ==?="), "Grüße");
}

TEST(EnvelopeReaderTest, FoldedSubject) {
  EXPECT_EQ(SubjectOf("Subject: a subject that was\r\n  folded over\r\n\tthree lines"),
            "a subject that was  folded over\tthree lines");
  EXPECT_EQ(SubjectOf("Subject: =?UTF-8?B?w4lsw6h2ZQ==?=\r\n =?UTF-8?B?IHByaXg=?="), "Élève prix");
}

TEST(EnvelopeReaderTest, Raw8BitLatin1SubjectBecomesValidUtf8) {
  const std::string subject = SubjectOf("Subject: Caf\xE9 cr\xE8me \x80 5");
  EXPECT_TRUE(g_utf8_validate(subject.c_str(), -1, nullptr));
  EXPECT_EQ(subject, "Café crème € 5");  // decoded as Windows-1252
}

TEST(EnvelopeReaderTest, BytesUndefinedInWindows1252AreStillValidUtf8) {
  // 0x81 is undefined in Windows-1252, so ISO-8859-1 takes over.
  const std::string subject = SubjectOf("Subject: x\x81y\xFF");
  EXPECT_TRUE(g_utf8_validate(subject.c_str(), -1, nullptr));
  EXPECT_EQ(subject, "x\u0081y\u00FF");
}

TEST(EnvelopeReaderTest, Raw8BitUtf8SubjectIsKept) {
  EXPECT_EQ(SubjectOf("Subject: Grüße aus Köln"), "Grüße aus Köln");
}

TEST(EnvelopeReaderTest, GroupsAndQuotedDisplayNames) {
  const domain::Envelope envelope = MustParse(Message({
      "From: Sales team: \"Lee, Ann\" <ann@example.com>, bob@example.com;",
      "To: \"O'Brien, \\\"Pat\\\"\" <pat@example.org>, Buyers: amy@example.org, \"Roe, Ray\" "
      "<ray@example.org>;, undisclosed-recipients:;, zed@example.org",
      "Cc: \"Smith, Jo (Purchasing)\" <jo@example.org>, Empty:;",
  }));
  EXPECT_EQ(envelope.from, "ann@example.com");
  EXPECT_THAT(envelope.to,
              ElementsAre("pat@example.org", "amy@example.org", "ray@example.org", "zed@example.org"));
  EXPECT_THAT(envelope.cc, ElementsAre("jo@example.org"));
}

TEST(EnvelopeReaderTest, EncodedDisplayNamesAndFoldedAddressList) {
  const domain::Envelope envelope = MustParse(Message({
      "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de>",
      "To: first@example.org,\r\n  \"Second, Person\" <second@example.org>,\r\n\tthird@example.org",
  }));
  EXPECT_EQ(envelope.from, "joerg@example.de");
  EXPECT_THAT(envelope.to, ElementsAre("first@example.org", "second@example.org", "third@example.org"));
}

TEST(EnvelopeReaderTest, AddressForms) {
  struct Case {
    const char* to;  // the field's value
    std::vector<std::string> addresses;
  };
  const Case cases[] = {
      {"Team: a@example.org, B <b@example.org>;, c@example.org", {"a@example.org", "b@example.org", "c@example.org"}},
      {"undisclosed-recipients:;", {}},
      {"Ann (the boss) <ann@example.com> (desk 4)", {"ann@example.com"}},
      {"ann@example.com (Ann Lee)", {"ann@example.com"}},
      {"(first) ann@example.com, (second) bob@example.org", {"ann@example.com", "bob@example.org"}},
      // Quotes that are only syntax go; those a local part needs stay.
      {"\"john.doe\"@example.com, \"John Doe\" <\"john doe\"@example.com>",
       {"john.doe@example.com", "\"john doe\"@example.com"}},
      {"=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <joerg@example.de>", {"joerg@example.de"}},
      {"=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", {"PIRARD@vm1.ulg.ac.be"}},
      // An encoded display name that decodes to an address is still a name.
      {"=?UTF-8?Q?Lee=2C_Ann_=3Cfake=40evil.example=3E?= <ann@example.com>", {"ann@example.com"}},
      {"\"ann@example.com\" <bob@example.org>", {"bob@example.org"}},
      // GMime gives an internationalized domain in Unicode, whichever way it came.
      {"<ann@xn--bcher-kva.example>", {"ann@bücher.example"}},
      {"Jörg <jörg@bücher.example>", {"jörg@bücher.example"}},
      {"ann @ example . com", {"ann@example.com"}},
      // Stray dots, which RFC 5322 forbids and real mail has: kept, unquoted.
      {"M Driscoll <m..driscoll@enron.com>, william.st.@enron.com, .sharp@enron.com, \"t..lucci\"@enron.com",
       {"m..driscoll@enron.com", "william.st.@enron.com", ".sharp@enron.com", "t..lucci@enron.com"}},
      {"ann@[192.0.2.1]", {"ann@[192.0.2.1]"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    EXPECT_EQ(ParseEveryWay(Message({"From: x@example.com", std::string("To: ") + c.to}), {}).to, c.addresses);
  }
}

TEST(EnvelopeReaderTest, EveryFieldOfANameCounts) {
  const domain::Envelope envelope = ParseEveryWay(
      Message({"From: ann@example.com", "To: a@example.org", "Cc: c@example.org", "To: b@example.org"}), {});
  EXPECT_THAT(envelope.to, ElementsAre("a@example.org", "b@example.org"));
  EXPECT_THAT(envelope.cc, ElementsAre("c@example.org"));
}

TEST(EnvelopeReaderTest, AByteOrderMarkBeforeTheFirstField) {
  const domain::Envelope envelope =
      ParseEveryWay("\xEF\xBB\xBF" + Message({"From: ann@example.com", "To: bob@example.org"}), {});
  EXPECT_EQ(envelope.from, "ann@example.com");
  EXPECT_THAT(envelope.to, ElementsAre("bob@example.org"));
}

TEST(EnvelopeReaderTest, MissingFieldsAreEmpty) {
  const domain::Envelope envelope = MustParse(Message({"Subject: only a subject"}));
  EXPECT_EQ(envelope.from, "");
  EXPECT_THAT(envelope.to, IsEmpty());
  EXPECT_THAT(envelope.cc, IsEmpty());
  EXPECT_EQ(envelope.subject, "only a subject");
  EXPECT_EQ(envelope.sent_at, std::nullopt);
  EXPECT_EQ(envelope.received_at, std::nullopt);
  EXPECT_EQ(envelope.message_id, "");
  EXPECT_FALSE(envelope.draft);
}

TEST(EnvelopeReaderTest, MissingSubject) {
  EXPECT_EQ(MustParse(Message({"From: ann@example.com"})).subject, "");
}

TEST(EnvelopeReaderTest, SenderStandsInForMissingFrom) {
  EXPECT_EQ(MustParse(Message({"Sender: Office Manager <office@example.com>", "To: bob@example.org"})).from,
            "office@example.com");
  EXPECT_EQ(MustParse(Message({"From: ann@example.com", "Sender: office@example.com"})).from,
            "ann@example.com");
  EXPECT_EQ(MustParse(Message({"From: undisclosed:;", "Sender: office@example.com"})).from,
            "office@example.com");
}

TEST(EnvelopeReaderTest, UnparseableDatesAreUnset) {
  const domain::Envelope envelope = MustParse(Message({
      "Received: from a by b; not a date",
      "From: ann@example.com",
      "Date: sometime last week",
  }));
  EXPECT_EQ(envelope.sent_at, std::nullopt);
  EXPECT_EQ(envelope.received_at, std::nullopt);
}

TEST(EnvelopeReaderTest, ReceivedComesFromTheTopmostHeader) {
  const domain::Envelope envelope = MustParse(Message({
      "Received: from relay.example.org (relay [192.0.2.1])\r\n\tby mx.example.org with ESMTPS id 42\r\n"
      "\tfor <bob@example.org>; Tue, 03 Mar 2026 08:00:05 -0500",
      "Received: from client; Mon, 02 Mar 2026 09:15:00 +0000",
      "From: ann@example.com",
  }));
  EXPECT_EQ(envelope.received_at, 1772542805);
}

TEST(EnvelopeReaderTest, ReceivedWithoutSemicolonIsUnset) {
  EXPECT_EQ(MustParse(Message({"Received: from a by b", "From: ann@example.com"})).received_at, std::nullopt);
}

TEST(EnvelopeReaderTest, MessageIdWithoutAngleBrackets) {
  EXPECT_EQ(MustParse(Message({"Message-ID:   <abc.123@example.com>  "})).message_id, "abc.123@example.com");
  EXPECT_EQ(MustParse(Message({"Message-Id: abc.456@example.com"})).message_id, "abc.456@example.com");
}

TEST(EnvelopeReaderTest, AuthenticationResultsAreReadTopmostFirst) {
  const domain::Envelope envelope = MustParse(Message({
      "Authentication-Results: mx.cronus.example;\r\n\tdkim=pass header.d=adatum.example;\r\n\tdmarc=pass",
      "Authentication-Results: relay.adatum.example; spf=fail smtp.mailfrom=ann@adatum.example",
      "Authentication-Results: ; not one",
  }));
  ASSERT_EQ(envelope.authentication_results.size(), 2u);
  EXPECT_EQ(envelope.authentication_results[0].authserv_id, "mx.cronus.example");
  ASSERT_EQ(envelope.authentication_results[0].results.size(), 2u);
  EXPECT_EQ(envelope.authentication_results[0].results[0].properties,
            (std::vector<std::pair<std::string, std::string>>{{"header.d", "adatum.example"}}));
  EXPECT_EQ(envelope.authentication_results[1].authserv_id, "relay.adatum.example");
}

TEST(EnvelopeReaderTest, SensitivityIsTrimmed) {
  for (const std::string value : {"Private", "Personal", "Company-Confidential", "Normal"}) {
    EXPECT_EQ(MustParse(Message({"Sensitivity:   " + value + "  "})).sensitivity, value);
  }
  EXPECT_EQ(MustParse(Message({"SENSITIVITY: private"})).sensitivity, "private");
  EXPECT_EQ(MustParse(Message({"From: ann@example.com"})).sensitivity, "");
}

TEST(EnvelopeReaderTest, DraftMarkers) {
  EXPECT_TRUE(MustParse(Message({"From: ann@example.com", "X-Unsent: 1"})).draft);
  EXPECT_TRUE(MustParse(Message({"From: ann@example.com", "X-Unsent:  1 "})).draft);
  EXPECT_FALSE(MustParse(Message({"From: ann@example.com", "X-Unsent: 0"})).draft);
  EXPECT_TRUE(
      MustParse(Message({"From: ann@example.com", "X-Mozilla-Draft-Info: internal/draft; vcard=0"})).draft);
  EXPECT_FALSE(MustParse(Message({"From: ann@example.com"})).draft);
}

TEST(EnvelopeReaderTest, LfAndCrlfLineEndingsGiveTheSameFields) {
  std::string lf_message;
  for (char c : kPlainMessage) {
    if (c != '\r') lf_message += c;
  }
  domain::Envelope from_lf = MustParse(lf_message);
  EXPECT_EQ(from_lf.content_hash, ContentHash(lf_message));
  from_lf.content_hash = ContentHash(kPlainMessage);
  ExpectSameEnvelope(from_lf, MustParse(kPlainMessage));
}

TEST(EnvelopeReaderTest, BodyIsNotReadAsHeaders) {
  const domain::Envelope envelope =
      MustParse(Message({"From: ann@example.com", "Subject: real"},
                        "To: evil@example.net\r\nSubject: fake\r\nX-Unsent: 1\r\n"));
  EXPECT_THAT(envelope.to, IsEmpty());
  EXPECT_EQ(envelope.subject, "real");
  EXPECT_FALSE(envelope.draft);
}

TEST(EnvelopeReaderTest, MessageWithoutBodyOrFinalNewline) {
  EXPECT_EQ(MustParse("From: ann@example.com\r\nSubject: no body").subject, "no body");
  EXPECT_EQ(MustParse("From: ann@example.com\nTo: bob@example.org\n").to,
            std::vector<std::string>{"bob@example.org"});
}

// --- limits on untrusted input: each at its boundary, whole and in chunks ---

TEST(EnvelopeReaderLimitsTest, MaxMessageBytes) {
  const std::string raw = Message({"From: ann@example.com", "To: bob@example.org", "Subject: big"},
                                  std::string(500, 'b') + "\r\n");
  const domain::Envelope at_limit = ParseEveryWay(raw, {.max_message_bytes = raw.size()});
  EXPECT_THAT(at_limit.limits_passed, IsEmpty());
  EXPECT_EQ(at_limit.content_hash, ContentHash(raw));

  const domain::Envelope past = ParseEveryWay(raw, {.max_message_bytes = raw.size() - 1});
  EXPECT_THAT(past.limits_passed, ElementsAre("max_message_bytes"));
  EXPECT_EQ(past.content_hash, "") << "a hash of part of a message is no identity";
  EXPECT_EQ(past.subject, "big") << "what was kept is parsed";

  EnvelopeReader reader({.max_message_bytes = 10});
  EXPECT_TRUE(reader.Feed(raw.substr(0, 10)));
  EXPECT_FALSE(reader.Feed(raw.substr(10, 1))) << "no more is read past the limit";
}

TEST(EnvelopeReaderLimitsTest, MaxHeaderBytesCountsTheBlockWithItsEmptyLine) {
  const std::string raw = Message({"From: ann@example.com", "Subject: kept", "To: last@example.org"});
  const std::size_t block = raw.find("\r\n\r\n") + 4;
  const domain::Envelope at_limit = ParseEveryWay(raw, {.max_header_bytes = block});
  EXPECT_THAT(at_limit.limits_passed, IsEmpty());
  EXPECT_THAT(at_limit.to, ElementsAre("last@example.org"));

  const domain::Envelope past = ParseEveryWay(raw, {.max_header_bytes = block - 1});
  EXPECT_THAT(past.limits_passed, ElementsAre("max_header_bytes"));
  EXPECT_EQ(past.subject, "kept");
  EXPECT_THAT(past.to, ElementsAre("last@example.org")) << "only the empty line was past the limit";
}

TEST(EnvelopeReaderLimitsTest, HeaderBlockPastItsLimitIsCutAndWhatWasKeptParses) {
  std::vector<std::string> lines = {"From: ann@example.com", "Subject: kept"};
  for (int i = 0; i < 200; ++i) lines.push_back("X-Filler-" + std::to_string(i) + ": " + std::string(60, 'x'));
  lines.push_back("To: lost@example.org");
  const std::string raw = Message(lines);

  const domain::Envelope envelope = ParseEveryWay(raw, {.max_header_bytes = 4000});
  EXPECT_THAT(envelope.limits_passed, ElementsAre("max_header_bytes"));
  EXPECT_EQ(envelope.from, "ann@example.com");
  EXPECT_EQ(envelope.subject, "kept");
  EXPECT_THAT(envelope.to, IsEmpty());
  EXPECT_EQ(envelope.content_hash, ContentHash(raw));  // the hash still covers every byte
}

TEST(EnvelopeReaderLimitsTest, CutInsideTheFirstLineStillParses) {
  const std::string raw = Message({"Subject: " + std::string(100, 's')});
  const domain::Envelope envelope = ParseEveryWay(raw, {.max_header_bytes = 50});
  EXPECT_EQ(envelope.subject, "s" + std::string(40, 's'));
  EXPECT_THAT(envelope.limits_passed, ElementsAre("max_header_bytes"));
}

TEST(EnvelopeReaderLimitsTest, MaxLineBytesCountsALineWithoutItsLineBreak) {
  const std::string subject_line = "Subject: " + std::string(91, 's');  // 100 bytes
  const std::string raw = Message({"From: ann@example.com", subject_line, "To: bob@example.org"});
  const domain::Envelope at_limit = ParseEveryWay(raw, {.max_line_bytes = 100});
  EXPECT_THAT(at_limit.limits_passed, IsEmpty());
  EXPECT_EQ(at_limit.subject, std::string(91, 's'));

  const domain::Envelope past = ParseEveryWay(raw, {.max_line_bytes = 99});
  EXPECT_THAT(past.limits_passed, ElementsAre("max_line_bytes"));
  EXPECT_EQ(past.subject, std::string(90, 's')) << "the line is cut, the next ones kept";
  EXPECT_THAT(past.to, ElementsAre("bob@example.org"));

  // Each line of a folded field counts on its own.
  const std::string folded = Message({"To: a@example.org,\r\n b@example.org,\r\n c@example.org"});
  EXPECT_THAT(ParseEveryWay(folded, {.max_line_bytes = 20}).limits_passed, IsEmpty());
}

TEST(EnvelopeReaderLimitsTest, MaxLineBytesLooksOnlyAtTheEnvelopesFields) {
  const std::string raw = Message({"From: ann@example.com", "References: " + std::string(500, 'r')});
  EXPECT_THAT(ParseEveryWay(raw, {.max_line_bytes = 100}).limits_passed, IsEmpty());
}

TEST(EnvelopeReaderLimitsTest, MaxAddressesPerHeaderCountsGroupMembers) {
  const std::string raw = Message({
      "From: ann@example.com",
      "To: a@example.org, Team: b@example.org, c@example.org;, d@example.org",
      "Cc: e@example.org, f@example.org, g@example.org, h@example.org",
  });
  const domain::Envelope at_limit = ParseEveryWay(raw, {.max_addresses_per_header = 4});
  EXPECT_THAT(at_limit.limits_passed, IsEmpty());
  EXPECT_THAT(at_limit.to, ElementsAre("a@example.org", "b@example.org", "c@example.org", "d@example.org"));

  const domain::Envelope past = ParseEveryWay(raw, {.max_addresses_per_header = 3});
  EXPECT_THAT(past.limits_passed, ElementsAre("max_addresses_per_header"));
  EXPECT_THAT(past.to, ElementsAre("a@example.org", "b@example.org", "c@example.org"));
  EXPECT_THAT(past.cc, ElementsAre("e@example.org", "f@example.org", "g@example.org"));
  EXPECT_EQ(past.from, "ann@example.com");
}

TEST(EnvelopeReaderLimitsTest, EveryLimitPassedIsListedInTheOrderOfTheSettings) {
  const std::string raw = Message({"To: a@example.org, b@example.org", "Subject: " + std::string(200, 's'),
                                   "X-Filler: " + std::string(200, 'x'), "From: lost@example.com"},
                                  std::string(1000, 'b'));
  const domain::Envelope envelope = ParseEveryWay(
      raw, {.max_message_bytes = 1000, .max_header_bytes = 300, .max_line_bytes = 100, .max_addresses_per_header = 1});
  EXPECT_THAT(envelope.limits_passed,
              ElementsAre("max_message_bytes", "max_header_bytes", "max_line_bytes", "max_addresses_per_header"));
}

TEST(EnvelopeReaderTest, ChunkSizeDoesNotMatter) {
  const std::string raw = Message(
      {
          "Received: from x by y; Mon, 02 Mar 2026 09:16:30 +0000",
          "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>",
          "To: a@example.org, Team: b@example.org, c@example.org;",
          "Subject: =?UTF-8?B?w4lsw6h2ZQ==?=\r\n =?UTF-8?B?IHByaXg=?=",
          "Date: Mon, 02 Mar 2026 09:15:00 +0000",
          "Message-ID: <chunks@example.de>",
          "Sensitivity: Personal",
      },
      std::string(10000, 'b') + "\r\n\r\nFrom: not-a-header@example.org\r\n");
  const domain::Envelope whole = MustParse(raw);
  EXPECT_EQ(whole.subject, "Élève prix");
  for (std::size_t chunk_size : {1, 2, 7, 4096}) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
    ExpectSameEnvelope(FeedInChunks(raw, chunk_size), whole);
  }
}

TEST(EnvelopeReaderTest, EmptyLineSplitAcrossChunks) {
  // "\r" | "\n" of the empty line arrive in different chunks.
  EnvelopeReader reader;
  reader.Feed("From: ann@example.com\r\n\r");
  reader.Feed("\nTo: body@example.org\r\n");
  Result<domain::Envelope> envelope = reader.Finish();
  ASSERT_TRUE(envelope.ok());
  EXPECT_EQ(envelope->from, "ann@example.com");
  EXPECT_THAT(envelope->to, IsEmpty());
}

TEST(EnvelopeReaderTest, HugeBodyIsHashedButNotParsed) {
  std::string raw = Message({"From: ann@example.com", "Subject: big"}, "");
  const std::string line = "To: in-the-body@example.org " + std::string(70, 'z') + "\r\n";
  while (raw.size() < 5 * 1024 * 1024) raw += line;

  EnvelopeReader reader;
  for (std::size_t at = 0; at < raw.size(); at += 65536) reader.Feed(std::string_view(raw).substr(at, 65536));
  Result<domain::Envelope> envelope = reader.Finish();
  ASSERT_TRUE(envelope.ok()) << envelope.status().ToString();
  EXPECT_EQ(envelope->subject, "big");
  EXPECT_THAT(envelope->to, IsEmpty());
  EXPECT_EQ(envelope->content_hash, ContentHash(raw));
}

TEST(EnvelopeReaderTest, WithoutHashingItAsksForNoMoreThanTheHeaderBlock) {
  const std::string raw = Message({"From: ann@example.com", "Subject: short"}, "body\r\n");
  const std::size_t header_end = raw.find("\r\n\r\n") + 4;
  EnvelopeReader reader({}, ContentHashing::kOff);
  EXPECT_TRUE(reader.Feed(raw.substr(0, header_end - 1))) << "the empty line is not complete yet";
  EXPECT_FALSE(reader.Feed(raw.substr(header_end - 1, 1)));
  Result<domain::Envelope> envelope = reader.Finish();
  ASSERT_TRUE(envelope.ok()) << envelope.status().ToString();
  EXPECT_EQ(envelope->subject, "short");
  EXPECT_EQ(envelope->content_hash, "");

  EnvelopeReader hashing;
  EXPECT_TRUE(hashing.Feed(raw)) << "a hash needs every byte";
}

TEST(EnvelopeReaderTest, WithoutHashingAHeaderBlockPastItsLimitEndsTheRead) {
  EnvelopeReader reader({.max_header_bytes = 64}, ContentHashing::kOff);
  EXPECT_FALSE(reader.Feed("From: ann@example.com\r\nSubject: " + std::string(100, 'x') + "\r\n"));
}

TEST(EnvelopeReaderTest, HashMatchesKnownVectors) {
  EXPECT_EQ(ContentHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(ContentHash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(EnvelopeReaderTest, ReaderHashCoversEveryByteFedInAnyChunks) {
  EXPECT_EQ(FeedInChunks("From: ann@example.com\n\nabc", 3).content_hash,
            ContentHash("From: ann@example.com\n\nabc"));
}

TEST(EnvelopeReaderTest, NoHeaderBlockIsCorruption) {
  for (const std::string raw :
       {"", "\r\n", "\n\nFrom: ann@example.com\n", "\r\n\r\nbody\r\n", "just some text\n\nmore text\n"}) {
    SCOPED_TRACE("input: " + raw);
    Result<domain::Envelope> envelope = ParseEnvelope(raw);
    ASSERT_FALSE(envelope.ok());
    EXPECT_EQ(envelope.status().code(), StatusCode::kCorruption);
  }
}

TEST(EnvelopeFieldsOfTest, KeepsTheEnvelopesFieldsWithTheirContinuationLines) {
  const std::string block =
      "Return-Path: <ann@example.com>\r\n"
      "Received: from relay.example.com\r\n\tby mx.example.org; Mon, 02 Mar 2026 09:16:30 +0000\r\n"
      "Received: from [10.0.0.1]\r\n\tby relay.example.com; Mon, 02 Mar 2026 09:15:02 +0000\r\n"
      "DKIM-Signature: v=1; a=rsa-sha256;\r\n\tb=AAAA\r\n\t BBBB\r\n"
      "from: Ann <ann@example.com>\r\n"
      "TO: bob@example.org,\r\n carol@example.org\r\n"
      "X-Mailer: Outlook\r\n"
      "Subject: Quote\r\n"
      "Message-ID: <1@example.com>\r\n"
      "Content-Type: multipart/alternative;\r\n\tboundary=\"b\"\r\n"
      "Sensitivity: Private\r\n"
      "X-Unsent: 1\r\n"
      "\r\n";
  EXPECT_EQ(EnvelopeFieldsOf(block),
            "Return-Path: <ann@example.com>\r\n"
            "Received: from relay.example.com\r\n\tby mx.example.org; Mon, 02 Mar 2026 09:16:30 +0000\r\n"
            "from: Ann <ann@example.com>\r\n"
            "TO: bob@example.org,\r\n carol@example.org\r\n"
            "Subject: Quote\r\n"
            "Message-ID: <1@example.com>\r\n"
            "Sensitivity: Private\r\n"
            "X-Unsent: 1\r\n"
            "\r\n");
}

TEST(EnvelopeFieldsOfTest, LinesThatStartNoFieldAreLeftForTheParser) {
  // An mbox separator, a line without a colon and a name with a space in it: the
  // MIME parser decides what they are, so they stay, and so do their continuations.
  const std::string block =
      "From ann@example.com Mon Mar  2 09:15:00 2026\n"
      "X-Spam: yes\n"
      "X-Mailer: mutt\n"
      "this is no header\n"
      "  but continues\n"
      "Bad Name: value\n"
      "Date : Mon, 02 Mar 2026 09:15:00 +0000\n"
      "\n";
  EXPECT_EQ(EnvelopeFieldsOf(block),
            "From ann@example.com Mon Mar  2 09:15:00 2026\n"
            "X-Spam: yes\n"
            "this is no header\n"
            "  but continues\n"
            "Bad Name: value\n"
            "Date : Mon, 02 Mar 2026 09:15:00 +0000\n"
            "\n");
}

TEST(EnvelopeFieldsOfTest, TheFirstFieldStaysWhateverItIs) {
  // A block of fields the envelope does not use still starts with a header, so
  // it is still a header block (of an envelope with every field empty).
  EXPECT_EQ(EnvelopeFieldsOf("Content-Type: text/plain\n\tcharset=utf-8\nX-A: 1\n\n"),
            "Content-Type: text/plain\n\tcharset=utf-8\n\n");
  // And a topmost Received that comes first is the one kept.
  EXPECT_EQ(EnvelopeFieldsOf("Received: by a; Mon, 02 Mar 2026 09:15:00 +0000\nReceived: by b\nTo: x@y\n\n"),
            "Received: by a; Mon, 02 Mar 2026 09:15:00 +0000\nTo: x@y\n\n");
}

// Found by fuzz/envelope_reader_fuzz: with its first field dropped, the block
// below had a malformed line right after its mbox "From " line, which GMime
// refuses, so the message failed as having no header block and stayed queued,
// where the whole block gives an envelope (one without a sender: removed).
TEST(EnvelopeFieldsOfTest, AMalformedLineNeverComesBeforeTheFirstField) {
  const std::string raw = mailtrail::testing::ReadFile(mailtrail::testing::TestDataDir() / "mime" / "fuzz" /
                                                       "malformed-line-after-first-field.eml");
  const Result<domain::Envelope> whole = internal::EnvelopeOfHeaderBlock(raw);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  const Result<domain::Envelope> read = ParseEnvelope(raw);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->from, "");
  EXPECT_EQ(read->sent_at, kMarch2At0915);
  domain::Envelope expected = *whole;
  expected.content_hash = ContentHash(raw);
  ExpectSameEnvelope(*read, expected);
}

TEST(EnvelopeFieldsOfTest, ABlockWithoutFinalNewlineKeepsItsLastField) {
  EXPECT_EQ(EnvelopeFieldsOf("X-A: 1\nX-B: 2\nSubject: Hi"), "X-A: 1\nSubject: Hi");
  EXPECT_EQ(EnvelopeFieldsOf(""), "");
}

TEST(EnvelopeReaderTest, ReadersOnSeveralThreads) {
  // Distinct readers may run concurrently (GMime is set up once, under std::call_once).
  std::vector<std::thread> threads;
  std::vector<std::string> subjects(8);
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    threads.emplace_back([&subjects, i] {
      Result<domain::Envelope> envelope =
          ParseEnvelope(Message({"Subject: =?UTF-8?Q?n=C2=BA_" + std::to_string(i) + "?="}));
      if (envelope.ok()) subjects[i] = envelope->subject;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < subjects.size(); ++i) EXPECT_EQ(subjects[i], "nº " + std::to_string(i));
}

}  // namespace
}  // namespace mailtrail::mime
