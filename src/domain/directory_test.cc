#include "domain/directory.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

TEST(DirectoryTest, FindsSalespersonCaseInsensitively) {
  Directory directory({{"JO", "Jim", "Jim.Olive@Cronus.example"}}, {}, {});
  ASSERT_NE(directory.FindSalesperson("jim.olive@cronus.EXAMPLE"), nullptr);
  EXPECT_EQ(directory.FindSalesperson("jim.olive@cronus.example")->code, "JO");
  EXPECT_EQ(directory.FindSalesperson("jim@cronus.example"), nullptr);
  EXPECT_EQ(directory.FindSalesperson(""), nullptr);
}

TEST(DirectoryTest, ContactWithoutEmailNeverMatchesEmptyAddress) {
  Directory directory({{"JO", "Jim", ""}}, {{"CT000001", ContactType::kPerson, "A", "", ""}}, {});
  EXPECT_EQ(directory.FindSalesperson(""), nullptr);
  EXPECT_FALSE(directory.FindContact(""));
}

// Found by fuzz/address_fuzz: an alt address of white space alone was indexed
// under the empty address, so a blank address matched its contact.
TEST(DirectoryTest, EmailOfWhiteSpaceAloneNeverMatches) {
  Directory directory({{"JO", "Jim", " "}}, {{"CT000001", ContactType::kCompany, "A", "\t", "CT000001"}},
                      {{"CT000001", "BLANK", " \t"}});
  for (const char* address : {"", " ", "\t \r\n"}) {
    EXPECT_EQ(directory.FindSalesperson(address), nullptr);
    EXPECT_FALSE(directory.FindContact(address));
  }
}

TEST(DirectoryTest, SharedAddressGoesToFirstContactByNo) {
  Directory directory({},
                      {{"CT000009", ContactType::kPerson, "Late", "same@x.example", ""},
                       {"CT000002", ContactType::kPerson, "Early", "SAME@x.example", ""}},
                      {});
  auto match = directory.FindContact("same@x.example");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->contact->no, "CT000002");
  EXPECT_EQ(match->alt_address_code, "");
}

TEST(DirectoryTest, PrimaryEmailBeatsAltAddressThenAltByNoAndCode) {
  Directory directory({},
                      {{"CT000001", ContactType::kCompany, "A", "a@x.example", "CT000001"},
                       {"CT000002", ContactType::kCompany, "B", "b@x.example", "CT000002"}},
                      {{"CT000002", "Z", "alt@x.example"},
                       {"CT000002", "A", "ALT@x.example"},
                       {"CT000001", "X", "b@x.example"},
                       {"CT000404", "GONE", "gone@x.example"}});
  EXPECT_EQ(directory.FindContact("b@x.example")->contact->no, "CT000002");
  auto alt = directory.FindContact("alt@x.example");
  ASSERT_TRUE(alt);
  EXPECT_EQ(alt->contact->no, "CT000002");
  EXPECT_EQ(alt->alt_address_code, "A");
  EXPECT_FALSE(directory.FindContact("gone@x.example")) << "alt address of an unknown contact";
  EXPECT_EQ(directory.ContactByNo("CT000001")->name, "A");
  EXPECT_EQ(directory.ContactByNo("CT000404"), nullptr);
}

TEST(DirectoryTest, EverySpellingOfARegisteredAddressMatches) {
  struct Case {
    const char* registered;
    const char* in_the_message;
    bool matches;
  };
  const Case cases[] = {
      {"Jim.Olivo@Cronus.example", "jim.olivo@CRONUS.EXAMPLE", true},
      {"ann@bücher.example", "ann@xn--bcher-kva.example", true},
      {"ann@xn--bcher-kva.example", "ANN@BÜCHER.example", true},
      {"john.doe@example.com", "\"john.doe\"@example.com", true},
      {"m..scott@enron.com", "\"M..Scott\"@enron.com", true},
      {"\"john doe\"@example.com", "\"John Doe\"@Example.com", true},
      {"jörg@müller.example", "JÖRG@xn--mller-kva.example", true},
      {"jörg@example.de", "jorg@example.de", false},
      {"john.doe@example.com", "\"john doe\"@example.com", false},
      {"ann@bücher.example", "ann@bucher.example", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.registered) + " / " + c.in_the_message);
    const Directory directory({{"JO", "Jim", c.registered}}, {{"CT000001", ContactType::kCompany, "A", c.registered, ""}},
                              {{"CT000001", "ALT", c.registered}});
    EXPECT_EQ(directory.FindSalesperson(c.in_the_message) != nullptr, c.matches);
    EXPECT_EQ(directory.FindContact(c.in_the_message).has_value(), c.matches);
  }
}

}  // namespace
}  // namespace mailtrail::domain

namespace mailtrail::domain {
namespace {

TEST(DirectoryTest, NeverLogsListedAddressesDomainsAndDoNotLogContacts) {
  const Directory directory({}, {{"CT000001", ContactType::kPerson, "Pat", "Pat@Clinic.Example", "", true},
                                 {"CT000002", ContactType::kPerson, "Ann", "ann@adatum.example", "", false}},
                            {{"CT000001", "HOME", "pat@home.example"}}, {"ceo@globex.example", "hospital.example"});
  for (const char* address : {"pat@clinic.example", " PAT@HOME.EXAMPLE ", "ceo@globex.example",
                              "a@hospital.example", "a@ward.east.hospital.example"}) {
    EXPECT_TRUE(directory.IsNeverLogged(address)) << address;
  }
  for (const char* address : {"ann@adatum.example", "cfo@globex.example", "a@nothospital.example",
                              "a@hospital.example.org", "", "hospital.example"}) {
    EXPECT_FALSE(directory.IsNeverLogged(address)) << address;
  }
}

TEST(CheckNeverLogEntryTest, KeepsAddressesAndDomainsInOneForm) {
  EXPECT_EQ(*CheckNeverLogEntry(" Ann@Example.COM "), "ann@example.com");
  EXPECT_EQ(*CheckNeverLogEntry("Example.com"), "example.com");
  EXPECT_EQ(*CheckNeverLogEntry("@example.com"), "example.com");
  EXPECT_EQ(*CheckNeverLogEntry("Bücher.example"), "xn--bcher-kva.example");
  const Directory directory({}, {}, {}, {*CheckNeverLogEntry("bücher.example")});
  EXPECT_TRUE(directory.IsNeverLogged("ann@xn--bcher-kva.example"));
  EXPECT_TRUE(directory.IsNeverLogged("ann@shop.BÜCHER.example"));
  for (const char* bad : {"", "  ", "a@b@c.example", "@", "ann@", "a b@example.com",
                          ".example.com", "example.com."}) {
    const Result<std::string> checked = CheckNeverLogEntry(bad);
    EXPECT_EQ(checked.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(checked.status().message().find("cannot go on the never-log list"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace mailtrail::domain
