// Links that do not break: Show and `links check` find a stored message again
// by its Message-ID after the storage folder changed or the message moved, on
// every kind of mail store and database; and Show waits for a message an IMAP
// replica has not received yet.
#include "service/links.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "service/logging_fixture.h"
#include "service/show.h"

namespace mailtrail::service {
namespace {

using std::chrono::milliseconds;

class LinksTest : public LoggingFixture, public ::testing::WithParamInterface<StoreAndDatabase> {
 protected:
  const mailstore::BackendKind& Kind() const override { return std::get<0>(GetParam()); }
  const testing::DatabaseKind& Database() const override { return std::get<1>(GetParam()); }

  // Show, with a pause that must never be needed: nothing here waits for a replica.
  Result<std::string> ShowText(std::int64_t entry_no) {
    std::string shown;
    const ShowOptions options{.open_mail_store = Opener(),
                              .sync_wait = milliseconds(5000),
                              .pause = [](milliseconds) { ADD_FAILURE() << "Show waited for a local message"; }};
    MT_RETURN_IF_ERROR(
        ReadEntryMessage(*db_, entry_no, [&shown](std::string_view chunk) { shown.append(chunk); }, options));
    return shown;
  }

  domain::StoredLocation LocationOf(std::int64_t entry_no) {
    const auto entry = db_->GetEntry(entry_no);
    EXPECT_TRUE(entry.ok() && entry->has_value());
    const auto attachment = db_->GetAttachment((*entry)->attachment_no);
    EXPECT_TRUE(attachment.ok() && attachment->has_value());
    return (*attachment)->location;
  }

  LinkCheckSummary Check(bool repair) {
    auto summary = CheckLinks(*db_, {.repair = repair, .open_mail_store = Opener()});
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : LinkCheckSummary{};
  }

  // Logs one message per id into Storage; returns their entry nos in order.
  std::vector<std::int64_t> Log(const std::vector<std::string>& message_ids) {
    for (const std::string& id : message_ids) Deliver(Outbound(id));
    PassOrDie();
    std::vector<std::int64_t> entry_nos;
    for (const auto& entry : Entries()) entry_nos.push_back(entry.entry_no);
    EXPECT_EQ(entry_nos.size(), message_ids.size());
    return entry_nos;
  }

  // The storage folder moves to Archive, as an administrator moves it: the
  // folder is made, the setup changed and the messages `moved` put there.
  void MoveStorageToArchive(const std::vector<std::string>& moved) {
    ASSERT_TRUE(backend().store().CreateFolder("Archive").ok());
    backend().RemoveAll("Storage");
    for (const std::string& id : moved) Deliver(Outbound(id), "Archive");
    Set("storage-folder", "Archive");
  }
};

TEST_P(LinksTest, ShowFindsTheMessageInTheNewStorageFolderAndRepairsTheLink) {
  const std::vector<std::int64_t> entries = Log({"m1@cronus.example"});
  ASSERT_EQ(LocationOf(entries[0]).folder, "Storage");
  MoveStorageToArchive({"m1@cronus.example"});

  const Result<std::string> shown = ShowText(entries[0]);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(*shown, Served(Outbound("m1@cronus.example")));
  EXPECT_EQ(LocationOf(entries[0]).folder, "Archive") << "the link is re-pointed";
  EXPECT_TRUE(Check(false).broken.empty());
  EXPECT_EQ(*ShowText(entries[0]), *shown);
}

TEST_P(LinksTest, AMessageMovedOutAndBackIntoTheFolderTheLinkNamesIsFoundThere) {
  const std::vector<std::int64_t> entries = Log({"m1@cronus.example"});
  // The setup now names another storage folder, but this message stayed in the
  // old one, where a user moved it out and back (a new file name, a new UID).
  ASSERT_TRUE(backend().store().CreateFolder("Archive").ok());
  Set("storage-folder", "Archive");
  backend().RemoveAll("Storage");
  Deliver(Outbound("m1@cronus.example"), "Storage");

  const Result<std::string> shown = ShowText(entries[0]);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(*shown, Served(Outbound("m1@cronus.example")));
  EXPECT_EQ(LocationOf(entries[0]).folder, "Storage");
  EXPECT_TRUE(Check(false).broken.empty());
}

TEST_P(LinksTest, AMessageWithoutMessageIdIsFoundByItsContentHash) {
  const std::vector<std::int64_t> entries = Log({""});
  MoveStorageToArchive({""});
  const Result<std::string> shown = ShowText(entries[0]);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(*shown, Served(Outbound("")));
  EXPECT_EQ(LocationOf(entries[0]).folder, "Archive");
}

TEST_P(LinksTest, LinksCheckListsTheBrokenLinksAndRepairsThoseFound) {
  const std::vector<std::int64_t> entries = Log({"m1@cronus.example", "m2@cronus.example", "m3@cronus.example"});
  const domain::StoredLocation m3_was = LocationOf(entries[2]);
  MoveStorageToArchive({"m1@cronus.example", "m3@cronus.example"});  // m2 is lost

  const LinkCheckSummary report = Check(false);
  EXPECT_EQ(report.checked, 3);
  ASSERT_EQ(report.broken.size(), 3u);
  EXPECT_EQ(report.found(), 2);
  EXPECT_EQ(report.repaired(), 0);
  EXPECT_EQ(report.remaining(), 3);
  const BrokenLink& m3 = report.broken[2];
  EXPECT_EQ(m3.attachment.message_id, "m3@cronus.example");
  EXPECT_EQ(m3.entry_nos, std::vector<std::int64_t>{entries[2]});
  EXPECT_EQ(m3.attachment.location, m3_was);
  ASSERT_TRUE(m3.found_at.has_value());
  EXPECT_EQ(m3.found_at->folder, "Archive");
  EXPECT_FALSE(report.broken[1].found_at.has_value());
  EXPECT_EQ(LocationOf(entries[0]).folder, "Storage") << "a check alone changes nothing";

  const LinkCheckSummary repair = Check(true);
  EXPECT_EQ(repair.repaired(), 2);
  EXPECT_EQ(repair.remaining(), 1);
  EXPECT_EQ(LocationOf(entries[0]).folder, "Archive");
  EXPECT_EQ(LocationOf(entries[2]), *m3.found_at);

  const LinkCheckSummary after = Check(true);
  ASSERT_EQ(after.broken.size(), 1u);
  EXPECT_EQ(after.broken[0].attachment.message_id, "m2@cronus.example");
  EXPECT_EQ(after.remaining(), 1);
  EXPECT_EQ(ShowText(entries[1]).status().message(), kMessageGone);
  EXPECT_TRUE(ShowText(entries[0]).ok());
}

TEST_P(LinksTest, AMessageFoundNowhereIsTheClearErrorAtOnce) {
  const std::vector<std::int64_t> entries = Log({"m1@cronus.example"});
  MoveStorageToArchive({});
  const Status shown = ShowText(entries[0]).status();
  EXPECT_EQ(shown.code(), StatusCode::kNotFound);
  EXPECT_EQ(shown.message(), kMessageGone);
  EXPECT_EQ(LocationOf(entries[0]).folder, "Storage") << "nothing to re-point to";
}

INSTANTIATE_TEST_SUITE_P(EveryStoreAndDatabase, LinksTest,
                         ::testing::Combine(::testing::ValuesIn(mailstore::AllBackendKinds()),
                                            ::testing::ValuesIn(testing::AllDatabaseKinds())),
                         NameAfterStoreAndDatabase);

// A second IMAP server that replicates the first (Dovecot's dsync keeps UIDs
// and UIDVALIDITY) may not have a message the first one stored: the entry
// points at a UID the replica's folder has not assigned yet.
class NotSynchronizedTest : public EveryDatabaseFixture {
 protected:
  const mailstore::BackendKind& Kind() const override {
    static const mailstore::BackendKind imap{"Imap", mailstore::MakeImapBackend};
    return imap;
  }

  // An entry whose message was stored on the other server as the next message
  // of Storage, and has not reached this one.
  std::int64_t LoggedElsewhere(const std::string& message_id) {
    const std::vector<domain::InteractionLogEntry> logged = Entries();
    EXPECT_EQ(logged.size(), 1u);
    const auto first = db_->GetAttachment(logged.at(0).attachment_no);
    EXPECT_TRUE(first.ok() && first->has_value());
    domain::Attachment next = **first;
    next.location.key = std::to_string(std::stoul(next.location.key) + 1);
    next.message_id = message_id;
    next.size = static_cast<std::int64_t>(Served(Outbound(message_id)).size());
    domain::InteractionLogEntry entry = logged.at(0);
    entry.subject = entry.description = "Quote";
    EXPECT_TRUE(db_->CommitLoggingBatch({.new_attachments = {{next, {entry}}}}).ok());
    return Entries().back().entry_no;
  }

  void SetUp() override {
    LoggingFixture::SetUp();
    Deliver(Outbound("m1@cronus.example"));
    PassOrDie();
  }
};

TEST_P(NotSynchronizedTest, ShowWaitsForAMessageThatArrivesMeanwhile) {
  const std::int64_t entry_no = LoggedElsewhere("m2@cronus.example");
  std::vector<milliseconds> pauses;
  std::string shown;
  const ShowOptions options{.open_mail_store = Opener(), .sync_wait = milliseconds(5000),
                            .pause = [&](milliseconds pause) {
                              // Replication delivers it while Show waits.
                              if (pauses.empty()) Deliver(Outbound("m2@cronus.example"), "Storage");
                              pauses.push_back(pause);
                            }};
  const Status status =
      ReadEntryMessage(*db_, entry_no, [&shown](std::string_view chunk) { shown.append(chunk); }, options);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(shown, Served(Outbound("m2@cronus.example")));
  EXPECT_EQ(pauses, std::vector<milliseconds>{milliseconds(250)});
}

TEST_P(NotSynchronizedTest, ShowSaysNotSynchronizedAfterItsWaitDistinctFromDeleted) {
  const std::int64_t entry_no = LoggedElsewhere("m2@cronus.example");
  std::vector<milliseconds> pauses;
  const ShowOptions options{.open_mail_store = Opener(), .sync_wait = milliseconds(1000),
                            .pause = [&](milliseconds pause) { pauses.push_back(pause); }};
  const Status status = ReadEntryMessage(*db_, entry_no, [](std::string_view) {}, options);
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), kMessageNotSynchronized);
  // Backing off: 250 ms, 500 ms, then what is left of the second.
  EXPECT_EQ(pauses, (std::vector<milliseconds>{milliseconds(250), milliseconds(500), milliseconds(250)}));

  // A message that was there and is gone is deleted, not waited for.
  backend().RemoveAll("Storage");
  pauses.clear();
  EXPECT_EQ(ReadEntryMessage(*db_, 1, [](std::string_view) {}, options).message(), kMessageGone);
  EXPECT_TRUE(pauses.empty());
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, NotSynchronizedTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
