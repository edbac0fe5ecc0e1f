#include "service/interactions.h"

#include <gtest/gtest.h>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

using domain::InformationFlow;
using domain::InitiatedBy;
using domain::InteractionLogEntry;

constexpr domain::UnixTime kNow = 1767229265;  // 2026-01-01 01:01:05 UTC

// The fixture's directory (salespersons JO and AH, company Adatum and its person
// Ann) and group SALES with template MEETING (inbound, by them, cost 12.5 and 30
// minutes) and template NOTE (neither direction nor initiator, no description).
class InteractionsTest : public EveryDatabaseFixture {
 protected:
  void SetUp() override {
    EveryDatabaseFixture::SetUp();
    ASSERT_EQ(AddInteractionGroup(*db_, {"sales", "Sales"})->code, "SALES");
    ASSERT_TRUE(AddInteractionTemplate(*db_, {.code = "meeting",
                                              .group_code = "sales",
                                              .description = "Meeting",
                                              .unit_cost = 12.5,
                                              .unit_duration_min = 30,
                                              .information_flow = InformationFlow::kInbound,
                                              .initiated_by = InitiatedBy::kThem})
                    ->code == "MEETING");
    ASSERT_TRUE(AddInteractionTemplate(*db_, {.code = "NOTE", .group_code = "SALES"}).ok());
  }

  InteractionRequest Meeting() const {
    return {.template_code = "MEETING", .contact_no = ann_, .salesperson_code = "JO"};
  }

  Result<InteractionLogEntry> Create(const InteractionRequest& request) {
    return CreateInteraction(*db_, request, kNow);
  }

  // What creating `request` fails with.
  Status Refusal(const InteractionRequest& request) {
    const Status status = Create(request).status();
    EXPECT_FALSE(status.ok());
    return status;
  }
};

INSTANTIATE_TEST_SUITE_P(EveryDatabase, InteractionsTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

TEST_P(InteractionsTest, GroupsAndTemplatesAreUpperCasedAndChecked) {
  auto templates = db_->ListTemplates();
  ASSERT_TRUE(templates.ok());
  ASSERT_EQ(templates->size(), 3u);
  EXPECT_EQ((*templates)[1].code, "MEETING");
  EXPECT_EQ((*templates)[1].group_code, "SALES");
  EXPECT_EQ(AddInteractionGroup(*db_, {"", "None"}).status().message(), "A group code is required.");
  EXPECT_EQ(AddInteractionGroup(*db_, {"ABCDEFGHIJK", ""}).status().message(),
            "The group code 'ABCDEFGHIJK' is longer than 10 characters.");
  EXPECT_EQ(AddInteractionGroup(*db_, {"Sales", ""}).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(AddInteractionTemplate(*db_, {.group_code = "SALES"}).status().message(), "A template code is required.");
  EXPECT_EQ(AddInteractionTemplate(*db_, {.code = "CALL"}).status().message(), "An interaction group is required.");
  EXPECT_EQ(AddInteractionTemplate(*db_, {.code = "CALL", .group_code = "PHONE"}).status().message(),
            "Interaction group 'PHONE' does not exist.");
  const domain::InteractionTemplate call{.code = "CALL", .group_code = "SALES"};
  domain::InteractionTemplate costly = call;
  costly.unit_cost = -1;
  EXPECT_EQ(AddInteractionTemplate(*db_, costly).status().message(), "The unit cost cannot be negative.");
  domain::InteractionTemplate lengthy = call;
  lengthy.unit_duration_min = -1;
  EXPECT_EQ(AddInteractionTemplate(*db_, lengthy).status().message(), "The unit duration cannot be negative.");
}

TEST_P(InteractionsTest, AnInteractionTakesWhatItsTemplateGivesAndIsAnEntry) {
  auto created = Create(Meeting());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_GT(created->entry_no, 0);
  EXPECT_EQ(created->contact_company_no, adatum_);
  EXPECT_EQ(created->interaction_group_code, "SALES");
  EXPECT_EQ(created->description, "Meeting");
  EXPECT_EQ(created->information_flow, InformationFlow::kInbound);
  EXPECT_EQ(created->initiated_by, InitiatedBy::kThem);
  EXPECT_EQ(created->cost, 12.5);
  EXPECT_EQ(created->duration_min, 30);
  EXPECT_EQ(created->date + " " + created->time, "2026-01-01 01:01:05");
  EXPECT_FALSE(created->email_logged);

  InteractionRequest outbound = Meeting();
  outbound.description = "Visit at Adatum";
  outbound.information_flow = InformationFlow::kOutbound;
  outbound.initiated_by = InitiatedBy::kUs;
  ASSERT_TRUE(Create(outbound).ok());
  const std::vector<InteractionLogEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entry_no, created->entry_no);
  EXPECT_EQ(entries[1].subject, "Visit at Adatum");
  EXPECT_EQ(entries[1].information_flow, InformationFlow::kOutbound);
  EXPECT_EQ(entries[1].initiated_by, InitiatedBy::kUs);

  // Show has no message to show.
  const Status shown = Show(created->entry_no, [](std::string_view) {});
  EXPECT_EQ(shown.code(), StatusCode::kNotFound);
  EXPECT_EQ(shown.message(), kMessageGone);
}

TEST_P(InteractionsTest, WhatIsMissingOrUnknownIsNamed) {
  InteractionRequest request = Meeting();
  request.template_code = "";
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Interaction Template Code field.");
  request = Meeting();
  request.contact_no = "";
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Contact No. field.");
  request = Meeting();
  request.salesperson_code = "";
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Salesperson Code field.");
  request = Meeting();
  request.template_code = "VISIT";
  EXPECT_EQ(Refusal(request).message(), "The interaction template 'VISIT' does not exist.");
  EXPECT_EQ(Refusal(request).code(), StatusCode::kNotFound);
  request = Meeting();
  request.contact_no = "CT000404";
  EXPECT_EQ(Refusal(request).message(), "Contact 'CT000404' does not exist.");
  request = Meeting();
  request.salesperson_code = "ZZ";
  EXPECT_EQ(Refusal(request).message(), "Salesperson 'ZZ' does not exist.");
  request = Meeting();
  request.description = std::string(101, 'x');
  EXPECT_EQ(Refusal(request).message(), "The description is longer than 100 characters.");

  request = Meeting();
  request.template_code = "NOTE";
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Description field.");
  request.description = "Note";
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Information Flow field.");
  request.information_flow = InformationFlow::kOutbound;
  EXPECT_EQ(Refusal(request).message(), "You must fill in the Initiated By field.");
  request.initiated_by = InitiatedBy::kUs;
  EXPECT_TRUE(Create(request).ok());
  EXPECT_EQ(Entries().size(), 1u) << "nothing recorded by a refused request";
}

TEST_P(InteractionsTest, AFileIsKeptWithItsNameAndType) {
  InteractionRequest request = Meeting();
  const std::string bytes("%PDF\0\xff", 6);
  request.file = domain::InteractionFile{"C:\\Users\\ann\\Offer 1.PDF", "Application/PDF", bytes};
  auto created = Create(request);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->file_name, "Offer 1.PDF");
  auto stored = db_->GetEntryFile(created->entry_no);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->name, "Offer 1.PDF");
  EXPECT_EQ((*stored)->type, "application/pdf");
  EXPECT_EQ((*stored)->content, bytes);

  request.file = domain::InteractionFile{"notes", "", "text"};
  ASSERT_TRUE(Create(request).ok());
  EXPECT_EQ((*db_->GetEntryFile(Entries().back().entry_no))->type, "application/octet-stream");

  for (const auto& [file, message] : std::vector<std::pair<domain::InteractionFile, std::string>>{
           {{"", "text/plain", "x"}, "The file has no name."},
           {{"folder/", "text/plain", "x"}, "The file has no name."},
           {{std::string(256, 'n'), "text/plain", "x"}, "The file name is longer than 255 bytes."},
           {{"a.txt", "text", "x"}, "The file type 'text' is not a media type such as application/pdf."},
           {{"a.txt", "text/plain; charset=utf-8", "x"},
            "The file type 'text/plain; charset=utf-8' is not a media type such as application/pdf."},
       }) {
    request.file = file;
    EXPECT_EQ(Refusal(request).message(), message);
  }
}

// The setup key max-file-size bounds a file: 10 MiB unless set otherwise.
TEST_P(InteractionsTest, AFileLargerThanTheSetupAllowsIsRefused) {
  auto setup = db_->LoadSetup();
  ASSERT_TRUE(setup.ok());
  EXPECT_EQ(setup->max_file_size, 10 * 1024 * 1024);
  for (const char* bad : {"0", "-1", "lots", "4 bytes"}) {
    const Status status = SetSetupValue(*db_, "max-file-size", bad);
    EXPECT_EQ(status.message(), "Invalid value '" + std::string(bad) +
                                    "' for max-file-size (expected a whole number of bytes, at least 1).");
  }
  Set("max-file-size", "4");
  InteractionRequest request = Meeting();
  request.file = domain::InteractionFile{"big.bin", "", "12345"};
  const Status refused = Refusal(request);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), "The file has 5 bytes; a file may have at most 4 (setup key max-file-size).");
  request.file->content = "1234";
  EXPECT_TRUE(Create(request).ok());
  EXPECT_EQ(Entries().size(), 1u);
}

TEST_P(InteractionsTest, APostponedInteractionIsResumedWithWhatChanged) {
  InteractionRequest request = Meeting();
  request.postpone = true;
  request.file = domain::InteractionFile{"agenda.txt", "text/plain", "1. Prices"};
  auto postponed = Create(request);
  ASSERT_TRUE(postponed.ok()) << postponed.status().ToString();
  EXPECT_TRUE(postponed->postponed);
  EXPECT_TRUE(Entries().empty());

  // A refused change leaves it postponed as it was.
  EXPECT_EQ(ResumeInteraction(*db_, postponed->entry_no, {.salesperson_code = "ZZ"}).status().message(),
            "Salesperson 'ZZ' does not exist.");
  // Saved again, still postponed.
  auto saved = ResumeInteraction(*db_, postponed->entry_no, {.description = "Meeting, part 1", .postpone = true});
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(saved->postponed);
  EXPECT_TRUE(Entries().empty());

  auto resumed = ResumeInteraction(*db_, postponed->entry_no, {.salesperson_code = "AH"});
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  const std::vector<InteractionLogEntry> entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entry_no, postponed->entry_no);
  EXPECT_EQ(entries[0].salesperson_code, "AH");
  EXPECT_EQ(entries[0].description, "Meeting, part 1");
  EXPECT_EQ(entries[0].contact_no, ann_);
  EXPECT_EQ(entries[0].date + " " + entries[0].time, "2026-01-01 01:01:05") << "the time it was created";
  EXPECT_EQ(entries[0].file_name, "agenda.txt");
  EXPECT_FALSE(entries[0].postponed);
  EXPECT_EQ((*db_->GetEntryFile(entries[0].entry_no))->content, "1. Prices");

  const Status again = ResumeInteraction(*db_, postponed->entry_no, {}).status();
  EXPECT_EQ(again.code(), StatusCode::kNotFound);
  EXPECT_EQ(again.message(), "Postponed interaction " + std::to_string(postponed->entry_no) + " does not exist.");
}

}  // namespace
}  // namespace mailtrail::service
