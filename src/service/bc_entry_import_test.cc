#include "service/bc_entry_import.h"

#include <gtest/gtest.h>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

TEST(SpreadsheetValuesTest, Dates) {
  const SpreadsheetLocale us, european{.day_first = true};
  const std::vector<std::tuple<std::string, SpreadsheetLocale, std::optional<std::string>>> cases = {
      {"2025-01-31", us, "2025-01-31"},
      {"2025/1/31", us, "2025-01-31"},
      {"1/31/2025", us, "2025-01-31"},
      {"31/01/2025", european, "2025-01-31"},
      {"31/01/2025", us, std::nullopt},
      {"31.1.2025", us, "2025-01-31"},
      {"1/31/25", us, "2025-01-31"},
      {"1/31/2025 12:00:00 AM", us, "2025-01-31"},
      {"2025-01-31T10:00:00", us, "2025-01-31"},
      {"2/29/2024", us, "2024-02-29"},
      {"2/29/2025", us, std::nullopt},
      {"2025-13-01", us, std::nullopt},
      {"31-01-2025", us, std::nullopt},
      {"", us, std::nullopt},
      {"yesterday", us, std::nullopt},
      {"1/2", us, std::nullopt},
      {"-1/2/2025", us, std::nullopt},
      {"1/2/202", us, std::nullopt},
  };
  for (const auto& [text, locale, expected] : cases) {
    EXPECT_EQ(ParseSpreadsheetDate(text, locale), expected) << text;
  }
}

TEST(SpreadsheetValuesTest, Times) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"", "00:00:00"},           {"14:35", "14:35:00"},      {"14:35:07", "14:35:07"},
      {"9:05:07.250", "09:05:07"}, {"2:35 PM", "14:35:00"},   {"12:10 am", "00:10:00"},
      {"12:10:00 PM", "12:10:00"}, {"24:00", std::nullopt},   {"13:00 PM", std::nullopt},
      {"14:5", std::nullopt},      {"14", std::nullopt},      {"noon", std::nullopt},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(ParseSpreadsheetTime(text), expected) << text;
}

TEST(SpreadsheetValuesTest, Numbers) {
  const std::vector<std::pair<std::string, std::optional<double>>> cases = {
      {"", 0.0},          {"12.5", 12.5},      {"-3", -3.0},           {"1,234.50", 1234.5},
      {"12,5", 12.5},     {"1.234,50", 1234.5}, {"1,234", 1234.0},     {"0,125", 125.0},
      {"1.234", 1.234},   {"12 EUR", std::nullopt}, {"-", std::nullopt}, {"1-2", std::nullopt},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(ParseSpreadsheetNumber(text), expected) << text;
}

class BcEntryImportTest : public EveryDatabaseFixture {
 protected:
  std::vector<domain::InteractionLogEntry> Entries() {
    auto entries = db_->ListEntries({});
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<domain::InteractionLogEntry>{};
  }
};

// The columns of Business Central's export, in its order, with one it has and
// mailtrail does not read.
const std::string kExport =
    "\xEF\xBB\xBF"
    "Entry No.,Date,Time of Interaction,Contact No.,Contact Company No.,Salesperson Code,"
    "Interaction Template Code,Interaction Group Code,Description,Subject,Information Flow,Initiated By,"
    "Cost (LCY),Duration (Min.),Evaluation,Canceled,Attempt Failed,E-Mail Logged\r\n"
    "101,1/31/2025,2:35:00 PM,CT000002,CT000001,jo,MEETING,SALES,\"Visit, with coffee\",,Outbound,Us,"
    "\"1,234.50\",90,Very Positive,No,No,No\r\n"
    "102,2/3/2025,09:10:00,CT000001,,AH,EMAIL,SYSTEM,Re: offer,Re: offer (full subject),Inbound,,"
    "0,0,,Yes,No,Yes\r\n";

TEST_P(BcEntryImportTest, EntriesKeepTheirData) {
  auto report = ImportBusinessCentralEntries(*db_, kExport, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->imported, 2u);
  const auto entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  const domain::InteractionLogEntry& visit = entries[0];
  EXPECT_EQ(visit.contact_no, ann_);
  EXPECT_EQ(visit.contact_company_no, adatum_);
  EXPECT_EQ(visit.salesperson_code, "JO");
  EXPECT_EQ(visit.interaction_template_code, "MEETING");
  EXPECT_EQ(visit.interaction_group_code, "SALES");
  EXPECT_EQ(visit.date, "2025-01-31");
  EXPECT_EQ(visit.time, "14:35:00");
  EXPECT_EQ(visit.description, "Visit, with coffee");
  EXPECT_EQ(visit.subject, "Visit, with coffee");
  EXPECT_EQ(visit.information_flow, domain::InformationFlow::kOutbound);
  EXPECT_EQ(visit.initiated_by, domain::InitiatedBy::kUs);
  EXPECT_EQ(visit.cost, 1234.5);
  EXPECT_EQ(visit.duration_min, 90);
  EXPECT_EQ(visit.evaluation, domain::Evaluation::kVeryPositive);
  EXPECT_FALSE(visit.canceled);
  EXPECT_FALSE(visit.email_logged);
  EXPECT_EQ(visit.attachment_no, 0) << "no stored message";
  const domain::InteractionLogEntry& mail = entries[1];
  EXPECT_EQ(mail.contact_company_no, adatum_) << "the contact's company when the cell is empty";
  EXPECT_EQ(mail.subject, "Re: offer (full subject)");
  EXPECT_EQ(mail.information_flow, domain::InformationFlow::kInbound);
  EXPECT_EQ(mail.initiated_by, domain::InitiatedBy::kThem) << "follows the flow";
  EXPECT_TRUE(mail.canceled);
  EXPECT_TRUE(mail.email_logged);
}

TEST_P(BcEntryImportTest, ImportingTwiceAddsOnlyWhatIsNew) {
  ASSERT_TRUE(ImportBusinessCentralEntries(*db_, kExport, {}).ok());
  const std::string more = kExport + "103,2/4/2025,,CT000001,,,,,Call,,,Them,,,,,,\r\n";
  auto again = ImportBusinessCentralEntries(*db_, more, {});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->imported, 1u);
  EXPECT_EQ(again->already_imported, 2u);
  const auto entries = Entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].information_flow, domain::InformationFlow::kInbound) << "follows the initiator";
  EXPECT_EQ(entries[2].time, "00:00:00");
}

TEST_P(BcEntryImportTest, BadRowsAreNamedAndNothingIsImported) {
  const std::string csv =
      "Entry No.,Contact No.,Date,Salesperson Code,Information Flow,Cost (LCY),Canceled,Time of Interaction\n"
      "1,CT000001,2025-01-31,,,,,\n"
      "2,CT999999,2025-01-31,,,,,\n"
      "3,CT000001,31/01/2025,,,,,\n"
      "4,CT000001,2025-01-31,NOBODY,,,,\n"
      "5,CT000001,2025-01-31,,Sideways,,,\n"
      "6,CT000001,2025-01-31,,,12 EUR,,\n"
      "7,CT000001,2025-01-31,,,,Perhaps,\n"
      "8,CT000001,2025-01-31,,,,,25:00\n"
      "1,CT000001,2025-01-31,,,,,\n"
      ",CT000001,2025-01-31,,,,,\n";
  auto report = ImportBusinessCentralEntries(*db_, csv, {});
  ASSERT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.status().message(),
            "Line 3, column \"Contact No.\": contact 'CT999999' does not exist.\n"
            "Line 4, column \"Date\": '31/01/2025' is not a date (2025-01-31, 1/31/2025 or 31.01.2025).\n"
            "Line 5, column \"Salesperson Code\": salesperson 'NOBODY' does not exist.\n"
            "Line 6, column \"Information Flow\": the value is Inbound or Outbound.\n"
            "Line 7, column \"Cost (LCY)\": '12 EUR' is not a number.\n"
            "Line 8, column \"Canceled\": the value is Yes or No.\n"
            "Line 9, column \"Time of Interaction\": '25:00' is not a time (14:35, 14:35:07 or 2:35 PM).\n"
            "Line 10, column \"Entry No.\": entry 1 is in the file twice.\n"
            "Line 11, column \"Entry No.\": an entry no is required.");
  EXPECT_TRUE(Entries().empty());
  EXPECT_EQ(ImportBusinessCentralEntries(*db_, "Entry No.,Description\n1,x\n", {}).status().message(),
            "Line 1: the header line lacks the column(s) \"Contact No.\", \"Date\".");
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, BcEntryImportTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
