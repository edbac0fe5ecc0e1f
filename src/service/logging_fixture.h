// Test fixture for the email-logging pass: a real SQLite database and a real
// Maildir in a temporary folder, set up as `mailtrail init` + `setup set` would.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "service/directory_admin.h"
#include "service/email_logging.h"
#include "service/setup_keys.h"
#include "testing/test_util.h"

namespace mailtrail::service {

class LoggingFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = temp_.path() / "mail";
    for (const char* folder : {"", ".Queue", ".Storage", ".Review"}) {
      for (const char* sub : {"cur", "new", "tmp"}) std::filesystem::create_directories(root_ / folder / sub);
    }
    db_url_ = "sqlite://" + (temp_.path() / "mailtrail.db").string();
    ReopenDatabase();
    ASSERT_TRUE(db_->Initialize().ok());
    Set("mail-store", "maildir://" + root_.string());
    Set("queue-folder", "Queue");
    Set("storage-folder", "Storage");
    AddSalespersonOrDie("JO", "jim.olivo@cronus.example");
    AddSalespersonOrDie("AH", "annette.hill@cronus.example");
    adatum_ = AddContactOrDie("Adatum", domain::ContactType::kCompany, "info@adatum.example");
    ann_ = AddContactOrDie("Ann Smith", domain::ContactType::kPerson, "ann.smith@adatum.example", adatum_);
  }

  // A fresh connection, as a new process would have after a crash.
  void ReopenDatabase() {
    db_.reset();
    auto opened = db::OpenDatabase(db_url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }

  void Set(const std::string& key, const std::string& value) {
    Status status = SetSetupValue(*db_, key, value);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  void AddSalespersonOrDie(const std::string& code, const std::string& email) {
    Status status = AddSalesperson(*db_, {code, code + " name", email});
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  std::string AddContactOrDie(const std::string& name, domain::ContactType type, const std::string& email,
                              const std::string& company_no = "") {
    auto no = AddContact(*db_, {"", type, name, email, company_no});
    EXPECT_TRUE(no.ok()) << no.status().ToString();
    return no.ok() ? *no : "";
  }

  // Delivers a message into a folder's new/, each one a second younger than the last.
  std::string Deliver(const std::string& raw, const std::string& folder = "Queue") {
    const std::string name = std::to_string(1767225600 + delivered_) + ".M" + std::to_string(delivered_) + ".test";
    const auto path = root_ / ("." + folder) / "new" / name;
    testing::WriteFile(path, raw);
    const auto when = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1) +
                      std::chrono::seconds(delivered_++);
    std::filesystem::last_write_time(path, when);
    return name;
  }

  std::string Deliver(const testing::TestMessage& message, const std::string& folder = "Queue") {
    return Deliver(message.Render(), folder);
  }

  // Files in a folder's new/ and cur/.
  std::vector<std::filesystem::path> Files(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    for (const char* sub : {"new", "cur"}) {
      for (const auto& entry : std::filesystem::directory_iterator(root_ / ("." + folder) / sub)) {
        files.push_back(entry.path());
      }
    }
    return files;
  }

  Result<PassSummary> Pass(const PassOptions& options = {}) { return RunEmailLoggingPass(*db_, options); }

  PassSummary PassOrDie(const PassOptions& options = {}) {
    auto summary = Pass(options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : PassSummary{};
  }

  std::vector<domain::InteractionLogEntry> Entries() {
    auto entries = db_->ListEntries({});
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return entries.ok() ? *entries : std::vector<domain::InteractionLogEntry>{};
  }

  static testing::TestMessage Outbound(const std::string& message_id = "m1@cronus.example") {
    testing::TestMessage message;
    message.from = "Jim Olivo <jim.olivo@cronus.example>";
    message.to = "Ann Smith <ann.smith@adatum.example>";
    message.subject = "Quote";
    message.message_id = message_id;
    return message;
  }

  testing::TempDir temp_;
  std::filesystem::path root_;
  std::string db_url_;
  std::unique_ptr<db::Database> db_;
  std::string adatum_;
  std::string ann_;
  int delivered_ = 0;
};

}  // namespace mailtrail::service
