#include "service/entry_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/csv_reader.h"
#include "service/interactions.h"
#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

// The fixture's directory, and five meetings of Ann with JO, one with a comma
// and a quote in its description.
class EntryExportTest : public EveryDatabaseFixture {
 protected:
  void SetUp() override {
    EveryDatabaseFixture::SetUp();
    ASSERT_TRUE(AddInteractionGroup(*db_, {"SALES", "Sales"}).ok());
    ASSERT_TRUE(AddInteractionTemplate(*db_, {.code = "MEETING", .group_code = "SALES", .description = "Meeting",
                                              .information_flow = domain::InformationFlow::kInbound,
                                              .initiated_by = domain::InitiatedBy::kThem})
                    .ok());
    for (int i = 0; i < 5; ++i) {
      auto entry = CreateInteraction(*db_,
                                     {.template_code = "MEETING", .contact_no = ann_, .salesperson_code = "JO",
                                      .description = i == 3 ? "Lunch, \"the usual\"" : "Meeting " + std::to_string(i)},
                                     1767229265);
      ASSERT_TRUE(entry.ok()) << entry.status().ToString();
    }
  }

  std::string Export(db::EntryFilter filter, ExportFormat format, std::size_t page_size) {
    std::string text;
    std::size_t pieces = 0;
    const Status status =
        ExportEntries(*db_, filter, format, [&](std::string_view piece) {
          text += piece;
          ++pieces;
        }, page_size);
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_TRUE(text == "[]\n" || pieces > 1) << "written in pieces";
    return text;
  }
};

TEST_P(EntryExportTest, EveryEntryWhateverThePageSize) {
  const std::string whole = Export({}, ExportFormat::kCsv, kExportPageSize);
  for (std::size_t page_size : {1u, 2u, 5u}) {
    EXPECT_EQ(Export({.limit = 1}, ExportFormat::kCsv, page_size), whole) << "limit ignored; pages of " << page_size;
  }
  auto records = ReadCsv(whole);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 6u);
  EXPECT_EQ((*records)[0].fields[0], "entry_no");
  EXPECT_NE(std::find((*records)[4].fields.begin(), (*records)[4].fields.end(), "Lunch, \"the usual\""),
            (*records)[4].fields.end());

  const nlohmann::json json = nlohmann::json::parse(Export({}, ExportFormat::kJson, 2));
  ASSERT_EQ(json.size(), 5u);
  EXPECT_EQ(json[3]["description"], "Lunch, \"the usual\"");
  EXPECT_EQ(Export({.salesperson_code = "AH"}, ExportFormat::kJson, 2), "[]\n") << "the list's filters";
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, EntryExportTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
