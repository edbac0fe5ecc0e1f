#include "domain/contact_rules.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

const Contact kCompany{"CT000001", ContactType::kCompany, "Adatum", "info@adatum.example", "CT000001"};

TEST(ContactRulesTest, PersonWithoutEmailInheritsCompanyEmailWhenOn) {
  Contact person{"CT000002", ContactType::kPerson, "Ann", "", "CT000001"};
  EXPECT_EQ(EmailForNewContact(person, &kCompany, true), "info@adatum.example");
  EXPECT_EQ(EmailForNewContact(person, &kCompany, false), "");
  EXPECT_EQ(EmailForNewContact(person, nullptr, true), "");
  person.email = "ann@adatum.example";
  EXPECT_EQ(EmailForNewContact(person, &kCompany, true), "ann@adatum.example");
}

TEST(ContactRulesTest, CompanyEmailChangeIsPushedOnlyWhenOn) {
  EXPECT_EQ(EmailToReplaceOnPersons(kCompany, true), "info@adatum.example");
  EXPECT_EQ(EmailToReplaceOnPersons(kCompany, false), std::nullopt);
  Contact person{"CT000002", ContactType::kPerson, "Ann", "ann@adatum.example", "CT000001"};
  EXPECT_EQ(EmailToReplaceOnPersons(person, true), std::nullopt);
}

}  // namespace
}  // namespace mailtrail::domain
