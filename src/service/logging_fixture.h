// Test fixture for the email-logging pass: a real database of each kind (SQLite,
// PostgreSQL) and a real mail store of each kind (Maildir in a temporary folder,
// IMAP on Dovecot), set up as `mailtrail init` + `setup set` would. Tests put mail
// into folders and look at them the way a user would, through the store's
// MailBackend.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "db/database.h"
#include "mailstore/mail_store_backends.h"
#include "service/directory_admin.h"
#include "service/email_logging.h"
#include "service/setup_keys.h"
#include "service/show.h"
#include "testing/database_kinds.h"
#include "testing/test_util.h"

namespace mailtrail::service {

class LoggingFixture : public ::testing::Test {
 protected:
  // The kind of store to run against: Maildir, unless a parameterized test
  // returns its parameter.
  virtual const mailstore::BackendKind& Kind() const {
    static const mailstore::BackendKind maildir{"Maildir", mailstore::MakeMaildirBackend};
    return maildir;
  }
  // The kind of database to run against: SQLite, unless a parameterized test
  // returns its parameter.
  virtual const testing::DatabaseKind& Database() const {
    static const testing::DatabaseKind sqlite = testing::SqliteDatabase();
    return sqlite;
  }

  void SetUp() override { MakeStoreAndDatabase(); }

  // A new, empty store with folders Queue, Storage and Review, and a new database
  // set up for it, with salespersons JO and AH and contacts Adatum and Ann Smith.
  void MakeStoreAndDatabase() {
    backend_ = Kind().make();
    delivered_ = 0;
    for (const char* folder : {"Queue", "Storage", "Review"}) {
      Status created = backend_->store().CreateFolder(folder);
      ASSERT_TRUE(created.ok()) << created.ToString();
    }
    // SQLite: a folder of its own for each database.
    const std::filesystem::path folder =
        databases_made_++ == 0 ? temp_.path() : temp_.path() / ("database" + std::to_string(databases_made_));
    std::filesystem::create_directories(folder);
    auto url = Database().new_database(folder);
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    db_url_ = *url;
    ReopenDatabase();
    ASSERT_TRUE(db_->Initialize().ok());
    Set("mail-store", backend_->url());
    const mailstore::ConnectOptions credentials = backend_->credentials();
    Set("require-tls", credentials.require_tls ? "true" : "false");
    Set("ca-file", credentials.ca_file);
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

  mailstore::MailBackend& backend() { return *backend_; }

  // Delivers a message into a folder, each one a second younger than the last,
  // with the Maildir flag letters `flags` (none: new and unseen).
  void Deliver(std::string_view raw, const std::string& folder = "Queue", std::string_view flags = "") {
    const auto an_hour_ago = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch() - std::chrono::hours(1))
                                 .count();
    backend_->Deliver(folder, raw, an_hour_ago + delivered_++, flags);
  }

  void Deliver(const testing::TestMessage& message, const std::string& folder = "Queue") {
    Deliver(message.Render(), folder);
  }

  // The bytes of each message in a folder, oldest first.
  std::vector<std::string> Messages(const std::string& folder) { return backend_->Contents(folder); }

  // How the store serves a message delivered as `message`.
  std::string Served(const testing::TestMessage& message) { return backend_->Served(message.Render()); }

  // Opens the setup's mail store with the backend's password, as the CLI does
  // with the one from the environment or the secrets file.
  MailStoreOpener Opener() const {
    return [credentials = backend_->credentials()](const domain::Setup& setup) {
      return OpenSetupMailStore(setup, credentials);
    };
  }

  Result<PassSummary> Pass(PassOptions options = {}) {
    if (!options.open_mail_store) options.open_mail_store = Opener();
    return RunEmailLoggingPass(*db_, options);
  }

  PassSummary PassOrDie(const PassOptions& options = {}) {
    auto summary = Pass(options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : PassSummary{};
  }

  // Show: the stored message of an entry.
  Status Show(std::int64_t entry_no, const mailstore::ChunkSink& sink) {
    return ReadEntryMessage(*db_, entry_no, sink, {.open_mail_store = Opener()});
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
  std::unique_ptr<mailstore::MailBackend> backend_;
  std::string db_url_;
  std::unique_ptr<db::Database> db_;
  std::string adatum_;
  std::string ann_;
  int delivered_ = 0;
  int databases_made_ = 0;
};

// Names a parameterized test after its store kind: .../Maildir, .../Imap.
inline std::string KindName(const ::testing::TestParamInfo<mailstore::BackendKind>& info) { return info.param.name; }

// A fixture run once per database kind, on Maildir.
class EveryDatabaseFixture : public LoggingFixture, public ::testing::WithParamInterface<testing::DatabaseKind> {
 protected:
  const testing::DatabaseKind& Database() const override { return GetParam(); }
};

// Names a test parameterized by database kind: .../SQLite, .../PostgreSQL.
inline std::string NameAfterDatabase(const ::testing::TestParamInfo<testing::DatabaseKind>& info) {
  return info.param.name;
}

// A test parameter naming a store kind and a database kind.
using StoreAndDatabase = std::tuple<mailstore::BackendKind, testing::DatabaseKind>;

// "Maildir_SQLite", "Imap_PostgreSQL", ...
inline std::string StoreAndDatabaseName(const mailstore::BackendKind& store, const testing::DatabaseKind& database) {
  return store.name + "_" + database.name;
}

// Names a parameterized test after its store and database kinds: .../Maildir_SQLite.
inline std::string NameAfterStoreAndDatabase(const ::testing::TestParamInfo<StoreAndDatabase>& info) {
  return StoreAndDatabaseName(std::get<0>(info.param), std::get<1>(info.param));
}

}  // namespace mailtrail::service
