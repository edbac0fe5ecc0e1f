#include "common/vcard_reader.h"

#include <gtest/gtest.h>

namespace mailtrail {
namespace {

using Cards = std::vector<Vcard>;

VcardProperty Prop(std::size_t line, std::string name, std::string value, std::vector<VcardParameter> parameters = {},
                   std::string group = {}) {
  return {.line = line, .group = std::move(group), .name = std::move(name), .parameters = std::move(parameters),
          .value = std::move(value)};
}

struct Case {
  std::string name;
  std::string input;
  Cards expected;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"empty", "", {}},
      {"4.0, crlf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo Smith\r\nEND:VCARD\r\n",
       {{1, {Prop(3, "FN", "Jo Smith")}}}},
      {"lf, lower case, no final break", "begin:vcard\nfn:Jo\nend:vcard", {{1, {Prop(2, "FN", "Jo")}}}},
      {"lone cr", "BEGIN:VCARD\rFN:Jo\rEND:VCARD\r", {{1, {Prop(2, "FN", "Jo")}}}},
      {"folded lines joined", "BEGIN:VCARD\r\nNOTE:one\r\n  two\r\n\tthree\r\nEND:VCARD\r\n",
       {{1, {Prop(2, "NOTE", "one twothree")}}}},
      {"parameters and group",
       "BEGIN:VCARD\nitem1.EMAIL;TYPE=work,pref;X-LABEL=\"a;b:c\":jo@x.example\nEND:VCARD\n",
       {{1, {Prop(2, "EMAIL", "jo@x.example", {{"TYPE", "work,pref"}, {"X-LABEL", "a;b:c"}}, "item1")}}}},
      {"escapes kept", "BEGIN:VCARD\nN:Smith\\;Jr;Jo\nEND:VCARD\n", {{1, {Prop(2, "N", "Smith\\;Jr;Jo")}}}},
      {"2.1 bare parameters", "BEGIN:VCARD\nEMAIL;INTERNET;PREF:jo@x.example\nEND:VCARD\n",
       {{1, {Prop(2, "EMAIL", "jo@x.example", {{"TYPE", "INTERNET"}, {"TYPE", "PREF"}})}}}},
      {"2.1 quoted-printable with a soft break and a charset",
       "BEGIN:VCARD\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=F6rg M=\r\n=FCller\r\nEND:VCARD\r\n",
       {{1, {Prop(2, "FN", "Jörg Müller", {{"CHARSET", "ISO-8859-1"}, {"ENCODING", "QUOTED-PRINTABLE"}})}}}},
      {"base64 kept as written", "BEGIN:VCARD\nPHOTO;ENCODING=b:AAEC\n  AwQ=\nEND:VCARD\n",
       {{1, {Prop(2, "PHOTO", "AAEC AwQ=", {{"ENCODING", "b"}})}}}},
      {"two cards, blank lines, byte order mark",
       "\xEF\xBB\xBF" "BEGIN:VCARD\nFN:A\nEND:VCARD\n\n\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
       {{1, {Prop(2, "FN", "A")}}, {6, {Prop(7, "FN", "B")}}}},
      {"nested card skipped", "BEGIN:VCARD\nFN:A\nAGENT:\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEMAIL:a@x\nEND:VCARD\n",
       {{1, {Prop(2, "FN", "A"), Prop(3, "AGENT", ""), Prop(7, "EMAIL", "a@x")}}}},
      {"utf-8 kept", "BEGIN:VCARD\nFN:Åsa Öberg\nEND:VCARD\n", {{1, {Prop(2, "FN", "Åsa Öberg")}}}},
  };
  return cases;
}

Result<Cards> ReadInPieces(const std::string& input, std::size_t piece) {
  VcardReader reader;
  Cards cards;
  for (std::size_t at = 0; at < input.size(); at += piece) {
    MT_RETURN_IF_ERROR(reader.Feed(std::string_view(input).substr(at, piece)));
    for (auto& card : reader.TakeCards()) cards.push_back(std::move(card));
  }
  MT_RETURN_IF_ERROR(reader.Finish());
  for (auto& card : reader.TakeCards()) cards.push_back(std::move(card));
  return cards;
}

TEST(VcardReaderTest, ReadsCardsWhateverThePieces) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    auto whole = ReadVcards(c.input);
    ASSERT_TRUE(whole.ok()) << whole.status().message();
    EXPECT_EQ(*whole, c.expected);
    for (std::size_t piece = 1; piece <= 5; ++piece) {
      SCOPED_TRACE(piece);
      auto pieces = ReadInPieces(c.input, piece);
      ASSERT_TRUE(pieces.ok()) << pieces.status().message();
      EXPECT_EQ(*pieces, c.expected);
    }
  }
}

TEST(VcardReaderTest, ErrorsNameTheLineWhateverThePieces) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"FN:Jo\n", "Line 1: FN outside BEGIN:VCARD ... END:VCARD (is this a vCard file?)."},
      {"Name,Email\nJo,jo@x\n", "Line 1: a vCard line is NAME:value; this one has no ':'."},
      {"BEGIN:VCARD\nFN:Jo\nEND:VCARD\nEND:VCARD\n", "Line 4: END:VCARD without BEGIN:VCARD."},
      {"BEGIN:VCARD\nFN:Jo\n", "Line 1: the vCard begun here has no END:VCARD."},
      {"BEGIN:VCARD\nF N:Jo\nEND:VCARD\n", "Line 2: 'F N' is not a property name."},
      {"BEGIN:VCARD\nFN:M\xFCller\nEND:VCARD\n",
       "Line 2: the text is not UTF-8 (give its CHARSET, or save the file as UTF-8)."},
      {"BEGIN:VCARD\nFN;CHARSET=NO-SUCH-SET:x\nEND:VCARD\n", "Line 2: the CHARSET 'NO-SUCH-SET' is not known."},
      {"BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=00\nEND:VCARD\n", "Line 2: the text is not UTF-8 (give its "
                                                                     "CHARSET, or save the file as UTF-8)."},
  };
  for (const auto& [input, message] : cases) {
    SCOPED_TRACE(input);
    EXPECT_EQ(ReadVcards(input).status().message(), message);
    for (std::size_t piece = 1; piece <= 3; ++piece) EXPECT_EQ(ReadInPieces(input, piece).status().message(), message);
  }
}

TEST(VcardReaderTest, ALineTooLongIsRefused) {
  const std::string input = "BEGIN:VCARD\nNOTE:" + std::string(kMaxVcardLineBytes, 'x') + "\nEND:VCARD\n";
  EXPECT_EQ(ReadVcards(input).status().message(),
            "Line 2: a line is longer than " + std::to_string(kMaxVcardLineBytes) + " bytes.");
}

TEST(VcardReaderTest, ParametersAndValues) {
  auto cards = ReadVcards("BEGIN:VCARD\nEMAIL;type=INTERNET,Pref:a@x\nEND:VCARD\n");
  ASSERT_TRUE(cards.ok());
  const VcardProperty* email = (*cards)[0].Find("EMAIL");
  ASSERT_NE(email, nullptr);
  EXPECT_TRUE(email->HasParameter("TYPE", "pref"));
  EXPECT_FALSE(email->HasParameter("TYPE", "home"));
  EXPECT_EQ(email->Parameter("type"), "INTERNET,Pref");
  EXPECT_EQ((*cards)[0].Find("FN"), nullptr);

  EXPECT_EQ(VcardText("a\\, b\\; c\\nd\\Ne\\\\f\\"), "a, b; c\nd\ne\\f\\");
  EXPECT_EQ(VcardComponents("Smith\\;Jr;Jo;;Dr.;"), (std::vector<std::string>{"Smith;Jr", "Jo", "", "Dr.", ""}));
  EXPECT_EQ(VcardComponents(""), (std::vector<std::string>{""}));
  EXPECT_EQ(VcardComponents("a\\"), (std::vector<std::string>{"a\\"}));
}

}  // namespace
}  // namespace mailtrail
