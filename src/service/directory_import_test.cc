#include "service/directory_import.h"

#include <gtest/gtest.h>

#include <map>

#include "service/directory_admin.h"
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
  std::map<std::string, domain::Contact> ContactsByName() {
    const auto contacts = db_->ListContacts();
    EXPECT_TRUE(contacts.ok());
    std::map<std::string, domain::Contact> by_name;
    for (const auto& contact : *contacts) by_name[contact.name] = contact;
    return by_name;
  }
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

TEST_P(DirectoryImportTest, CsvCompanyNamesAndOtherEmails) {
  const std::string csv =
      "Name,Email,Company Name,Other Emails\n"
      "Pat Person,pat@adatum.example,ADATUM,\"pat@home.example; pat@adatum.example\"\n"
      "Nia New,nia@tailspin.example,Tailspin Toys,\n"
      "Ned New,,tailspin toys,\n";
  auto report = ImportContactsCsv(*db_, csv, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->added, 4u) << "three persons and the company Tailspin Toys";
  std::map<std::string, domain::Contact> by_name = ContactsByName();
  EXPECT_EQ(by_name["Pat Person"].company_no, adatum_) << "an existing company, by name in any case";
  ASSERT_TRUE(by_name.contains("Tailspin Toys"));
  EXPECT_EQ(by_name["Tailspin Toys"].type, domain::ContactType::kCompany);
  EXPECT_EQ(by_name["Nia New"].company_no, by_name["Tailspin Toys"].no);
  EXPECT_EQ(by_name["Ned New"].company_no, by_name["Tailspin Toys"].no) << "added once";
  auto alt = db_->ListAltAddressesOf(by_name["Pat Person"].no);
  ASSERT_TRUE(alt.ok());
  ASSERT_EQ(alt->size(), 1u) << "the contact's own email is not an alt address";
  EXPECT_EQ((*alt)[0].code, "EMAIL2");
  EXPECT_EQ((*alt)[0].email, "pat@home.example");

  AddContactOrDie("Twin", domain::ContactType::kCompany, "");
  AddContactOrDie("twin", domain::ContactType::kCompany, "");
  EXPECT_EQ(ImportContactsCsv(*db_, "Name,Company Name\nTia,Twin\n", {}).status().message(),
            "Line 2, column \"Company Name\": 2 companies are named 'Twin'; give the Company No.");
}

// One file with a card of each version: 4.0 with KIND and PREF, 3.0 without FN,
// 2.1 in quoted-printable Latin-1.
constexpr char kCards[] =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Fabrikam\\, Inc.\r\nEMAIL:info@fabrikam.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo Smith\r\nN:Smith;Jo;;;\r\nORG:Fabrikam\\, Inc.;Sales\r\n"
    "EMAIL;TYPE=home:jo@home.example\r\nEMAIL;PREF=1:jo@fabrikam.exam\r\n ple\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Jung;Kim;;;\r\nORG:adatum\r\nEMAIL;TYPE=INTERNET:kim@adatum.example\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\r\n"
    "EMAIL;INTERNET;PREF:joerg@northwind.example\r\nORG:Northwind Traders\r\nEND:VCARD\r\n";

TEST_P(DirectoryImportTest, VcardCardsBecomeContacts) {
  ASSERT_TRUE(LooksLikeVcard(kCards));
  auto report = ImportContactsVcard(*db_, kCards, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->added, 5u) << "four cards and the company Northwind Traders";
  std::map<std::string, domain::Contact> by_name = ContactsByName();
  const domain::Contact fabrikam = by_name["Fabrikam, Inc."];
  EXPECT_EQ(fabrikam.type, domain::ContactType::kCompany);
  EXPECT_EQ(fabrikam.email, "info@fabrikam.example");
  const domain::Contact jo = by_name["Jo Smith"];
  EXPECT_EQ(jo.type, domain::ContactType::kPerson);
  EXPECT_EQ(jo.email, "jo@fabrikam.example") << "PREF=1 first; the folded line joined";
  EXPECT_EQ(jo.company_no, fabrikam.no) << "the company of the same file";
  auto alt = db_->ListAltAddressesOf(jo.no);
  ASSERT_TRUE(alt.ok() && alt->size() == 1u);
  EXPECT_EQ((*alt)[0].email, "jo@home.example");
  EXPECT_EQ(by_name["Kim Jung"].company_no, adatum_) << "N's given and family names; ORG matched by name";
  const domain::Contact joerg = by_name["Jörg Müller"];
  EXPECT_EQ(joerg.email, "joerg@northwind.example");
  ASSERT_TRUE(by_name.contains("Northwind Traders"));
  EXPECT_EQ(joerg.company_no, by_name["Northwind Traders"].no) << "a company added for the ORG";
}

TEST_P(DirectoryImportTest, VcardErrorsNameTheCardAndRollBack) {
  const std::size_t before = ContactCount();
  const std::string cards =
      "BEGIN:VCARD\nFN:Fine\nEMAIL:fine@x.example\nEND:VCARD\n"
      "BEGIN:VCARD\nKIND:group\nFN:The Team\nEND:VCARD\n"
      "BEGIN:VCARD\nFN:Broken Address\nEMAIL:not-an-address\nEND:VCARD\n"
      "BEGIN:VCARD\nEMAIL:nameless@x.example\nEND:VCARD\n";
  EXPECT_EQ(ImportContactsVcard(*db_, cards, {}).status().message(),
            "Line 5, property \"KIND\": 'group' is neither company nor person.\n"
            "Line 9: 'not-an-address' is not an email address.\n"
            "Line 13: A contact name is required.");
  EXPECT_EQ(ContactCount(), before);
  EXPECT_EQ(ImportContactsVcard(*db_, "BEGIN:VCARD\nFN:Open\n", {}).status().message(),
            "Line 1: the vCard begun here has no END:VCARD.");
  EXPECT_EQ(ImportContactsVcard(*db_, "\r\n", {}).status().message(),
            "The file has no vCard (BEGIN:VCARD ... END:VCARD).");
  EXPECT_FALSE(LooksLikeVcard("Name,Email\n"));
  EXPECT_TRUE(LooksLikeVcard("\xEF\xBB\xBF\r\nbegin:vcard\n"));
}

TEST_P(DirectoryImportTest, VcardOfAnExistingContactIsRefusedUnlessUpdating) {
  ASSERT_TRUE(SetContactDoNotLog(*db_, ann_, true).ok());
  const std::string card =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith-Jones\nEMAIL;TYPE=pref:ANN.SMITH@adatum.example\n"
      "EMAIL:ann@home.example\nEND:VCARD\n";
  EXPECT_EQ(ImportContactsVcard(*db_, card, {}).status().message(),
            "Line 1, property \"EMAIL\": contact 'CT000002' exists already (import with --update to overwrite it).");
  auto report = ImportContactsVcard(*db_, card, {.update = true});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->updated, 1u);
  EXPECT_EQ(report->added, 0u);
  const auto ann = Contact(ann_);
  EXPECT_EQ(ann->name, "Ann Smith-Jones");
  EXPECT_EQ(ann->type, domain::ContactType::kPerson) << "no KIND: the type stays";
  EXPECT_TRUE(ann->do_not_log) << "vCard has no do-not-log mark: it stays";
  EXPECT_EQ(db_->ListAltAddressesOf(ann_)->size(), 1u);
  ASSERT_TRUE(ImportContactsVcard(*db_, card, {.update = true}).ok());
  EXPECT_EQ(db_->ListAltAddressesOf(ann_)->size(), 1u) << "an alt address the contact has is not added again";
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, DirectoryImportTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
