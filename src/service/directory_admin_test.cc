#include "service/directory_admin.h"

#include <gtest/gtest.h>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

class DirectoryAdminTest : public EveryDatabaseFixture {
 protected:
  std::string EmailOf(const std::string& no) {
    auto contact = db_->FindContact(no);
    EXPECT_TRUE(contact.ok() && contact->has_value());
    return contact.ok() && *contact ? (*contact)->email : "";
  }
};

TEST_P(DirectoryAdminTest, SalespersonCodeIsUpperCasedAndBounded) {
  ASSERT_TRUE(AddSalesperson(*db_, {"rl", "Robin Lee", "robin@cronus.example"}).ok());
  auto salespersons = db_->ListSalespersons();
  ASSERT_TRUE(salespersons.ok());
  bool found = false;
  for (const auto& s : *salespersons) found = found || s.code == "RL";
  EXPECT_TRUE(found);
  EXPECT_EQ(AddSalesperson(*db_, {std::string(21, 'A'), "Long", ""}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AddSalesperson(*db_, {"X", "Bad", "not-an-address"}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AddSalesperson(*db_, {"RL", "Again", ""}).code(), StatusCode::kAlreadyExists);
}

TEST_P(DirectoryAdminTest, ContactNosAscendAndCompaniesAreTheirOwnCompany) {
  const std::string next = AddContactOrDie("Next", domain::ContactType::kCompany, "");
  EXPECT_EQ(adatum_, "CT000001");
  EXPECT_EQ(ann_, "CT000002");
  EXPECT_EQ(next, "CT000003");
  auto company = db_->FindContact(next);
  EXPECT_EQ((*company)->company_no, next);
  EXPECT_EQ(AddContact(*db_, {"", domain::ContactType::kPerson, "P", "", "CT000404"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AddContact(*db_, {"", domain::ContactType::kPerson, "P", "", ann_}).status().code(),
            StatusCode::kInvalidArgument)
      << "a person's company must be a company";
  auto custom = AddContact(*db_, {"KEY-1", domain::ContactType::kCompany, "Custom", "", ""});
  ASSERT_TRUE(custom.ok());
  EXPECT_EQ(*custom, "KEY-1");
  EXPECT_EQ(AddContact(*db_, {"KEY-1", domain::ContactType::kCompany, "Again", "", ""}).status().code(),
            StatusCode::kAlreadyExists);
}

TEST_P(DirectoryAdminTest, InheritOnPersonsTakeAndFollowTheCompanyEmail) {
  const std::string inheriting = AddContactOrDie("Inherits", domain::ContactType::kPerson, "", adatum_);
  EXPECT_EQ(EmailOf(inheriting), "info@adatum.example");
  ASSERT_TRUE(SetContactEmail(*db_, adatum_, "hello@adatum.example").ok());
  EXPECT_EQ(EmailOf(adatum_), "hello@adatum.example");
  EXPECT_EQ(EmailOf(inheriting), "hello@adatum.example") << "had the old value: pushed";
  EXPECT_EQ(EmailOf(ann_), "ann.smith@adatum.example") << "own email: kept";
}

TEST_P(DirectoryAdminTest, InheritOffPersonsKeepTheirOwn) {
  Set("inherit-communication-details", "false");
  const std::string person = AddContactOrDie("Own", domain::ContactType::kPerson, "", adatum_);
  EXPECT_EQ(EmailOf(person), "");
  Set("inherit-communication-details", "true");
  const std::string inheriting = AddContactOrDie("Inherits", domain::ContactType::kPerson, "", adatum_);
  Set("inherit-communication-details", "false");
  ASSERT_TRUE(SetContactEmail(*db_, adatum_, "hello@adatum.example").ok());
  EXPECT_EQ(EmailOf(inheriting), "info@adatum.example") << "no push while off";
}

// A person whose no sorts before the company's shares the company address while
// inheriting, and so takes the company's mail (first by no); with the option off
// the company keeps it.
TEST_P(DirectoryAdminTest, InheritingPersonStealsCompanyMailOnlyWhileOn) {
  for (bool inherit : {true, false}) {
    SCOPED_TRACE(inherit);
    Set("inherit-communication-details", inherit ? "true" : "false");
    const std::string person = inherit ? "A-ON" : "A-OFF";
    ASSERT_TRUE(AddContact(*db_, {person, domain::ContactType::kPerson, "Early", "", adatum_}).ok());
    testing::TestMessage message = Outbound(person + "@cronus.example");
    message.to = "info@adatum.example";
    Deliver(message);
    PassOrDie();
    auto entries = Entries();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().contact_no, inherit ? person : adatum_);
    if (inherit) {
      ASSERT_TRUE(SetContactEmail(*db_, person, "").ok());  // out of the way for the next round
    }
  }
}

TEST_P(DirectoryAdminTest, AltAddressNeedsAContactAndAnEmail) {
  EXPECT_EQ(AddContactAltAddress(*db_, {"CT000404", "HOME", "a@b.example"}).code(), StatusCode::kNotFound);
  EXPECT_EQ(AddContactAltAddress(*db_, {ann_, "HOME", ""}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(AddContactAltAddress(*db_, {ann_, "home", "ann@home.example"}).ok());
  EXPECT_EQ(AddContactAltAddress(*db_, {ann_, "HOME", "other@home.example"}).code(), StatusCode::kAlreadyExists);
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, DirectoryAdminTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
