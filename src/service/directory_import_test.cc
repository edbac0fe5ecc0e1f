#include "service/directory_import.h"

#include <gtest/gtest.h>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

class DirectoryImportTest : public EveryDatabaseFixture {
 protected:
  std::optional<domain::Contact> Contact(const std::string& no) {
    auto contact = db_->FindContact(no);
    EXPECT_TRUE(contact.ok());
    return contact.ok() ? *contact : std::nullopt;
  }
  std::size_t SalespersonCount() { return db_->ListSalespersons()->size(); }
  std::size_t ContactCount() { return db_->ListContacts()->size(); }
};

TEST_P(DirectoryImportTest, SalespersonsByCaptionInAnyOrder) {
  const std::string csv =
      "\xEF\xBB\xBF" "E-Mail,Ignored,code,Name\r\n"
      "robin@cronus.example,x,rl,\"Lee, Robin\"\r\n"
      ",,ps,Peter Saddow\r\n";
  auto report = ImportSalespersonsCsv(*db_, csv, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->added, 2u);
  auto robin = db_->FindSalesperson("RL");
  ASSERT_TRUE(robin.ok() && robin->has_value());
  EXPECT_EQ((*robin)->name, "Lee, Robin");
  EXPECT_EQ((*robin)->email, "robin@cronus.example");
  EXPECT_TRUE(db_->FindSalesperson("PS")->has_value());
}

TEST_P(DirectoryImportTest, ABadRowAddsNothingAndEveryErrorIsNamed) {
  const std::size_t before = SalespersonCount();
  const std::string csv =
      "Code,Name,Email\n"
      "NEW1,New One,new1@cronus.example\n"
      "NEW2,,new2@cronus.example\n"
      "NEW3,New Three,not-an-address\n"
      "NEW1,Again,\n";
  auto report = ImportSalespersonsCsv(*db_, csv, {});
  ASSERT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.status().message(),
            "Line 3: A salesperson name is required.\n"
            "Line 4: 'not-an-address' is not an email address.\n"
            "Line 5, column \"Code\": 'NEW1' is in the file twice.");
  EXPECT_EQ(SalespersonCount(), before) << "all or nothing";
  EXPECT_FALSE(db_->FindSalesperson("NEW1")->has_value());
}

TEST_P(DirectoryImportTest, ExistingCodesAreRefusedUnlessUpdating) {
  const std::string csv = "Code,Name,Email\nJO,Jim Olivo Jr,jim@cronus.example\nNEW,New,\n";
  auto refused = ImportSalespersonsCsv(*db_, csv, {});
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "Line 2, column \"Code\": salesperson 'JO' exists already (import with --update to overwrite it).");
  EXPECT_FALSE(db_->FindSalesperson("NEW")->has_value());

  auto updated = ImportSalespersonsCsv(*db_, csv, {.update = true});
  ASSERT_TRUE(updated.ok()) << updated.status().message();
  EXPECT_EQ(updated->added, 1u);
  EXPECT_EQ(updated->updated, 1u);
  EXPECT_EQ((*db_->FindSalesperson("JO"))->email, "jim@cronus.example");
}

TEST_P(DirectoryImportTest, MissingColumnsAndBrokenCsvAreNamed) {
  EXPECT_EQ(ImportSalespersonsCsv(*db_, "Email\nx@y.example\n", {}).status().message(),
            "Line 1: the header line lacks the column(s) \"Code\", \"Name\".");
  EXPECT_EQ(ImportSalespersonsCsv(*db_, "", {}).status().message(),
            "The file is empty: it needs a header line naming its columns.");
  EXPECT_EQ(ImportSalespersonsCsv(*db_, "Code,Name\nA,\"B\"x\n", {}).status().message(),
            "Line 2: text after the closing quote of a field (a quote inside a quoted field is written twice).");
  EXPECT_EQ(ImportSalespersonsCsv(*db_, "Code,Name\nA,B,C\n", {}).status().message(),
            "Line 2: it has 3 fields, the header line 2 (a value with a comma must be in double quotes).");
  EXPECT_EQ(ImportSalespersonsCsv(*db_, "Code,Name\nA,M\xFCller\n", {}).status().message(),
            "Line 2: the text is not UTF-8; save the file as \"CSV UTF-8\".");
}

TEST_P(DirectoryImportTest, ContactsCompaniesFirstPersonsInherit) {
  const std::string csv =
      "No.;Name;E-Mail;Company No.;Type;Do Not Log\r\n"
      "P-1;Paula Person;;FAB;;\r\n"  // a person of a company further down
      "FAB;Fabrikam;info@fabrikam.example;;Company;\r\n"
      ";Unnumbered Ltd;hello@unnumbered.example;;;yes\r\n"
      "P-2;Own Address;\"p2@fabrikam.example\";FAB;person;no\r\n";
  auto report = ImportContactsCsv(*db_, csv, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->added, 4u);
  auto paula = Contact("P-1");
  ASSERT_TRUE(paula);
  EXPECT_EQ(paula->type, domain::ContactType::kPerson);
  EXPECT_EQ(paula->company_no, "FAB");
  EXPECT_EQ(paula->email, "info@fabrikam.example") << "inherited from the company";
  EXPECT_EQ(Contact("P-2")->email, "p2@fabrikam.example");
  auto unnumbered = Contact("CT000003");
  ASSERT_TRUE(unnumbered) << "the next of the series";
  EXPECT_EQ(unnumbered->name, "Unnumbered Ltd");
  EXPECT_TRUE(unnumbered->do_not_log);
}

TEST_P(DirectoryImportTest, ContactErrorsRollBackTheFile) {
  const std::size_t before = ContactCount();
  const std::string csv =
      "No,Name,Type,Company No,Do Not Log\n"
      "C1,Good Company,company,,\n"
      "C2,Person Of Nobody,person,NOPE,\n"
      "C3,Odd,robot,,\n"
      "C4,Unsure,,,maybe\n"
      "C5,Person Of A Person,,CT000002,\n";
  auto report = ImportContactsCsv(*db_, csv, {});
  ASSERT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.status().message(),
            "Line 4, column \"Type\": 'robot' is neither company nor person.\n"
            "Line 5, column \"Do Not Log\": the value is yes or no.\n"
            "Line 3: Contact 'NOPE' does not exist.\n"
            "Line 6: Contact 'CT000002' is not a company.");
  EXPECT_EQ(ContactCount(), before);
}

TEST_P(DirectoryImportTest, ContactUpdatePushesACompanyEmailAndKeepsTheType) {
  const std::string inheriting = AddContactOrDie("Inherits", domain::ContactType::kPerson, "", adatum_);
  const std::string csv = "No,Name,Email\n" + adatum_ + ",Adatum Corporation,hello@adatum.example\n";
  EXPECT_EQ(ImportContactsCsv(*db_, csv, {}).status().message(),
            "Line 2, column \"No\": contact 'CT000001' exists already (import with --update to overwrite it).");
  auto report = ImportContactsCsv(*db_, csv, {.update = true});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->updated, 1u);
  EXPECT_EQ(Contact(adatum_)->name, "Adatum Corporation");
  EXPECT_EQ(Contact(inheriting)->email, "hello@adatum.example") << "pushed as contact set does";
  EXPECT_EQ(Contact(ann_)->type, domain::ContactType::kPerson);
  auto retype = ImportContactsCsv(*db_, "No,Name,Type\n" + ann_ + ",Ann,company\n", {.update = true});
  EXPECT_EQ(retype.status().message(), "Line 2: Contact 'CT000002' is a person; its type cannot change.");
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, DirectoryImportTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
