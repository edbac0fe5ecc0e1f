// Relog through the whole pass, on every kind of mail store (Maildir, IMAP on
// Dovecot) with every kind of database (SQLite, PostgreSQL).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "service/email_logging.h"
#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

using ::testing::ElementsAre;
using testing::TestMessage;
// RelogProgress as (done, total).
using Done = std::pair<std::int64_t, std::int64_t>;

class RelogTest : public LoggingFixture, public ::testing::WithParamInterface<StoreAndDatabase> {
 protected:
  const mailstore::BackendKind& Kind() const override { return std::get<0>(GetParam()); }
  const testing::DatabaseKind& Database() const override { return std::get<1>(GetParam()); }

  Result<PassSummary> Relog(RelogOptions relog = {}, PassOptions options = {}) {
    if (!options.open_mail_store) options.open_mail_store = Opener();
    return RunRelog(*db_, relog, options);
  }

  PassSummary RelogOrDie(const RelogOptions& relog = {}, const PassOptions& options = {}) {
    auto summary = Relog(relog, options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : PassSummary{};
  }

  // The message an entry's link leads to as the link is, read from the store
  // without Show's repair of a link that no longer resolves; "" when it does not.
  std::string Shown(std::int64_t entry_no) {
    const auto entry = db_->GetEntry(entry_no);
    if (!entry.ok() || !*entry || (*entry)->attachment_no == 0) return "";
    const auto attachment = db_->GetAttachment((*entry)->attachment_no);
    const auto setup = db_->LoadSetup();
    if (!attachment.ok() || !*attachment || !setup.ok()) return "";
    auto store = Opener()(*setup);
    if (!store.ok()) return "";
    std::string shown;
    const Status status = (*store)->ReadStored(**attachment, [&](std::string_view chunk) { shown.append(chunk); });
    return status.ok() ? shown : "";
  }

  // What the entries are and where their links lead, in an order that does not
  // depend on the order they were made in: one line per entry.
  std::vector<std::string> EntriesAndLinks() {
    std::vector<std::string> lines;
    for (const domain::InteractionLogEntry& e : Entries()) {
      lines.push_back(e.message_id + " " + e.contact_no + " " + e.salesperson_code + " " +
                      std::string(domain::ToString(e.information_flow)) + " " + e.date + " " + e.subject +
                      (Shown(e.entry_no) == ServedById(e.message_id) ? " linked" : " LINK BROKEN"));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  std::string ServedById(const std::string& message_id) { return Served(Message(message_id)); }

  // The messages of these tests: from Jim to Ann, told apart by their Message-ID.
  static TestMessage Message(const std::string& message_id) {
    TestMessage message = Outbound(message_id);
    message.subject = "About " + message_id;
    return message;
  }

  // The attachment of the entry of `message_id`.
  domain::Attachment AttachmentOf(const std::string& message_id) {
    auto attachment = db_->FindLoggedAttachment(message_id, "");
    EXPECT_TRUE(attachment.ok() && attachment->has_value()) << message_id;
    return attachment.ok() && *attachment ? **attachment : domain::Attachment{};
  }

  // The storage folder as a lost database and a moved file leave it:
  //  kept@x: logged, its link intact;
  //  moved@x: logged, its stored copy gone and the same message elsewhere in the folder;
  //  unlogged@x: in the folder, never logged (a database restored from before it).
  void StorageWithBrokenLinksAndMissingEntries() {
    Deliver(Message("kept@x"));
    Deliver(Message("moved@x"));
    EXPECT_EQ(PassOrDie().logged, 2);
    backend().Remove(AttachmentOf("moved@x").location);
    Deliver(Message("moved@x"), "Storage");
    Deliver(Message("unlogged@x"), "Storage");
  }

  // The line of EntriesAndLinks for the entry of Message(message_id), its link intact.
  std::string Linked(const std::string& message_id) const {
    return message_id + " " + ann_ + " JO outbound 2026-03-02 About " + message_id + " linked";
  }

  // What the entries and links should be after any repair of that folder.
  std::vector<std::string> Repaired() const { return {Linked("kept@x"), Linked("moved@x"), Linked("unlogged@x")}; }

  // The database is lost: a new one, set up as before, beside the same mail store.
  void LoseDatabase() {
    auto kept = std::move(backend_);
    MakeStoreAndDatabase();
    backend_ = std::move(kept);
    Set("mail-store", backend_->url());
  }
};

TEST_P(RelogTest, EntriesMissingFromTheDatabaseAreCreatedAndTheFolderIsLeftAsItIs) {
  for (const char* id : {"a@x", "b@x", "c@x"}) Deliver(Message(id));
  PassOrDie();
  const std::vector<std::string> logged = EntriesAndLinks();
  ASSERT_EQ(logged.size(), 3u);
  // The database is lost; the storage folder is all there is.
  const std::vector<std::string> storage = backend().Snapshot("Storage");
  LoseDatabase();
  ASSERT_TRUE(Entries().empty());

  PassSummary summary = RelogOrDie();
  EXPECT_EQ(summary.logged, 3);
  EXPECT_EQ(summary.entries, 3);
  EXPECT_EQ(EntriesAndLinks(), logged) << "the same entries and links as before the loss";
  EXPECT_EQ(backend().Snapshot("Storage"), storage) << "nothing copied, deleted or flagged";
}

TEST_P(RelogTest, ALinkToACopyThatIsGoneIsRepointedToTheMessage) {
  StorageWithBrokenLinksAndMissingEntries();
  // Maildir finds a stored copy by its file name: moved@x's link is broken. IMAP
  // finds one whose UID is gone by its Message-ID: the link still leads to it.
  const bool broken = Shown(2).empty();
  EXPECT_EQ(broken, Kind().name == "Maildir");
  const domain::Attachment before = AttachmentOf("moved@x");
  const std::vector<std::string> storage = backend().Snapshot("Storage");

  PassSummary summary = RelogOrDie();
  EXPECT_EQ(summary.logged, 1) << "unlogged@x";
  EXPECT_EQ(summary.duplicate, 2);
  EXPECT_EQ(summary.relinked, broken ? 1 : 0) << "moved@x";
  EXPECT_EQ(AttachmentOf("moved@x").location != before.location, broken);
  EXPECT_EQ(EntriesAndLinks(), Repaired());
  EXPECT_EQ(backend().Snapshot("Storage"), storage);
  EXPECT_TRUE(Messages("Queue").empty());
}

TEST_P(RelogTest, RelogTwiceCreatesNothingNew) {
  StorageWithBrokenLinksAndMissingEntries();
  RelogOrDie();
  const std::vector<std::string> storage = backend().Snapshot("Storage");
  PassSummary again = RelogOrDie();
  EXPECT_EQ(again.logged, 0);
  EXPECT_EQ(again.relinked, 0);
  EXPECT_EQ(again.duplicate, 3);
  EXPECT_EQ(EntriesAndLinks(), Repaired());
  EXPECT_EQ(Entries().size(), 3u);
  EXPECT_EQ(backend().Snapshot("Storage"), storage);
}

// Business Central's two recipes, run with the normal pass, and relog end in the
// same entries and links.
TEST_P(RelogTest, BusinessCentralRecipesAndRelogAgree) {
  // 1. Copy every message of the storage folder into the queue.
  StorageWithBrokenLinksAndMissingEntries();
  for (const std::string& raw : Messages("Storage")) Deliver(raw, "Queue");
  PassOrDie();
  EXPECT_EQ(EntriesAndLinks(), Repaired()) << "copied into the queue";
  EXPECT_TRUE(Messages("Queue").empty());

  // 2. Rename the storage folder as the queue, and create a new storage folder.
  MakeStoreAndDatabase();
  StorageWithBrokenLinksAndMissingEntries();
  for (const std::string& raw : Messages("Storage")) Deliver(raw, "Queue");
  backend().RemoveAll("Storage");
  PassOrDie();
  EXPECT_EQ(EntriesAndLinks(), Repaired()) << "storage renamed as the queue";
  EXPECT_TRUE(Messages("Queue").empty());
  EXPECT_EQ(Messages("Storage").size(), 3u);

  // 3. Relog.
  MakeStoreAndDatabase();
  StorageWithBrokenLinksAndMissingEntries();
  RelogOrDie();
  EXPECT_EQ(EntriesAndLinks(), Repaired()) << "relog";
  EXPECT_EQ(Messages("Storage").size(), 3u);
}

TEST_P(RelogTest, AnInterruptedRelogResumesWhereItStopped) {
  for (int i = 0; i < 7; ++i) Deliver(Message("m" + std::to_string(i) + "@x"), "Storage");
  PassOptions options;
  options.transaction_size = 2;
  options.between_batches = [](const PassSummary&) { return false; };  // stop after the first batch
  std::vector<Done> progress;
  RelogOptions relog;
  relog.progress = [&](const RelogProgress& p) { progress.emplace_back(p.done, p.total); };

  EXPECT_EQ(RelogOrDie(relog, options).logged, 2);
  EXPECT_EQ(Entries().size(), 2u);
  auto position = db_->GetRelogPosition("Storage");
  ASSERT_TRUE(position.ok() && position->has_value());
  EXPECT_EQ((*position)->done, 2);
  EXPECT_EQ((*position)->total, 7);
  EXPECT_THAT(progress, ElementsAre(Done{0, 7}, Done{2, 7}));

  progress.clear();
  options.between_batches = {};
  PassSummary resumed = RelogOrDie(relog, options);
  EXPECT_EQ(resumed.logged, 5) << "the rest, and only the rest";
  EXPECT_EQ(resumed.duplicate, 0);
  EXPECT_THAT(progress, ElementsAre(Done{2, 7}, Done{4, 7}, Done{6, 7}, Done{7, 7}));
  EXPECT_EQ(Entries().size(), 7u);
  EXPECT_EQ(db_->GetRelogPosition("Storage").value(), std::nullopt) << "done: the next relog starts over";

  PassSummary over = RelogOrDie(relog, options);
  EXPECT_EQ(over.logged, 0);
  EXPECT_EQ(over.duplicate, 7);
  EXPECT_EQ(Entries().size(), 7u);
  EXPECT_EQ(Messages("Storage").size(), 7u);
}

TEST_P(RelogTest, ResumesAfterTheLastMessageDoneEvenWhenItIsGone) {
  for (int i = 0; i < 4; ++i) Deliver(Message("m" + std::to_string(i) + "@x"), "Storage");
  PassOptions options;
  options.transaction_size = 2;
  options.between_batches = [](const PassSummary&) { return false; };
  EXPECT_EQ(RelogOrDie({}, options).logged, 2);
  backend().Remove(AttachmentOf("m1@x").location);  // the last one it did
  options.between_batches = {};
  EXPECT_EQ(RelogOrDie({}, options).logged, 2) << "m2 and m3";
  EXPECT_EQ(Entries().size(), 4u);
}

TEST_P(RelogTest, RestartStartsFromTheFirstMessage) {
  for (int i = 0; i < 4; ++i) Deliver(Message("m" + std::to_string(i) + "@x"), "Storage");
  PassOptions options;
  options.transaction_size = 2;
  options.between_batches = [](const PassSummary&) { return false; };
  RelogOrDie({}, options);
  options.between_batches = {};
  RelogOptions restart;
  restart.restart = true;
  PassSummary summary = RelogOrDie(restart, options);
  EXPECT_EQ(summary.duplicate, 2);
  EXPECT_EQ(summary.logged, 2);
}

TEST_P(RelogTest, AnotherFolderIsCopiedIntoStorageOnceAndLeftAsItIs) {
  ASSERT_TRUE(backend().store().CreateFolder("Archive").ok());
  Deliver(Message("a@x"), "Archive");
  Deliver(Message("b@x"), "Archive");
  TestMessage unregistered = Message("c@x");
  unregistered.to = "someone@elsewhere.example";
  Deliver(unregistered, "Archive");
  Set("unmatched-action", "move:Review");
  const std::vector<std::string> archive = backend().Snapshot("Archive");

  RelogOptions relog;
  relog.folder = "Archive";
  PassSummary summary = RelogOrDie(relog);
  EXPECT_EQ(summary.logged, 2);
  EXPECT_EQ(summary.unregistered, 1);
  EXPECT_EQ(backend().Snapshot("Archive"), archive) << "nothing deleted or flagged";
  EXPECT_TRUE(Messages("Review").empty()) << "nothing moved to review";
  EXPECT_EQ(Messages("Storage").size(), 2u);
  EXPECT_THAT(EntriesAndLinks(), ElementsAre(Linked("a@x"), Linked("b@x")));

  // The database lost: the copies in storage are adopted, not made twice.
  LoseDatabase();
  EXPECT_EQ(RelogOrDie(relog).logged, 2);
  EXPECT_EQ(Messages("Storage").size(), 2u);
  EXPECT_EQ(EntriesAndLinks().size(), 2u);
}

TEST_P(RelogTest, AFolderThatDoesNotExistIsAnError) {
  RelogOptions relog;
  relog.folder = "Missing";
  auto summary = Relog(relog);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(summary.status().message(), "The relogged folder 'Missing' does not exist in the mail store.");
}

INSTANTIATE_TEST_SUITE_P(EveryStoreAndDatabase, RelogTest,
                         ::testing::Combine(::testing::ValuesIn(mailstore::AllBackendKinds()),
                                            ::testing::ValuesIn(testing::AllDatabaseKinds())),
                         NameAfterStoreAndDatabase);

}  // namespace
}  // namespace mailtrail::service
