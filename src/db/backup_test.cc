#include "db/backup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"
#include "testing/test_util.h"

namespace mailtrail::db {
namespace {

namespace fs = std::filesystem;

::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}

template <typename T>
T ValueOf(Result<T> result) {
  EXPECT_TRUE(IsOk(result.status()));
  return std::move(result).value();
}

// Entries logged together from one message: a backup holds all of them or none.
constexpr int kEntriesPerBatch = 5;

// A batch of kEntriesPerBatch entries from the message numbered `message`.
LoggingBatch Batch(int message) {
  const std::string id = "message-" + std::to_string(message) + "@acme.example";
  NewAttachment attachment{.attachment = {.location = {"Storage", "key-" + std::to_string(message), 0},
                                          .message_id = id,
                                          .content_hash = "hash-" + std::to_string(message),
                                          .size = 2048}};
  for (int i = 0; i < kEntriesPerBatch; ++i) {
    attachment.entries.push_back({.contact_no = "CT000001",
                                  .contact_company_no = "CT000001",
                                  .salesperson_code = "JO",
                                  .interaction_template_code = "EMAIL",
                                  .interaction_group_code = "SYSTEM",
                                  .date = "2026-03-02",
                                  .time = "09:15:00",
                                  .description = "Quote",
                                  .subject = "Quote " + std::to_string(message),
                                  .email_logged = true});
  }
  return {.new_attachments = {attachment}};
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Open(url_);
    ASSERT_TRUE(IsOk(db_->Initialize()));
    ASSERT_TRUE(IsOk(db_->AddSalesperson({"JO", "John Olsen", "john@us.example"})));
    ASSERT_TRUE(IsOk(db_->AddContact({"CT000001", domain::ContactType::kCompany, "Acme", "info@acme.example",
                                      "CT000001"})));
  }

  static std::unique_ptr<Database> Open(const std::string& url) { return ValueOf(OpenDatabase(url)); }
  static std::size_t EntriesIn(const std::string& url) { return ValueOf(Open(url)->ListEntries({})).size(); }

  void Log(int first_message, int messages) {
    for (int i = first_message; i < first_message + messages; ++i) {
      ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(Batch(i))));
    }
  }

  testing::TempDir scratch_;
  const fs::path database_ = scratch_.path() / "mailtrail.db";
  const std::string url_ = "sqlite://" + database_.string();
  const fs::path backup_ = scratch_.path() / "backup.db";
  std::unique_ptr<Database> db_;
};

TEST_F(BackupTest, BackupWhileAWriterCommitsHoldsOneCommittedState) {
  Log(0, 200);
  std::atomic<bool> stop = false;
  std::atomic<int> committed = 200;
  std::thread writer([this, &stop, &committed] {
    std::unique_ptr<Database> other = Open(url_);
    for (int message = 200; !stop; ++message) {
      ASSERT_TRUE(IsOk(other->CommitLoggingBatch(Batch(message))));
      ++committed;
    }
  });
  // Let the writer commit before and during the backup.
  while (committed < 220) std::this_thread::yield();
  const int before = committed;
  const Status backed_up = BackupDatabase(url_, backup_);
  const int after = committed;
  stop = true;
  writer.join();
  ASSERT_TRUE(IsOk(backed_up));

  EXPECT_FALSE(fs::exists(backup_.string() + ".partial"));
  const std::size_t entries = EntriesIn("sqlite://" + backup_.string());
  EXPECT_EQ(entries % kEntriesPerBatch, 0u) << "a batch is in the copy whole or not at all";
  EXPECT_GE(entries, static_cast<std::size_t>(before * kEntriesPerBatch));
  EXPECT_LE(entries, static_cast<std::size_t>(after * kEntriesPerBatch));
}

TEST_F(BackupTest, RestoreBringsTheBackedUpEntriesBack) {
  Log(0, 3);
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  Log(3, 2);
  ASSERT_TRUE(IsOk(db_->SetEntryCanceled(1, true)));
  ASSERT_EQ(ValueOf(db_->DeleteCanceledEntries()), 1);
  db_.reset();

  ASSERT_TRUE(IsOk(RestoreDatabase(url_, backup_)));
  db_ = Open(url_);
  ASSERT_TRUE(IsOk(db_->CheckSchema()));
  const std::vector<domain::InteractionLogEntry> entries = ValueOf(db_->ListEntries({}));
  ASSERT_EQ(entries.size(), 3u * kEntriesPerBatch);
  EXPECT_EQ(entries.front().entry_no, 1);
  EXPECT_EQ(entries.back().subject, "Quote 2");
  // The restored database takes writes again.
  Log(3, 1);
  EXPECT_EQ(EntriesIn(url_), 4u * kEntriesPerBatch);
}

TEST_F(BackupTest, RestoreMakesAMissingDatabase) {
  Log(0, 1);
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  const std::string elsewhere = "sqlite://" + (scratch_.path() / "new.db").string();
  ASSERT_TRUE(IsOk(RestoreDatabase(elsewhere, backup_)));
  EXPECT_EQ(EntriesIn(elsewhere), 1u * kEntriesPerBatch);
}

TEST_F(BackupTest, RestoreRefusesADatabaseInUseAndChangesNothing) {
  Log(0, 1);
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  Log(1, 1);
  ASSERT_EQ(ValueOf(db_->ListEntries({})).size(), 2u * kEntriesPerBatch);  // db_ holds it open

  const Status refused = RestoreDatabase(url_, backup_);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition) << refused.ToString();
  EXPECT_NE(refused.message().find("mailtrail serve"), std::string::npos) << refused.message();
  EXPECT_EQ(ValueOf(db_->ListEntries({})).size(), 2u * kEntriesPerBatch);

  db_.reset();
  ASSERT_TRUE(IsOk(RestoreDatabase(url_, backup_)));
  EXPECT_EQ(EntriesIn(url_), 1u * kEntriesPerBatch);
}

TEST_F(BackupTest, RestoreRefusesABadBackupAndChangesNothing) {
  Log(0, 20);
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  Log(20, 1);
  db_.reset();
  const std::string good = testing::ReadFile(backup_);
  ASSERT_GT(good.size(), 16384u);

  struct Case {
    std::string name;
    std::string bytes;
    StatusCode code;
  };
  std::string damaged = good;
  for (std::size_t i = damaged.size() / 2; i < damaged.size(); i += 7) damaged[i] = '\xff';
  const std::vector<Case> cases = {
      {"not SQLite", "From: someone\r\n\r\nhello\r\n", StatusCode::kCorruption},
      {"damaged pages", damaged, StatusCode::kCorruption},
      {"cut short", good.substr(0, good.size() / 2), StatusCode::kCorruption},
  };
  for (const Case& bad : cases) {
    const fs::path file = scratch_.path() / "bad.db";
    testing::WriteFile(file, bad.bytes);
    const Status refused = RestoreDatabase(url_, file);
    EXPECT_EQ(refused.code(), bad.code) << bad.name << ": " << refused.ToString();
    EXPECT_EQ(EntriesIn(url_), 21u * kEntriesPerBatch) << bad.name;
    fs::remove(file);
  }

  const fs::path foreign = scratch_.path() / "foreign.db";
  ValueOf(OpenDatabase("sqlite://" + foreign.string()));  // an empty SQLite database
  EXPECT_EQ(RestoreDatabase(url_, foreign).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(RestoreDatabase(url_, scratch_.path() / "missing.db").code(), StatusCode::kNotFound);
  EXPECT_EQ(RestoreDatabase(url_, database_).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EntriesIn(url_), 21u * kEntriesPerBatch);
}

TEST_F(BackupTest, BackupReplacesAnEarlierBackupAndRefusesBadTargets) {
  Log(0, 1);
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  Log(1, 1);
  testing::WriteFile(backup_.string() + ".partial", "left by a backup cut off");
  ASSERT_TRUE(IsOk(BackupDatabase(url_, backup_)));
  EXPECT_EQ(EntriesIn("sqlite://" + backup_.string()), 2u * kEntriesPerBatch);
  EXPECT_FALSE(fs::exists(backup_.string() + ".partial"));

  EXPECT_EQ(BackupDatabase(url_, database_).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(BackupDatabase(url_, scratch_.path()).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(BackupDatabase(url_, scratch_.path() / "no" / "b.db").code(), StatusCode::kNotFound);
  EXPECT_EQ(BackupDatabase("sqlite://" + (scratch_.path() / "none.db").string(), backup_).code(),
            StatusCode::kNotFound);
  const fs::path empty = scratch_.path() / "empty.db";
  ValueOf(OpenDatabase("sqlite://" + empty.string()));
  EXPECT_EQ(BackupDatabase("sqlite://" + empty.string(), backup_).code(), StatusCode::kFailedPrecondition);
}

TEST(BackupPostgresTest, PostgresDatabasesAreSentToPostgresTools) {
  // The URL alone decides: no server is reached.
  const std::string url = "postgresql://mailtrail@127.0.0.1:1/mailtrail";
  const Status backup = BackupDatabase(url, "/tmp/never-written.db");
  EXPECT_EQ(backup.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(backup.message().find("pg_dump"), std::string::npos) << backup.message();
  const Status restore = RestoreDatabase(url, "/tmp/never-read.db");
  EXPECT_EQ(restore.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(restore.message().find("pg_restore"), std::string::npos) << restore.message();
}

}  // namespace
}  // namespace mailtrail::db
