#include "db/database.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "db/soci/migrations.h"
#include "db/soci/postgresql.h"
#include "db/soci/sqlite.h"
#include "testing/postgres_server.h"
#include "testing/test_util.h"

namespace mailtrail::db {
namespace {

namespace fs = std::filesystem;
using domain::Attachment;
using domain::Contact;
using domain::ContactAltAddress;
using domain::ContactType;
using domain::InformationFlow;
using domain::InitiatedBy;
using domain::InteractionGroup;
using domain::InteractionLogEntry;
using domain::InteractionTemplate;
using domain::JobQueueEntry;
using domain::JobRun;
using domain::JobRunStatus;
using domain::JobStatus;
using domain::Salesperson;
using domain::StoredLocation;

::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}

template <typename T>
::testing::AssertionResult IsOk(const Result<T>& result) {
  return IsOk(result.status());
}

// The value of a Result that must hold one.
template <typename T>
T ValueOf(Result<T> result) {
  EXPECT_TRUE(IsOk(result));
  return std::move(result).value();
}

// ---- Comparing domain values, which have no operator== ----

auto Tie(const Salesperson& s) { return std::tie(s.code, s.name, s.email); }
auto Tie(const Contact& c) { return std::tie(c.no, c.type, c.name, c.email, c.company_no, c.do_not_log); }
auto Tie(const ContactAltAddress& a) { return std::tie(a.contact_no, a.code, a.email); }
auto Tie(const InteractionGroup& g) { return std::tie(g.code, g.description); }
auto Tie(const InteractionTemplate& t) {
  return std::tie(t.code, t.group_code, t.description, t.unit_cost, t.unit_duration_min,
                  t.information_flow, t.initiated_by);
}
auto Tie(const domain::Setup& s) {
  return std::tie(s.mail_store, s.queue_folder, s.storage_folder, s.email_template, s.batch_size,
                  s.recipients, s.inherit_communication_details, s.unmatched_action.move_to_folder,
                  s.max_file_size);
}
auto Tie(const Attachment& a) {
  return std::tie(a.attachment_no, a.location.folder, a.location.key, a.location.uidvalidity,
                  a.message_id, a.content_hash, a.size, a.sender_check.verdict, a.sender_check.dkim,
                  a.sender_check.spf, a.sender_check.dmarc, a.review);
}
auto Tie(const InteractionLogEntry& e) {
  return std::tie(e.entry_no, e.contact_no, e.contact_company_no, e.contact_alt_address_code,
                  e.salesperson_code, e.interaction_template_code, e.interaction_group_code,
                  e.information_flow, e.initiated_by, e.date, e.time, e.description, e.subject,
                  e.message_id, e.attachment_no, e.cost, e.duration_min, e.email_logged, e.postponed,
                  e.file_name);
}
auto Tie(const domain::InteractionFile& f) { return std::tie(f.name, f.type, f.content); }
auto Tie(const JobQueueEntry& j) {
  return std::tie(j.id, j.object_to_run, j.description, j.category, j.recurrence.every_minutes,
                  j.recurrence.start_minute, j.recurrence.end_minute, j.recurrence.weekdays,
                  j.earliest_start, j.status, j.max_attempts, j.attempts, j.last_error,
                  j.last_error_context, j.lease_owner, j.lease_until);
}
auto Tie(const EntryCount& c) { return std::tie(c.period, c.salesperson_code, c.information_flow, c.entries); }
auto Tie(const JobRun& r) {
  return std::tie(r.id, r.job_id, r.worker, r.started_at, r.ended_at, r.status, r.summary, r.error,
                  r.error_context);
}

template <typename T>
void ExpectSame(const std::optional<T>& actual, const T& expected) {
  ASSERT_TRUE(actual.has_value());
  EXPECT_EQ(Tie(*actual), Tie(expected));
}

template <typename T>
void ExpectSame(const std::vector<T>& actual, const std::vector<T>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(Tie(actual[i]), Tie(expected[i])) << "at index " << i;
  }
}

// ---- Test data ----

Contact Company(std::string no, std::string email) {
  return {no, ContactType::kCompany, "Company " + no, std::move(email), no};
}

Contact Person(std::string no, std::string email, std::string company_no) {
  return {no, ContactType::kPerson, "Person " + no, std::move(email), std::move(company_no)};
}

Attachment StoredMessage(std::string message_id, std::string content_hash) {
  return {.location = {"Storage", "key-" + content_hash, 0},
          .message_id = std::move(message_id),
          .content_hash = std::move(content_hash),
          .size = 2048};
}

InteractionLogEntry Entry(std::string contact_no, std::string salesperson_code) {
  return {.contact_no = std::move(contact_no),
          .contact_company_no = "CT000001",
          .salesperson_code = std::move(salesperson_code),
          .interaction_template_code = "EMAIL",
          .interaction_group_code = "SYSTEM",
          .information_flow = InformationFlow::kOutbound,
          .initiated_by = InitiatedBy::kUs,
          .date = "2026-03-02",
          .time = "09:15:00",
          .description = "Quote",
          .subject = "Quote",
          .cost = 1.25,
          .duration_min = 0.5,
          .email_logged = true};
}

constexpr domain::UnixTime kNow = 1'767'225'600;  // 2026-01-01 00:00 UTC
constexpr domain::UnixTime kHour = 3600;

JobQueueEntry Job(std::string category, domain::UnixTime earliest_start,
                  JobStatus status = JobStatus::kReady) {
  JobQueueEntry job;
  job.object_to_run = std::string(domain::kEmailLoggingJob);
  job.description = "Due at " + std::to_string(earliest_start);
  job.category = std::move(category);
  job.earliest_start = earliest_start;
  job.status = status;
  return job;
}

// Run `run_id` as FinishJobRun takes it: succeeded at `ended_at`.
JobRun Succeeded(std::int64_t run_id, domain::UnixTime ended_at) {
  return {.id = run_id, .ended_at = ended_at, .status = JobRunStatus::kSucceeded};
}

// ---- Backends ----

// A kind of database the suite runs against.
struct Backend {
  std::string name;
  // The URL of a new, empty database named after `label`; SQLite keeps it under
  // `scratch`.
  std::function<Result<std::string>(const fs::path& scratch, const std::string& label)>
      new_database;
  // A raw session on the database at `url`, to forge states the interface cannot make.
  std::function<std::unique_ptr<soci::session>(const std::string& url)> connect;
  const Dialect& (*dialect)();
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

constexpr std::string_view kSqliteScheme = "sqlite://";

Backend Sqlite() {
  return {"SQLite",
          [](const fs::path& scratch, const std::string& label) -> Result<std::string> {
            return std::string(kSqliteScheme) + (scratch / (label + ".db")).string();
          },
          [](const std::string& url) {
            return ValueOf(ConnectSqlite(url.substr(kSqliteScheme.size())));
          },
          SqliteDialect};
}

// `label` and a number no other call of this program got.
std::string UniqueName(const std::string& label) {
  static int names = 0;
  return label + "_" + std::to_string(++names);
}

// One server for every test of this program, started by the first; a new database
// for each test.
Backend Postgres() {
  return {"PostgreSQL",
          [](const fs::path&, const std::string& label) -> Result<std::string> {
            MT_ASSIGN_OR_RETURN(testing::PostgresServer * server,
                                testing::PostgresServer::Shared());
            const std::string name = UniqueName(label);
            MT_RETURN_IF_ERROR(server->CreateDatabase(name));
            return server->Url(name);
          },
          [](const std::string& url) {
            return ValueOf(ConnectPostgres(ValueOf(ParsePostgresUrl(url))));
          },
          PostgresDialect};
}

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = NewDatabase("mailtrail");
    ASSERT_FALSE(url_.empty());
    db_ = Open(url_);
    ASSERT_TRUE(IsOk(db_->Initialize()));
  }

  // The URL of a new, empty database; "" (and a failure) when it cannot be made.
  std::string NewDatabase(const std::string& label) {
    Result<std::string> url = GetParam().new_database(scratch_.path(), label);
    EXPECT_TRUE(IsOk(url));
    return url.ok() ? *url : std::string();
  }

  std::unique_ptr<Database> Open(const std::string& url) { return ValueOf(OpenDatabase(url)); }

  // Two salespersons, company CT000001 and its person CT000002.
  void AddDirectory() {
    ASSERT_TRUE(IsOk(db_->AddSalesperson({"AB", "Anna Berg", "anna@us.example"})));
    ASSERT_TRUE(IsOk(db_->AddSalesperson({"JO", "John Olsen", "john@us.example"})));
    ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000001", "info@acme.example"))));
    ASSERT_TRUE(IsOk(db_->AddContact(Person("CT000002", "eve@acme.example", "CT000001"))));
  }

  std::vector<InteractionLogEntry> AllEntries() { return ValueOf(db_->ListEntries({})); }

  // `job` as added, with its id.
  JobQueueEntry Added(JobQueueEntry job) {
    job.id = ValueOf(db_->AddJob(job));
    return job;
  }
  JobQueueEntry StoredJob(std::int64_t id) {
    const std::optional<JobQueueEntry> job = ValueOf(db_->GetJob(id));
    EXPECT_TRUE(job.has_value()) << "job " << id;
    return job.value_or(JobQueueEntry{});
  }
  std::optional<LeasedJob> Lease(const std::string& worker, domain::UnixTime now,
                                 domain::UnixTime lease_until,
                                 std::optional<std::int64_t> only_job = std::nullopt) {
    return ValueOf(db_->LeaseJob(worker, now, lease_until, only_job));
  }
  // The id of the job a worker leases at `now`; 0 when nothing may run.
  std::int64_t LeasedAt(domain::UnixTime now) {
    const std::optional<LeasedJob> leased = Lease("worker-1", now, now + kHour);
    return leased ? leased->job.id : 0;
  }
  std::vector<JobRun> Runs(std::int64_t job_id) { return ValueOf(db_->ListJobRuns(job_id, 100)); }

  // Defined with the job queue tests.
  int HammerJobQueue(int workers, int leases_per_worker, std::chrono::milliseconds time);

  testing::TempDir scratch_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

std::string BackendName(const ::testing::TestParamInfo<Backend>& backend) {
  return backend.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::Values(Sqlite(), Postgres()),
                         BackendName);

// ---- Schema ----

TEST_P(DatabaseTest, CheckSchemaFailsUntilInitialized) {
  std::unique_ptr<Database> fresh = Open(NewDatabase("fresh"));
  const Status status = fresh->CheckSchema();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_EQ(status.message(), "The database has not been initialized. Run 'mailtrail init'.");

  ASSERT_TRUE(IsOk(fresh->Initialize()));
  EXPECT_TRUE(IsOk(fresh->CheckSchema()));
}

TEST_P(DatabaseTest, InitializeSeedsSystemGroupEmailTemplateAndSetup) {
  ExpectSame(ValueOf(db_->ListGroups()), {{"SYSTEM", "System"}});
  ExpectSame(ValueOf(db_->ListTemplates()),
             {{.code = "EMAIL", .group_code = "SYSTEM", .description = "Email"}});
  EXPECT_EQ(Tie(ValueOf(db_->LoadSetup())), Tie(domain::Setup{.email_template = "EMAIL"}));
}

TEST_P(DatabaseTest, InitializeTwiceChangesNothingAndKeepsWhatTheUserSet) {
  const domain::Setup custom{.mail_store = "maildir:///var/mail/sales",
                             .queue_folder = "Queue",
                             .storage_folder = "Storage",
                             .email_template = "MAIL",
                             .batch_size = 50,
                             .recipients = domain::RecipientScope::kToAndCc,
                             .inherit_communication_details = false,
                             .unmatched_action = {"Review"}};
  ASSERT_TRUE(IsOk(db_->SaveSetup(custom)));
  ASSERT_TRUE(IsOk(db_->AddGroup({"SALES", "Sales"})));

  ASSERT_TRUE(IsOk(db_->Initialize()));

  EXPECT_TRUE(IsOk(db_->CheckSchema()));
  EXPECT_EQ(Tie(ValueOf(db_->LoadSetup())), Tie(custom));
  ExpectSame(ValueOf(db_->ListGroups()), {{"SALES", "Sales"}, {"SYSTEM", "System"}});
  EXPECT_EQ(ValueOf(db_->ListTemplates()).size(), 1u);
}

TEST_P(DatabaseTest, SchemaOfANewerProgramIsRefused) {
  {
    std::unique_ptr<soci::session> raw = GetParam().connect(url_);
    // soci::use keeps a reference that is read when the statement runs, at the
    // end of the full expression: a temporary would be gone by then.
    const int newer_version = kLatestSchemaVersion + 1;
    *raw << "INSERT INTO schema_version (version) VALUES (:version)", soci::use(newer_version);
  }
  for (const Status& status : {db_->CheckSchema(), db_->Initialize()}) {
    EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
    EXPECT_EQ(status.message(), "The database was created by a newer mailtrail.");
  }
}

TEST_P(DatabaseTest, InitializeUpgradesASchemaOfTheFirstVersion) {
  url_ = NewDatabase("first_version");
  ASSERT_TRUE(IsOk(ApplyMigrations(*GetParam().connect(url_), GetParam().dialect(), 1)));
  db_ = Open(url_);
  EXPECT_EQ(db_->CheckSchema().message(),
            "The database schema is older than this program. Run 'mailtrail init' to upgrade it.");
  ASSERT_TRUE(IsOk(db_->Initialize()));
  EXPECT_TRUE(IsOk(db_->CheckSchema()));
  EXPECT_TRUE(IsOk(db_->AddJob(Job("LOGGING", kNow))));
  EXPECT_TRUE(db_->RecordPendingCopies({{"Storage", "mid:a@x"}}).ok());
  EXPECT_TRUE(IsOk(db_->AddUser({"ann", domain::PermissionSet::kBasic, "$argon2id$x"})));
}

// Version 6 lets entries go without an attachment and be postponed, and keeps
// files: what version 5 held stays as it was, numbers included.
TEST_P(DatabaseTest, InitializeUpgradesASchemaOfVersion5AndKeepsItsEntries) {
  url_ = NewDatabase("version_5");
  {
    std::unique_ptr<soci::session> raw = GetParam().connect(url_);
    ASSERT_TRUE(IsOk(ApplyMigrations(*raw, GetParam().dialect(), 5)));
    *raw << "INSERT INTO contacts (no, type, name, email, company_no)"
            " VALUES ('CT000001', 'company', 'Acme', 'info@acme.example', 'CT000001')";
    *raw << "INSERT INTO attachments (storage_folder, storage_key, uidvalidity, message_id, content_hash, size)"
            " VALUES ('Storage', 'key-1', 7, 'quote-1@acme.example', '', 2048)";
    for (const std::string subject : {"Quote", "Order", "Deleted since"}) {
      *raw << "INSERT INTO interaction_log_entries (contact_no, contact_company_no, contact_alt_address_code,"
              " salesperson_code, interaction_template_code, interaction_group_code, information_flow,"
              " initiated_by, date, time, description, subject, attachment_no, cost, duration_min, email_logged)"
              " VALUES ('CT000001', 'CT000001', 'HOME', 'JO', 'EMAIL', 'SYSTEM', 'inbound', 'them', '2026-03-02',"
              " '09:15:00', :subject, :subject, 1, 1.25, 0.5, 1)",
          soci::use(subject, "subject");  // a variable: see SchemaOfANewerProgramIsRefused
    }
    *raw << "UPDATE interaction_log_entries SET evaluation = 'positive', canceled = 1 WHERE subject = 'Order'";
    *raw << "DELETE FROM interaction_log_entries WHERE subject = 'Deleted since'";
  }
  db_ = Open(url_);
  EXPECT_EQ(db_->CheckSchema().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(IsOk(db_->Initialize()));
  ASSERT_TRUE(IsOk(db_->CheckSchema()));

  const std::vector<InteractionLogEntry> entries = AllEntries();
  ASSERT_EQ(entries.size(), 2u);
  InteractionLogEntry quote = Entry("CT000001", "JO");
  quote.entry_no = 1;
  quote.contact_alt_address_code = "HOME";
  quote.information_flow = InformationFlow::kInbound;
  quote.initiated_by = InitiatedBy::kThem;
  quote.message_id = "quote-1@acme.example";
  quote.attachment_no = 1;
  EXPECT_EQ(Tie(entries[0]), Tie(quote));
  EXPECT_EQ(entries[1].entry_no, 2);
  EXPECT_EQ(entries[1].subject, "Order");
  EXPECT_EQ(entries[1].evaluation, domain::Evaluation::kPositive);
  EXPECT_TRUE(entries[1].canceled);
  ExpectSame(ValueOf(db_->FindLoggedAttachment("quote-1@acme.example", "")),
             Attachment{1, {"Storage", "key-1", 7}, "quote-1@acme.example", "", 2048});

  // Entry 3 was deleted: its number is not given out again.
  InteractionLogEntry call = Entry("CT000001", "JO");
  call.email_logged = false;
  EXPECT_EQ(ValueOf(db_->AddInteraction(call, std::nullopt)), 4);
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch({.new_attachments = {{StoredMessage("b@acme.example", "bb"), {quote}}}})));
  EXPECT_EQ(AllEntries().back().entry_no, 5);
  EXPECT_EQ(AllEntries()[2].attachment_no, 0) << "entry 4 has no attachment";
}

TEST_P(DatabaseTest, PendingCopiesAreRecordedUntilTheirBatchIsCommitted) {
  const PendingCopy stored{"Storage", "mid:a@x"};
  const PendingCopy reviewed{"Review", "mid:a@x"};
  auto first = db_->RecordPendingCopies({stored, reviewed});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (std::vector<bool>{false, false}));

  // A pass that stopped before its commit: the next one finds both recorded.
  db_ = Open(url_);
  auto again = db_->RecordPendingCopies({stored, reviewed, {"Storage", "sha256:00ff"}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, (std::vector<bool>{true, true, false}));

  std::vector<PendingCopy> many;
  for (int i = 0; i < 1200; ++i) many.push_back({"Storage", "mid:" + std::to_string(i)});
  ASSERT_TRUE(db_->RecordPendingCopies(many).ok());
  EXPECT_EQ(ValueOf(db_->RecordPendingCopies(many)), std::vector<bool>(many.size(), true));

  LoggingBatch batch;
  batch.settled_copies = many;
  batch.settled_copies.push_back(stored);
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));
  auto after = db_->RecordPendingCopies({stored, reviewed});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(*after, (std::vector<bool>{false, true}));
  EXPECT_EQ(ValueOf(db_->RecordPendingCopies({many.back()})), std::vector<bool>{false});
}

TEST(CheckSchemaVersionTest, SaysWhatToDo) {
  EXPECT_TRUE(IsOk(CheckSchemaVersion(2, 2)));
  EXPECT_EQ(CheckSchemaVersion(0, 2).message(),
            "The database has not been initialized. Run 'mailtrail init'.");
  EXPECT_EQ(CheckSchemaVersion(1, 2).message(),
            "The database schema is older than this program. Run 'mailtrail init' to upgrade it.");
  EXPECT_EQ(CheckSchemaVersion(3, 2).message(), "The database was created by a newer mailtrail.");
  for (int found : {0, 1, 3}) {
    EXPECT_EQ(CheckSchemaVersion(found, 2).code(), StatusCode::kFailedPrecondition);
  }
}

TEST_P(DatabaseTest, ReopeningKeepsEverything) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("a@acme.example", "aa"), {Entry("CT000002", "JO")}}}})));
  const std::vector<InteractionLogEntry> entries = AllEntries();
  db_.reset();

  std::unique_ptr<Database> reopened = Open(url_);
  EXPECT_TRUE(IsOk(reopened->CheckSchema()));
  EXPECT_EQ(ValueOf(reopened->ListSalespersons()).size(), 2u);
  EXPECT_EQ(ValueOf(reopened->ListContacts()).size(), 2u);
  ExpectSame(ValueOf(reopened->ListEntries({})), entries);
}

TEST_P(DatabaseTest, ConnectionsSeeEachOthersCommits) {
  std::unique_ptr<Database> other = Open(url_);
  ASSERT_TRUE(IsOk(db_->AddSalesperson({"JO", "John Olsen", "john@us.example"})));
  ASSERT_TRUE(IsOk(other->AddSalesperson({"AB", "Anna Berg", "anna@us.example"})));
  EXPECT_EQ(ValueOf(db_->ListSalespersons()).size(), 2u);
  EXPECT_EQ(ValueOf(other->ListSalespersons()).size(), 2u);
}

TEST_P(DatabaseTest, ProgramsInitializingOneDatabaseAtOnceAllSucceed) {
  const std::string url = NewDatabase("concurrent");
  std::vector<std::unique_ptr<Database>> programs;
  for (int i = 0; i < 4; ++i) programs.push_back(Open(url));
  std::vector<Status> results(programs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < programs.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = programs[i]->Initialize(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& result : results) EXPECT_TRUE(IsOk(result));
  EXPECT_TRUE(IsOk(programs[0]->CheckSchema()));
  EXPECT_EQ(ValueOf(programs[0]->ListTemplates()).size(), 1u);
}

// ---- Users ----

TEST_P(DatabaseTest, UsersRoundTripAreUpdatedAndRemoved) {
  const domain::User ann{"ann", domain::PermissionSet::kBasic, "$argon2id$v=19$m=65536,t=2,p=1$YQ$Yg"};
  const domain::User admin{"admin", domain::PermissionSet::kEmailLoggingAdmin, "$argon2id$v=19$x"};
  ASSERT_TRUE(IsOk(db_->AddUser(ann)));
  ASSERT_TRUE(IsOk(db_->AddUser(admin)));
  const Status taken = db_->AddUser({"ann", domain::PermissionSet::kRelationshipMgmt, "other"});
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(taken.message(), "User 'ann' already exists.");

  const std::vector<domain::User> users = ValueOf(db_->ListUsers());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].name, "admin");
  EXPECT_EQ(users[0].permission_set, domain::PermissionSet::kEmailLoggingAdmin);
  EXPECT_EQ(users[1].password_hash, ann.password_hash);

  domain::User changed = ann;
  changed.permission_set = domain::PermissionSet::kRelationshipMgmt;
  changed.password_hash = "$argon2id$new";
  ASSERT_TRUE(IsOk(db_->UpdateUser(changed)));
  const std::optional<domain::User> found = ValueOf(db_->FindUser("ann"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->permission_set, domain::PermissionSet::kRelationshipMgmt);
  EXPECT_EQ(found->password_hash, "$argon2id$new");
  EXPECT_EQ(db_->UpdateUser({"nobody", domain::PermissionSet::kBasic, "x"}).code(), StatusCode::kNotFound);

  ASSERT_TRUE(IsOk(db_->RemoveUser("ann")));
  EXPECT_FALSE(ValueOf(db_->FindUser("ann")).has_value());
  EXPECT_EQ(db_->RemoveUser("ann").code(), StatusCode::kNotFound);
  EXPECT_EQ(ValueOf(db_->ListUsers()).size(), 1u);
}

// ---- Directory ----

TEST_P(DatabaseTest, SalespersonsRoundTripInCodeOrder) {
  const Salesperson jo{"JO", "Jörg Ødegård 山田", "jörg@us.example"};
  const Salesperson ab{"AB", "Anna Berg", "anna@us.example"};
  ASSERT_TRUE(IsOk(db_->AddSalesperson(jo)));
  ASSERT_TRUE(IsOk(db_->AddSalesperson(ab)));
  ExpectSame(ValueOf(db_->ListSalespersons()), {ab, jo});

  const Status duplicate = db_->AddSalesperson({"JO", "Someone Else", ""});
  EXPECT_EQ(duplicate.code(), StatusCode::kAlreadyExists) << duplicate.ToString();
  EXPECT_EQ(duplicate.message(), "Salesperson 'JO' already exists.");
  ExpectSame(ValueOf(db_->ListSalespersons()), {ab, jo});
  ExpectSame(ValueOf(db_->FindSalesperson("JO")), jo);
  EXPECT_FALSE(ValueOf(db_->FindSalesperson("jo")).has_value()) << "codes are stored upper-case and matched exactly";
}

TEST_P(DatabaseTest, ContactsRoundTripInNoOrder) {
  const Contact person = Person("CT000002", "", "CT000001");
  const Contact company = Company("CT000001", "info@acme.example");
  ASSERT_TRUE(IsOk(db_->AddContact(person)));
  ASSERT_TRUE(IsOk(db_->AddContact(company)));

  ExpectSame(ValueOf(db_->ListContacts()), {company, person});
  ExpectSame(ValueOf(db_->FindContact("CT000002")), person);
  EXPECT_FALSE(ValueOf(db_->FindContact("CT000003")).has_value());

  const Status duplicate = db_->AddContact(Company("CT000001", ""));
  EXPECT_EQ(duplicate.code(), StatusCode::kAlreadyExists) << duplicate.ToString();
  EXPECT_EQ(duplicate.message(), "Contact 'CT000001' already exists.");
}

TEST_P(DatabaseTest, PersonsOfACompanyAreListedInNoOrder) {
  const Contact acme = Company("CT000001", "info@acme.example");
  const Contact globex = Company("CT000002", "");
  const Contact eve = Person("CT000005", "eve@acme.example", "CT000001");
  const Contact bob = Person("CT000003", "", "CT000001");
  const Contact hank = Person("CT000004", "", "CT000002");
  for (const Contact& contact : {acme, globex, eve, bob, hank}) ASSERT_TRUE(IsOk(db_->AddContact(contact)));

  ExpectSame(ValueOf(db_->ListPersonsOf("CT000001")), {bob, eve});
  ExpectSame(ValueOf(db_->ListPersonsOf("CT000002")), {hank});
  EXPECT_TRUE(ValueOf(db_->ListPersonsOf("CT000003")).empty()) << "a person has no persons";
  EXPECT_TRUE(ValueOf(db_->ListPersonsOf("CT000009")).empty());
}

TEST_P(DatabaseTest, NextContactNoContinuesTheSeriesAndSkipsOtherNos) {
  EXPECT_EQ(ValueOf(db_->NextContactNo()), "CT000001");
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000001", ""))));
  EXPECT_EQ(ValueOf(db_->NextContactNo()), "CT000002");
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000002", ""))));
  EXPECT_EQ(ValueOf(db_->NextContactNo()), "CT000003");

  for (const char* other : {"ACME", "CT12", "CTX00009", "ct000050", "CT0000099", "CT00001A"}) {
    ASSERT_TRUE(IsOk(db_->AddContact(Company(other, ""))));
  }
  EXPECT_EQ(ValueOf(db_->NextContactNo()), "CT000003");

  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000041", ""))));
  EXPECT_EQ(ValueOf(db_->NextContactNo()), "CT000042");
}

TEST_P(DatabaseTest, NextContactNoFailsWhenTheSeriesIsUsedUp) {
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT999999", ""))));
  const Status status = db_->NextContactNo().status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
}

TEST_P(DatabaseTest, SetContactEmailPushesToThePersonsOfTheCompanyThatHadTheOldValue) {
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000001", "old@acme.example"))));
  ASSERT_TRUE(IsOk(db_->AddContact(Person("CT000002", "OLD@Acme.Example", "CT000001"))));
  ASSERT_TRUE(IsOk(db_->AddContact(Person("CT000003", "eve@acme.example", "CT000001"))));
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000004", "old@acme.example"))));
  ASSERT_TRUE(IsOk(db_->AddContact(Person("CT000005", "old@acme.example", "CT000004"))));

  ASSERT_TRUE(IsOk(db_->SetContactEmail("CT000001", "new@acme.example", "old@acme.example")));

  ExpectSame(
      ValueOf(db_->ListContacts()),
      {Company("CT000001", "new@acme.example"), Person("CT000002", "new@acme.example", "CT000001"),
       Person("CT000003", "eve@acme.example", "CT000001"), Company("CT000004", "old@acme.example"),
       Person("CT000005", "old@acme.example", "CT000004")});
}

TEST_P(DatabaseTest, SetContactEmailWithoutPushChangesTheContactOnly) {
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000001", "old@acme.example"))));
  ASSERT_TRUE(IsOk(db_->AddContact(Person("CT000002", "old@acme.example", "CT000001"))));

  ASSERT_TRUE(IsOk(db_->SetContactEmail("CT000001", "new@acme.example", std::nullopt)));

  ExpectSame(ValueOf(db_->ListContacts()), {Company("CT000001", "new@acme.example"),
                                            Person("CT000002", "old@acme.example", "CT000001")});
  const Status missing = db_->SetContactEmail("CT000009", "x@acme.example", std::nullopt);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
  EXPECT_EQ(missing.message(), "Contact 'CT000009' does not exist.");
}

TEST_P(DatabaseTest, ContactsKeepTheirDoNotLogMark) {
  Contact marked = Person("CT000001", "pat@clinic.example", "");
  marked.do_not_log = true;
  ASSERT_TRUE(IsOk(db_->AddContact(marked)));
  ASSERT_TRUE(IsOk(db_->AddContact(Company("CT000002", "info@acme.example"))));
  ExpectSame(ValueOf(db_->FindContact("CT000001")), marked);

  ASSERT_TRUE(IsOk(db_->SetContactDoNotLog("CT000001", false)));
  ASSERT_TRUE(IsOk(db_->SetContactDoNotLog("CT000002", true)));
  marked.do_not_log = false;
  Contact acme = Company("CT000002", "info@acme.example");
  acme.do_not_log = true;
  ExpectSame(ValueOf(db_->ListContacts()), {marked, acme});

  const Status missing = db_->SetContactDoNotLog("CT000009", true);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
  EXPECT_EQ(missing.message(), "Contact 'CT000009' does not exist.");
}

TEST_P(DatabaseTest, NeverLogListAddsListsAndRemoves) {
  EXPECT_TRUE(ValueOf(db_->ListNeverLog()).empty());
  for (const char* entry : {"hospital.example", "ceo@globex.example"}) ASSERT_TRUE(IsOk(db_->AddNeverLog(entry)));
  EXPECT_EQ(ValueOf(db_->ListNeverLog()), (std::vector<std::string>{"ceo@globex.example", "hospital.example"}));

  const Status again = db_->AddNeverLog("hospital.example");
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_EQ(again.message(), "'hospital.example' is on the never-log list already.");

  ASSERT_TRUE(IsOk(db_->RemoveNeverLog("hospital.example")));
  EXPECT_EQ(ValueOf(db_->ListNeverLog()), std::vector<std::string>{"ceo@globex.example"});
  const Status gone = db_->RemoveNeverLog("hospital.example");
  EXPECT_EQ(gone.code(), StatusCode::kNotFound) << gone.ToString();
  EXPECT_EQ(gone.message(), "'hospital.example' is not on the never-log list.");
}

TEST_P(DatabaseTest, AltAddressesRoundTripInContactAndCodeOrder) {
  AddDirectory();
  const ContactAltAddress home{"CT000002", "HOME", "eve@home.example"};
  const ContactAltAddress billing{"CT000001", "BILLING", "billing@acme.example"};
  const ContactAltAddress accounts{"CT000001", "ACCOUNTS", "accounts@acme.example"};
  for (const ContactAltAddress& address : {home, billing, accounts}) {
    ASSERT_TRUE(IsOk(db_->AddAltAddress(address)));
  }
  ExpectSame(ValueOf(db_->ListAltAddresses()), {accounts, billing, home});

  const Status duplicate = db_->AddAltAddress({"CT000001", "BILLING", "other@acme.example"});
  EXPECT_EQ(duplicate.code(), StatusCode::kAlreadyExists) << duplicate.ToString();
  EXPECT_EQ(duplicate.message(), "Contact 'CT000001' already has an alt. address 'BILLING'.");
  const Status no_contact = db_->AddAltAddress({"CT000009", "HOME", "x@example.com"});
  EXPECT_EQ(no_contact.code(), StatusCode::kNotFound) << no_contact.ToString();
  EXPECT_EQ(no_contact.message(), "Contact 'CT000009' does not exist.");
  EXPECT_EQ(ValueOf(db_->ListAltAddresses()).size(), 3u);

  ExpectSame(ValueOf(db_->ListAltAddressesOf("CT000001")), {accounts, billing});
  ExpectSame(ValueOf(db_->ListAltAddressesOf("CT000002")), {home});
  EXPECT_TRUE(ValueOf(db_->ListAltAddressesOf("CT000009")).empty());
}

TEST_P(DatabaseTest, GroupsAndTemplatesRoundTrip) {
  const InteractionGroup sales{"SALES", "Sales – Außendienst"};
  ASSERT_TRUE(IsOk(db_->AddGroup(sales)));
  const InteractionTemplate meeting{.code = "MEETING",
                                    .group_code = "SALES",
                                    .description = "Meeting",
                                    .unit_cost = 12.5,
                                    .unit_duration_min = 1.0 / 3.0,
                                    .information_flow = InformationFlow::kInbound,
                                    .initiated_by = InitiatedBy::kThem};
  const InteractionTemplate call{.code = "CALL",
                                 .group_code = "SALES",
                                 .description = "Call",
                                 .unit_cost = 0.1,
                                 .unit_duration_min = 1e-9,
                                 .information_flow = InformationFlow::kOutbound};
  const InteractionTemplate letter{.code = "LETTER",
                                   .group_code = "SALES",
                                   .description = "Letter",
                                   .initiated_by = InitiatedBy::kUs};
  for (const InteractionTemplate& tmpl : {meeting, call, letter}) {
    ASSERT_TRUE(IsOk(db_->AddTemplate(tmpl)));
  }

  ExpectSame(ValueOf(db_->FindTemplate("MEETING")), meeting);
  EXPECT_FALSE(ValueOf(db_->FindTemplate("VISIT")).has_value());
  const InteractionTemplate email{.code = "EMAIL", .group_code = "SYSTEM", .description = "Email"};
  ExpectSame(ValueOf(db_->ListTemplates()), {call, email, letter, meeting});
  ExpectSame(ValueOf(db_->ListGroups()), {sales, {"SYSTEM", "System"}});
}

TEST_P(DatabaseTest, GroupsAndTemplatesRefuseDuplicatesAndUnknownGroups) {
  const Status group = db_->AddGroup({"SYSTEM", "Other"});
  EXPECT_EQ(group.code(), StatusCode::kAlreadyExists) << group.ToString();
  EXPECT_EQ(group.message(), "Interaction group 'SYSTEM' already exists.");

  const Status tmpl = db_->AddTemplate({.code = "EMAIL", .group_code = "SYSTEM"});
  EXPECT_EQ(tmpl.code(), StatusCode::kAlreadyExists) << tmpl.ToString();
  EXPECT_EQ(tmpl.message(), "Interaction template 'EMAIL' already exists.");

  const Status no_group = db_->AddTemplate({.code = "VISIT", .group_code = "FIELD"});
  EXPECT_EQ(no_group.code(), StatusCode::kNotFound) << no_group.ToString();
  EXPECT_EQ(no_group.message(), "Interaction group 'FIELD' does not exist.");
  EXPECT_FALSE(ValueOf(db_->FindTemplate("VISIT")).has_value());
}

// ---- Setup ----

TEST_P(DatabaseTest, SetupRoundTrips) {
  const domain::Setup setup{.mail_store = "maildir:///srv/mail/Sälj",
                            .queue_folder = "Sales/Queue",
                            .storage_folder = "Sales/Storage",
                            .email_template = "MAIL",
                            .batch_size = 250,
                            .recipients = domain::RecipientScope::kToAndCc,
                            .inherit_communication_details = false,
                            .unmatched_action = {"Review"},
                            .max_file_size = 2048};
  ASSERT_TRUE(IsOk(db_->SaveSetup(setup)));
  EXPECT_EQ(Tie(ValueOf(db_->LoadSetup())), Tie(setup));

  ASSERT_TRUE(IsOk(db_->SaveSetup(domain::Setup{})));
  EXPECT_EQ(Tie(ValueOf(db_->LoadSetup())), Tie(domain::Setup{}));
}

// ---- Email log ----

TEST_P(DatabaseTest, LoggingBatchRoundTrips) {
  AddDirectory();
  const Attachment with_id = StoredMessage("quote-1@acme.example", "aa");
  const Attachment without_id = StoredMessage("", "bb");
  InteractionLogEntry inbound = Entry("CT000002", "AB");
  inbound.information_flow = InformationFlow::kInbound;
  inbound.initiated_by = InitiatedBy::kThem;
  inbound.contact_alt_address_code = "HOME";
  inbound.subject = "Ünïcode – 件名";
  inbound.description = inbound.subject;
  inbound.cost = 0.1;
  inbound.duration_min = 1.0 / 3.0;
  inbound.email_logged = false;
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{with_id, {Entry("CT000001", "JO"), Entry("CT000002", "JO")}},
                           {without_id, {inbound}}}})));

  const std::vector<InteractionLogEntry> entries = AllEntries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_LT(entries[0].entry_no, entries[1].entry_no);
  EXPECT_LT(entries[1].entry_no, entries[2].entry_no);
  EXPECT_EQ(entries[0].attachment_no, entries[1].attachment_no);
  EXPECT_NE(entries[1].attachment_no, entries[2].attachment_no);

  InteractionLogEntry expected = inbound;
  expected.entry_no = entries[2].entry_no;
  expected.attachment_no = entries[2].attachment_no;
  EXPECT_EQ(Tie(entries[2]), Tie(expected));
  EXPECT_EQ(entries[0].message_id, "quote-1@acme.example");
  EXPECT_EQ(entries[1].message_id, "quote-1@acme.example");
  ExpectSame(ValueOf(db_->GetEntry(entries[0].entry_no)), entries[0]);

  Attachment stored_with_id = with_id;
  stored_with_id.attachment_no = entries[0].attachment_no;
  ExpectSame(ValueOf(db_->GetAttachment(stored_with_id.attachment_no)), stored_with_id);
  Attachment stored_without_id = without_id;
  stored_without_id.attachment_no = entries[2].attachment_no;
  ExpectSame(ValueOf(db_->GetAttachment(stored_without_id.attachment_no)), stored_without_id);
}

TEST_P(DatabaseTest, EntriesAreFilteredAndPagedByKey) {
  AddDirectory();
  // Ten messages, one entry each: JO and AB take turns, a day apart, every third inbound.
  LoggingBatch batch;
  for (int i = 0; i < 10; ++i) {
    InteractionLogEntry entry = Entry(i % 2 ? "CT000002" : "CT000001", i % 2 ? "AB" : "JO");
    entry.date = "2026-03-0" + std::to_string(i);
    entry.subject = i == 4 ? "Re: 100% Quote_4" : "Order " + std::to_string(i);
    if (i % 3 == 0) entry.information_flow = InformationFlow::kInbound;
    if (i == 7) entry.interaction_template_code = "CALL";
    batch.new_attachments.push_back({StoredMessage("m" + std::to_string(i) + "@acme.example", "h" + std::to_string(i)), {entry}});
  }
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));
  const std::vector<InteractionLogEntry> all = AllEntries();
  ASSERT_EQ(all.size(), 10u);
  auto nos = [this](const db::EntryFilter& filter) {
    std::vector<std::int64_t> found;
    for (const auto& e : ValueOf(db_->ListEntries(filter))) found.push_back(e.entry_no);
    return found;
  };
  auto nos_of = [&all](std::initializer_list<int> indices) {
    std::vector<std::int64_t> found;
    for (int i : indices) found.push_back(all[static_cast<std::size_t>(i)].entry_no);
    return found;
  };
  EXPECT_EQ(nos({.salesperson_code = "JO"}), nos_of({0, 2, 4, 6, 8}));
  EXPECT_EQ(nos({.contact_no = "CT000002", .date_from = "2026-03-03", .date_to = "2026-03-07"}), nos_of({3, 5, 7}));
  EXPECT_EQ(nos({.information_flow = InformationFlow::kInbound}), nos_of({0, 3, 6, 9}));
  EXPECT_EQ(nos({.template_code = "CALL"}), nos_of({7}));
  EXPECT_EQ(nos({.subject_contains = "QUOTE"}), nos_of({4}));
  EXPECT_EQ(nos({.subject_contains = "100%"}), nos_of({4})) << "% is no wildcard";
  EXPECT_EQ(nos({.subject_contains = "0_"}), std::vector<std::int64_t>()) << "_ is no wildcard";
  // Pages of 3 by key, the last one short, then none.
  EXPECT_EQ(nos({.limit = 3}), nos_of({0, 1, 2}));
  EXPECT_EQ(nos({.after_entry_no = all[2].entry_no, .limit = 3}), nos_of({3, 4, 5}));
  EXPECT_EQ(nos({.salesperson_code = "AB", .after_entry_no = all[5].entry_no, .limit = 3}), nos_of({7, 9}));
  EXPECT_TRUE(nos({.after_entry_no = all[9].entry_no, .limit = 3}).empty());
}

TEST_P(DatabaseTest, EntriesAreEvaluatedCanceledAndDeletedWhenCanceled) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("a@acme.example", "aa"), {Entry("CT000001", "JO"), Entry("CT000002", "JO")}}}})));
  const std::vector<InteractionLogEntry> entries = AllEntries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].evaluation, domain::Evaluation::kNone);
  EXPECT_FALSE(entries[0].canceled);
  ASSERT_TRUE(IsOk(db_->SetEntryEvaluation(entries[0].entry_no, domain::Evaluation::kVeryPositive)));
  ASSERT_TRUE(IsOk(db_->SetEntryCanceled(entries[1].entry_no, true)));
  EXPECT_EQ(ValueOf(db_->GetEntry(entries[0].entry_no))->evaluation, domain::Evaluation::kVeryPositive);
  EXPECT_TRUE(ValueOf(db_->GetEntry(entries[1].entry_no))->canceled);
  EXPECT_EQ(db_->SetEntryEvaluation(999, domain::Evaluation::kNeutral).code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->SetEntryCanceled(999, true).code(), StatusCode::kNotFound);

  EXPECT_EQ(ValueOf(db_->DeleteCanceledEntries()), 1);
  ASSERT_EQ(AllEntries().size(), 1u);
  EXPECT_EQ(AllEntries()[0].entry_no, entries[0].entry_no);
  EXPECT_TRUE(ValueOf(db_->GetAttachment(entries[1].attachment_no)).has_value()) << "its attachment stays";
  EXPECT_EQ(ValueOf(db_->DeleteCanceledEntries()), 0);
}

TEST_P(DatabaseTest, EntriesAreCountedByPeriodSalespersonAndDirectionWithoutTheCanceled) {
  AddDirectory();
  // {date, salesperson, inbound}: one message (and entry) each.
  const std::vector<std::tuple<std::string, std::string, bool>> logged = {
      {"2026-02-28", "JO", false},  // before the first period
      {"2026-03-02", "JO", false}, {"2026-03-02", "JO", false}, {"2026-03-08", "AB", true},
      {"2026-03-08", "JO", true},   // period 0: Monday 2 to Sunday 8 March
      {"2026-03-09", "AB", false},  // period 1 (9 to 15 March) holds nothing else
      {"2026-03-16", "AB", false},  // the end bound itself is outside
  };
  LoggingBatch batch;
  for (std::size_t i = 0; i < logged.size(); ++i) {
    const auto& [date, salesperson, inbound] = logged[i];
    InteractionLogEntry entry = Entry("CT000002", salesperson);
    entry.date = date;
    if (inbound) entry.information_flow = InformationFlow::kInbound;
    batch.new_attachments.push_back({StoredMessage("c" + std::to_string(i) + "@acme.example", "c" + std::to_string(i)), {entry}});
  }
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));
  const std::vector<std::string> weeks = {"2026-03-02", "2026-03-09", "2026-03-16"};
  ExpectSame(ValueOf(db_->CountEntries(weeks)), {{0, "AB", InformationFlow::kInbound, 1},
                                                 {0, "JO", InformationFlow::kInbound, 1},
                                                 {0, "JO", InformationFlow::kOutbound, 2},
                                                 {1, "AB", InformationFlow::kOutbound, 1}});

  // A canceled entry no longer counts.
  const std::int64_t first_of_march_2 = AllEntries()[1].entry_no;
  ASSERT_TRUE(IsOk(db_->SetEntryCanceled(first_of_march_2, true)));
  ExpectSame(ValueOf(db_->CountEntries(weeks)), {{0, "AB", InformationFlow::kInbound, 1},
                                                 {0, "JO", InformationFlow::kInbound, 1},
                                                 {0, "JO", InformationFlow::kOutbound, 1},
                                                 {1, "AB", InformationFlow::kOutbound, 1}});
  ExpectSame(ValueOf(db_->CountEntries({"2026-03-16", "2026-03-23"})), {{0, "AB", InformationFlow::kOutbound, 1}});
  EXPECT_TRUE(ValueOf(db_->CountEntries({"2027-01-04", "2027-01-11"})).empty());

  EXPECT_EQ(db_->CountEntries({"2026-03-02"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->CountEntries({"2026-03-09", "2026-03-02"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->CountEntries(std::vector<std::string>(kMaxCountBounds + 1, "2026-03-02")).status().code(),
            StatusCode::kInvalidArgument);
  // As many periods as are allowed, each of them a day.
  std::vector<std::string> days;
  for (int day = 0; day < static_cast<int>(kMaxCountBounds); ++day) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} +
                                           std::chrono::days{day}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    days.push_back(text);
  }
  ExpectSame(ValueOf(db_->CountEntries(days)), {{0, "JO", InformationFlow::kOutbound, 1},
                                                {6, "AB", InformationFlow::kInbound, 1},
                                                {6, "JO", InformationFlow::kInbound, 1},
                                                {7, "AB", InformationFlow::kOutbound, 1},
                                                {14, "AB", InformationFlow::kOutbound, 1}});
}

// ---- Interactions people create ----

// Entry `entry` as a person created it (Create Interaction).
InteractionLogEntry Created(InteractionLogEntry entry, bool postponed = false) {
  entry.interaction_template_code = "MEETING";
  entry.interaction_group_code = "SALES";
  entry.email_logged = false;
  entry.postponed = postponed;
  return entry;
}

// A file of every byte value, which base64 text in the database must keep.
domain::InteractionFile EveryByte(std::string name) {
  std::string content;
  for (int i = 0; i < 256; ++i) content += static_cast<char>(i);
  return {std::move(name), "application/octet-stream", content};
}

TEST_P(DatabaseTest, CreatedInteractionsHaveNoAttachmentAndMayHaveAFile) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("a@acme.example", "aa"), {Entry("CT000001", "JO")}}}})));
  InteractionLogEntry call = Created(Entry("CT000002", "AB"));
  call.attachment_no = 99;  // ignored
  const std::int64_t call_no = ValueOf(db_->AddInteraction(call, std::nullopt));
  const domain::InteractionFile offer = EveryByte("offer – 2026.pdf");
  const std::int64_t visit_no = ValueOf(db_->AddInteraction(Created(Entry("CT000001", "JO")), offer));

  call.entry_no = call_no;
  call.attachment_no = 0;
  ExpectSame(ValueOf(db_->GetEntry(call_no)), call);
  EXPECT_EQ(ValueOf(db_->GetEntry(visit_no))->file_name, "offer – 2026.pdf");
  ExpectSame(ValueOf(db_->GetEntryFile(visit_no)), offer);
  EXPECT_FALSE(ValueOf(db_->GetEntryFile(call_no)).has_value());
  EXPECT_FALSE(ValueOf(db_->GetEntryFile(AllEntries()[0].entry_no)).has_value()) << "a logged email has no file";
  EXPECT_FALSE(ValueOf(db_->GetEntryFile(42)).has_value());
  EXPECT_EQ(AllEntries().size(), 3u);
  EXPECT_EQ(ValueOf(db_->ListEntries({.template_code = "MEETING"})).size(), 2u);

  const Status no_contact = db_->AddInteraction(Created(Entry("CT000009", "JO")), offer).status();
  EXPECT_EQ(no_contact.code(), StatusCode::kFailedPrecondition) << no_contact.ToString();
  EXPECT_EQ(AllEntries().size(), 3u);

  // Deleted when canceled, the file goes with its entry.
  ASSERT_TRUE(IsOk(db_->SetEntryCanceled(visit_no, true)));
  EXPECT_EQ(ValueOf(db_->DeleteCanceledEntries()), 1);
  int files = -1;
  *GetParam().connect(url_) << "SELECT COUNT(*) FROM interaction_files", soci::into(files);
  EXPECT_EQ(files, 0);
}

TEST_P(DatabaseTest, PostponedInteractionsAreNoEntriesUntilCompleted) {
  AddDirectory();
  InteractionLogEntry visit = Created(Entry("CT000002", "AB"), true);
  visit.entry_no = ValueOf(db_->AddInteraction(visit, EveryByte("notes.bin")));
  visit.file_name = "notes.bin";
  const std::int64_t other_no = ValueOf(db_->AddInteraction(Created(Entry("CT000001", "JO"), true), std::nullopt));

  EXPECT_TRUE(AllEntries().empty());
  EXPECT_FALSE(ValueOf(db_->GetEntry(visit.entry_no)).has_value());
  EXPECT_FALSE(ValueOf(db_->GetEntryFile(visit.entry_no)).has_value());
  EXPECT_EQ(db_->SetEntryEvaluation(visit.entry_no, domain::Evaluation::kPositive).code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->SetEntryCanceled(visit.entry_no, true).code(), StatusCode::kNotFound);
  EXPECT_TRUE(ValueOf(db_->CountEntries({"2026-03-02", "2026-03-03"})).empty());
  const std::vector<InteractionLogEntry> postponed = ValueOf(db_->ListPostponedInteractions());
  ASSERT_EQ(postponed.size(), 2u);
  EXPECT_EQ(Tie(postponed[0]), Tie(visit));
  EXPECT_EQ(postponed[1].entry_no, other_no);
  ExpectSame(ValueOf(db_->GetPostponedInteraction(visit.entry_no)), visit);

  // Saved and still postponed; then completed with a new file in place of the old one.
  visit.description = visit.subject = "Visit, finished later";
  ASSERT_TRUE(IsOk(db_->SavePostponedInteraction(visit, std::nullopt)));
  ExpectSame(ValueOf(db_->GetPostponedInteraction(visit.entry_no)), visit);
  EXPECT_TRUE(AllEntries().empty());
  visit.postponed = false;
  const domain::InteractionFile report{"report.txt", "text/plain", "Went well."};
  ASSERT_TRUE(IsOk(db_->SavePostponedInteraction(visit, report)));
  visit.file_name = "report.txt";
  ExpectSame(AllEntries(), {visit});
  ExpectSame(ValueOf(db_->CountEntries({"2026-03-02", "2026-03-03"})), {{0, "AB", InformationFlow::kOutbound, 1}});
  ExpectSame(ValueOf(db_->GetEntryFile(visit.entry_no)), report);
  EXPECT_FALSE(ValueOf(db_->GetPostponedInteraction(visit.entry_no)).has_value());
  const Status again = db_->SavePostponedInteraction(visit, std::nullopt);
  EXPECT_EQ(again.code(), StatusCode::kNotFound) << again.ToString();
  EXPECT_EQ(again.message(), "Postponed interaction " + std::to_string(visit.entry_no) + " does not exist.");

  // Only a postponed interaction is deleted this way.
  EXPECT_EQ(db_->DeletePostponedInteraction(visit.entry_no).code(), StatusCode::kNotFound);
  ASSERT_TRUE(IsOk(db_->DeletePostponedInteraction(other_no)));
  EXPECT_EQ(db_->DeletePostponedInteraction(other_no).code(), StatusCode::kNotFound);
  EXPECT_TRUE(ValueOf(db_->ListPostponedInteractions()).empty());
  ExpectSame(AllEntries(), {visit});
}

TEST_P(DatabaseTest, ApiTokensBelongToAUserAndGoWithIt) {
  ASSERT_TRUE(IsOk(db_->AddUser({"ann", domain::PermissionSet::kBasic, "$argon2id$x"})));
  ASSERT_TRUE(IsOk(db_->AddApiToken({"hash-1", "ann", "reports"})));
  EXPECT_EQ(db_->AddApiToken({"hash-2", "bob", ""}).code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->AddApiToken({"hash-1", "ann", ""}).code(), StatusCode::kAlreadyExists);
  const std::optional<domain::ApiToken> found = ValueOf(db_->FindApiToken("hash-1"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_name, "ann");
  EXPECT_EQ(found->label, "reports");
  EXPECT_FALSE(ValueOf(db_->FindApiToken("hash-2")).has_value());
  ASSERT_TRUE(IsOk(db_->RemoveUser("ann")));
  EXPECT_FALSE(ValueOf(db_->FindApiToken("hash-1")).has_value()) << "a removed user's tokens are gone";
}

TEST_P(DatabaseTest, GetReturnsNothingForUnknownNumbers) {
  EXPECT_FALSE(ValueOf(db_->GetEntry(42)).has_value());
  EXPECT_FALSE(ValueOf(db_->GetAttachment(42)).has_value());
}

TEST_P(DatabaseTest, FindLoggedAttachmentByMessageIdElseByHashAmongThoseWithout) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"), {Entry("CT000001", "JO")}},
                           {StoredMessage("", "bb"), {Entry("CT000001", "JO")}}}})));

  const auto by_id = ValueOf(db_->FindLoggedAttachment("quote-1@acme.example", "other-hash"));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->content_hash, "aa");
  const auto by_hash = ValueOf(db_->FindLoggedAttachment("", "bb"));
  ASSERT_TRUE(by_hash.has_value());
  EXPECT_EQ(by_hash->message_id, "");

  // A hash match must not find a message that has a Message-ID, nor an unknown
  // Message-ID fall back to the hash.
  EXPECT_FALSE(ValueOf(db_->FindLoggedAttachment("", "aa")).has_value());
  EXPECT_FALSE(ValueOf(db_->FindLoggedAttachment("quote-2@acme.example", "bb")).has_value());
  EXPECT_FALSE(ValueOf(db_->FindLoggedAttachment("QUOTE-1@acme.example", "aa")).has_value());
}

TEST_P(DatabaseTest, FindLoggedAttachmentsAnswersAWholeBatchInOrder) {
  AddDirectory();
  LoggingBatch batch;
  std::vector<MessageIdentity> asked;
  for (int i = 0; i < 1200; ++i) {  // several IN lists
    const std::string id = i % 3 == 0 ? "" : "m" + std::to_string(i) + "@acme.example";
    const std::string hash = "h" + std::to_string(i);
    if (i % 2 == 0) batch.new_attachments.push_back({StoredMessage(id, hash), {Entry("CT000001", "JO")}});
    asked.push_back({id, hash});
  }
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));

  const std::vector<std::optional<Attachment>> found = ValueOf(db_->FindLoggedAttachments(asked));
  ASSERT_EQ(found.size(), asked.size());
  for (std::size_t i = 0; i < asked.size(); ++i) {
    ASSERT_EQ(found[i].has_value(), i % 2 == 0) << i;
    if (found[i]) {
      EXPECT_EQ(found[i]->content_hash, asked[i].content_hash) << i;
    }
  }
}

TEST_P(DatabaseTest, FailingBatchRecordsNothing) {
  AddDirectory();
  // The second attachment's entry names a contact that does not exist.
  const Status status = db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"), {Entry("CT000001", "JO")}},
                           {StoredMessage("quote-2@acme.example", "bb"),
                            {Entry("CT000002", "JO"), Entry("CT000404", "JO")}}}});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();

  EXPECT_TRUE(AllEntries().empty());
  EXPECT_FALSE(ValueOf(db_->FindLoggedAttachment("quote-1@acme.example", "aa")).has_value());
  EXPECT_FALSE(ValueOf(db_->FindLoggedAttachment("quote-2@acme.example", "bb")).has_value());

  // The database is usable afterwards.
  ASSERT_TRUE(IsOk(
      db_->CommitLoggingBatch({.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"),
                                                    {Entry("CT000001", "JO")}}}})));
  EXPECT_EQ(AllEntries().size(), 1u);
}

TEST_P(DatabaseTest, MessageIdIsLoggedOnce) {
  AddDirectory();
  const LoggingBatch batch{.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"),
                                                {Entry("CT000001", "JO")}}}};
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));
  const Status again = db_->CommitLoggingBatch(batch);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition) << again.ToString();
  EXPECT_EQ(AllEntries().size(), 1u);
}

// Runs `call` on another thread while a raw session holds `insert_sql` inserted but
// not committed, and commits it while `call` is (most likely) waiting for it, as a
// second worker would. Returns what `call` returned.
Status RaceAgainstUncommittedInsert(soci::session& raw, const std::string& insert_sql,
                                    const std::function<Status()>& call) {
  raw << "BEGIN";
  raw << insert_sql;
  Status status;
  std::thread racer([&] { status = call(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  raw << "COMMIT";
  racer.join();
  return status;
}

TEST_P(DatabaseTest, RacingWritersOfOneMessageIdLogItOnce) {
  AddDirectory();
  std::unique_ptr<soci::session> raw = GetParam().connect(url_);
  const Status status = RaceAgainstUncommittedInsert(
      *raw,
      "INSERT INTO attachments (storage_folder, storage_key, uidvalidity, message_id,"
      " content_hash, size) VALUES ('Storage', 'first', 0, 'quote-1@acme.example', 'aa', 1)",
      [&] {
        return db_->CommitLoggingBatch(
            {.new_attachments = {
                 {StoredMessage("quote-1@acme.example", "aa"), {Entry("CT000001", "JO")}}}});
      });
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition) << status.ToString();
  EXPECT_TRUE(AllEntries().empty());
  const auto logged = ValueOf(db_->FindLoggedAttachment("quote-1@acme.example", "aa"));
  ASSERT_TRUE(logged.has_value());
  EXPECT_EQ(logged->location.key, "first");
}

TEST_P(DatabaseTest, RacingWritersOfOneCodeGetAlreadyExists) {
  std::unique_ptr<soci::session> raw = GetParam().connect(url_);
  const Status status = RaceAgainstUncommittedInsert(
      *raw, "INSERT INTO salespersons (code, name, email) VALUES ('JO', 'First', '')", [&] {
        return db_->AddSalesperson({"JO", "Second", ""});
      });
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_EQ(status.message(), "Salesperson 'JO' already exists.");
  ExpectSame(ValueOf(db_->ListSalespersons()), {{"JO", "First", ""}});
}

TEST_P(DatabaseTest, RelinkPointsTheAttachmentAtTheNewCopy) {
  AddDirectory();
  ASSERT_TRUE(IsOk(
      db_->CommitLoggingBatch({.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"),
                                                    {Entry("CT000001", "JO")}}}})));
  const std::int64_t attachment_no = AllEntries().at(0).attachment_no;
  const StoredLocation copy{"Archive", "1700000000.M1P2.host", 3405691582};

  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch({.relinks = {{attachment_no, copy}}})));

  const auto attachment = ValueOf(db_->GetAttachment(attachment_no));
  ASSERT_TRUE(attachment.has_value());
  EXPECT_EQ(attachment->location, copy);
  EXPECT_EQ(attachment->message_id, "quote-1@acme.example");
}

TEST_P(DatabaseTest, ListsAttachmentsInKeysetPagesAndTheEntriesOfOne) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"), {Entry("CT000001", "JO")}},
                           {StoredMessage("quote-2@acme.example", "bb"),
                            {Entry("CT000001", "JO"), Entry("CT000002", "JO")}},
                           {StoredMessage("", "cc"), {Entry("CT000002", "JO")}}}})));
  const std::vector<Attachment> all = ValueOf(db_->ListAttachments(0, 0));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].message_id, "quote-1@acme.example");
  EXPECT_EQ(all[2].content_hash, "cc");
  const std::vector<Attachment> page = ValueOf(db_->ListAttachments(all[0].attachment_no, 1));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].attachment_no, all[1].attachment_no);
  EXPECT_TRUE(ValueOf(db_->ListAttachments(all[2].attachment_no, 0)).empty());

  const auto entries = ValueOf(db_->ListEntries({.attachment_no = all[1].attachment_no}));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].contact_no, "CT000001");
  EXPECT_EQ(entries[1].contact_no, "CT000002");
}

TEST_P(DatabaseTest, RelinkOfAnUnknownAttachmentRecordsNothing) {
  AddDirectory();
  const Status status =
      db_->CommitLoggingBatch({.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"),
                                                    {Entry("CT000001", "JO")}}},
                               .relinks = {{404, {"Storage", "key", 0}}}});
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_EQ(status.message(), "Attachment 404 does not exist.");
  EXPECT_TRUE(AllEntries().empty());
}

TEST_P(DatabaseTest, ListEntriesFiltersBySalespersonAndContact) {
  AddDirectory();
  ASSERT_TRUE(IsOk(db_->CommitLoggingBatch(
      {.new_attachments = {{StoredMessage("m1@acme.example", "aa"),
                            {Entry("CT000001", "JO"), Entry("CT000002", "JO")}},
                           {StoredMessage("m2@acme.example", "bb"), {Entry("CT000001", "AB")}}}})));
  auto keys = [this](const EntryFilter& filter) {
    std::vector<std::pair<std::string, std::string>> found;
    for (const InteractionLogEntry& entry : ValueOf(db_->ListEntries(filter))) {
      found.emplace_back(entry.salesperson_code, entry.contact_no);
    }
    return found;
  };
  using Keys = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(keys({}), (Keys{{"JO", "CT000001"}, {"JO", "CT000002"}, {"AB", "CT000001"}}));
  EXPECT_EQ(keys({.salesperson_code = "JO"}), (Keys{{"JO", "CT000001"}, {"JO", "CT000002"}}));
  EXPECT_EQ(keys({.contact_no = "CT000001"}), (Keys{{"JO", "CT000001"}, {"AB", "CT000001"}}));
  EXPECT_EQ(keys({.salesperson_code = "AB", .contact_no = "CT000001"}), (Keys{{"AB", "CT000001"}}));
  EXPECT_TRUE(keys({.salesperson_code = "ZZ"}).empty());
}

// ---- Job queue ----

TEST_P(DatabaseTest, JobsRoundTripInIdOrder) {
  JobQueueEntry windowed = Job("SYNC", kNow + 600, JobStatus::kError);
  windowed.object_to_run = "contact-sync";
  windowed.description = "Abgleich – 件名";
  // 0 and 1440: set, unlike NULL.
  windowed.recurrence = {
      .every_minutes = 15, .start_minute = 0, .end_minute = 1440, .weekdays = 0x1f};
  windowed.max_attempts = 5;
  windowed.attempts = 2;
  windowed.last_error = "The queue folder 'Queue' does not exist.";
  windowed.last_error_context = "Validating setup";
  windowed.lease_owner = "host-1/42";
  windowed.lease_until = kNow + kHour;
  windowed = Added(windowed);
  const JobQueueEntry plain = Added(domain::EmailLoggingJob(kNow));
  EXPECT_LT(windowed.id, plain.id);
  ExpectSame(ValueOf(db_->ListJobs()), {windowed, plain});
  ExpectSame(ValueOf(db_->GetJob(plain.id)), plain);
  EXPECT_FALSE(ValueOf(db_->GetJob(404)).has_value());

  // Every field but the id changes: the two swap their contents.
  JobQueueEntry now_plain = plain;
  now_plain.id = windowed.id;
  JobQueueEntry now_windowed = windowed;
  now_windowed.id = plain.id;
  ASSERT_TRUE(IsOk(db_->UpdateJob(now_plain)));
  ASSERT_TRUE(IsOk(db_->UpdateJob(now_windowed)));
  ExpectSame(ValueOf(db_->ListJobs()), {now_plain, now_windowed});

  JobQueueEntry missing = plain;
  missing.id = 404;
  const Status status = db_->UpdateJob(missing);
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_EQ(status.message(), "Job 404 does not exist.");
}

TEST_P(DatabaseTest, LeaseJobPicksTheEarliestDueReadyJob) {
  const JobQueueEntry due_now = Added(Job("", kNow));
  const JobQueueEntry first = Added(Job("", kNow - 300));
  const JobQueueEntry tied = Added(Job("", kNow - 300));  // same time, higher id
  Added(Job("", kNow + 1));
  for (JobStatus status : {JobStatus::kOnHold, JobStatus::kFinished, JobStatus::kError}) {
    Added(Job("", kNow - 1000, status));
  }

  const std::optional<LeasedJob> leased = Lease("worker-1", kNow, kNow + kHour);
  ASSERT_TRUE(leased.has_value());
  ExpectSame(std::optional(leased->job), first);  // as it was before the lease
  JobQueueEntry in_process = first;
  in_process.status = JobStatus::kInProcess;
  in_process.lease_owner = "worker-1";
  in_process.lease_until = kNow + kHour;
  ExpectSame(ValueOf(db_->GetJob(first.id)), in_process);
  ExpectSame(Runs(first.id), {{.id = leased->run_id,
                               .job_id = first.id,
                               .worker = "worker-1",
                               .started_at = kNow,
                               .status = JobRunStatus::kRunning}});

  EXPECT_EQ(LeasedAt(kNow), tied.id);
  EXPECT_EQ(LeasedAt(kNow), due_now.id);
  EXPECT_EQ(LeasedAt(kNow), 0);  // the rest are not due, or not ready
}

TEST_P(DatabaseTest, LeaseJobRunsOneJobOfACategoryAtATime) {
  const JobQueueEntry logging = Added(Job("LOGGING", kNow - 500));
  const JobQueueEntry logging_too = Added(Job("LOGGING", kNow - 400));
  const JobQueueEntry sync = Added(Job("SYNC", kNow - 300));
  const JobQueueEntry free = Added(Job("", kNow - 200));
  const JobQueueEntry free_too = Added(Job("", kNow - 100));

  const std::optional<LeasedJob> leased = Lease("worker-1", kNow, kNow + kHour);
  ASSERT_TRUE(leased.has_value());
  EXPECT_EQ(leased->job.id, logging.id);
  EXPECT_EQ(LeasedAt(kNow), sync.id);  // logging_too waits for logging
  EXPECT_EQ(LeasedAt(kNow), free.id);
  EXPECT_EQ(LeasedAt(kNow), free_too.id);  // jobs without a category never wait
  EXPECT_EQ(LeasedAt(kNow), 0);

  JobQueueEntry finished = leased->job;
  finished.status = JobStatus::kFinished;
  ASSERT_TRUE(IsOk(db_->FinishJobRun(finished, "worker-1", Succeeded(leased->run_id, kNow))));
  EXPECT_EQ(LeasedAt(kNow), logging_too.id);
}

TEST_P(DatabaseTest, LeaseJobOfOneJobRunsItNowWhileItsCategoryIsFree) {
  const JobQueueEntry on_hold = Added(Job("LOGGING", kNow + kHour, JobStatus::kOnHold));
  const JobQueueEntry logging_too = Added(Job("LOGGING", kNow - 100));
  const JobQueueEntry failed = Added(Job("SYNC", kNow + kHour, JobStatus::kError));
  const JobQueueEntry finished = Added(Job("", kNow - 100, JobStatus::kFinished));
  auto lease_only = [&](std::int64_t id) { return Lease("worker-1", kNow, kNow + kHour, id); };

  const std::optional<LeasedJob> leased = lease_only(on_hold.id);
  ASSERT_TRUE(leased.has_value());
  ExpectSame(std::optional(leased->job), on_hold);
  EXPECT_EQ(StoredJob(on_hold.id).status, JobStatus::kInProcess);
  EXPECT_EQ(Runs(on_hold.id).size(), 1u);

  EXPECT_FALSE(lease_only(on_hold.id).has_value());      // in process already
  EXPECT_FALSE(lease_only(logging_too.id).has_value());  // its category is busy
  EXPECT_EQ(StoredJob(logging_too.id).status, JobStatus::kReady);
  for (const JobQueueEntry& job : {failed, finished}) {
    const std::optional<LeasedJob> other = lease_only(job.id);
    ASSERT_TRUE(other.has_value()) << job.description;
    EXPECT_EQ(other->job.id, job.id);
  }

  const Status missing = db_->LeaseJob("worker-1", kNow, kNow + kHour, 404).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
  EXPECT_EQ(missing.message(), "Job 404 does not exist.");
}

TEST_P(DatabaseTest, ExpiredLeasesAreTakenBackAndTheirWorkerHasLostThem) {
  const JobQueueEntry job = Added(Job("LOGGING", kNow));
  const JobQueueEntry other = Added(Job("SYNC", kNow));
  const std::optional<LeasedJob> first = Lease("worker-1", kNow, kNow + 60);
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->job.id, job.id);
  const std::optional<LeasedJob> other_first = Lease("worker-1", kNow, kNow + 60);
  ASSERT_TRUE(other_first.has_value());
  ASSERT_EQ(other_first->job.id, other.id);
  EXPECT_FALSE(Lease("worker-2", kNow + 60, kNow + 120).has_value());  // held to their last second

  const std::optional<LeasedJob> second = Lease("worker-2", kNow + 61, kNow + 121);
  ASSERT_TRUE(second.has_value());
  ExpectSame(std::optional(second->job), job);  // ready again, without a lease
  ExpectSame(
      Runs(job.id),
      {{.id = second->run_id,
        .job_id = job.id,
        .worker = "worker-2",
        .started_at = kNow + 61,
        .status = JobRunStatus::kRunning},
       {.id = first->run_id,
        .job_id = job.id,
        .worker = "worker-1",
        .started_at = kNow,
        .ended_at = kNow + 61,
        .status = JobRunStatus::kAbandoned,
        .error = "The worker running this job stopped before it finished (its lease ran out)."}});
  // Taken back too, and next in line.
  EXPECT_EQ(domain::ToString(StoredJob(other.id).status), domain::ToString(JobStatus::kReady));
  EXPECT_EQ(domain::ToString(Runs(other.id).at(0).status),
            domain::ToString(JobRunStatus::kAbandoned));

  const std::vector<JobRun> runs = Runs(job.id);
  for (const Status& lost :
       {db_->RenewLease(job.id, "worker-1", kNow + kHour),
        db_->FinishJobRun(job, "worker-1", Succeeded(first->run_id, kNow + 62))}) {
    EXPECT_EQ(lost.code(), StatusCode::kFailedPrecondition) << lost.ToString();
    EXPECT_EQ(lost.message(), "The lease on job " + std::to_string(job.id) + " was lost.");
  }
  JobQueueEntry held = job;
  held.status = JobStatus::kInProcess;
  held.lease_owner = "worker-2";
  held.lease_until = kNow + 121;
  ExpectSame(ValueOf(db_->GetJob(job.id)), held);
  ExpectSame(Runs(job.id), runs);

  ASSERT_TRUE(IsOk(db_->RenewLease(job.id, "worker-2", kNow + kHour)));
  EXPECT_EQ(StoredJob(job.id).lease_until, kNow + kHour);
}

TEST_P(DatabaseTest, FinishJobRunSavesTheOutcomeAndClosesTheRunAtomically) {
  const JobQueueEntry job = Added(Job("LOGGING", kNow));
  const std::optional<LeasedJob> leased = Lease("worker-1", kNow, kNow + kHour);
  ASSERT_TRUE(leased.has_value());
  // Someone edits the job while it runs.
  JobQueueEntry edited = StoredJob(job.id);
  edited.description = "Email logging, edited";
  edited.recurrence.every_minutes = 30;
  ASSERT_TRUE(IsOk(db_->UpdateJob(edited)));

  JobQueueEntry outcome = leased->job;
  outcome.status = JobStatus::kError;
  outcome.earliest_start = kNow + 120;
  outcome.attempts = 3;
  outcome.last_error = "Cannot connect to imap.example:993.";
  outcome.last_error_context = "Reading the queue folder";
  const JobRun run{.id = leased->run_id,
                   .ended_at = kNow + 5,
                   .status = JobRunStatus::kFailed,
                   .summary = R"({"logged":0})",
                   .error = outcome.last_error,
                   .error_context = outcome.last_error_context};

  // A run that is not the job's open one: nothing is written.
  JobRun other_run = run;
  other_run.id = leased->run_id + 1000;
  EXPECT_EQ(db_->FinishJobRun(outcome, "worker-1", other_run).code(),
            StatusCode::kFailedPrecondition);
  ExpectSame(ValueOf(db_->GetJob(job.id)), edited);
  EXPECT_EQ(Runs(job.id).at(0).status, JobRunStatus::kRunning);

  ASSERT_TRUE(IsOk(db_->FinishJobRun(outcome, "worker-1", run)));
  JobQueueEntry saved = edited;  // keeps the edits
  saved.status = outcome.status;
  saved.earliest_start = outcome.earliest_start;
  saved.attempts = outcome.attempts;
  saved.last_error = outcome.last_error;
  saved.last_error_context = outcome.last_error_context;
  saved.lease_owner = "";
  saved.lease_until = 0;
  ExpectSame(ValueOf(db_->GetJob(job.id)), saved);
  JobRun closed = run;
  closed.job_id = job.id;
  closed.worker = "worker-1";
  closed.started_at = kNow;
  ExpectSame(Runs(job.id), {closed});

  // Finished, the lease is gone.
  EXPECT_EQ(db_->RenewLease(job.id, "worker-1", kNow + kHour).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(db_->FinishJobRun(outcome, "worker-1", run).code(), StatusCode::kFailedPrecondition);
}

TEST_P(DatabaseTest, JobRunsListNewestFirstWithALimit) {
  const JobQueueEntry job = Added(Job("", kNow));
  const JobQueueEntry not_due = Added(Job("", kNow + kHour));
  std::vector<JobRun> runs;  // newest first
  for (int i = 0; i < 3; ++i) {
    const domain::UnixTime now = kNow + i * 600;
    const std::optional<LeasedJob> leased = Lease("worker-" + std::to_string(i), now, now + kHour);
    ASSERT_TRUE(leased.has_value());
    ASSERT_EQ(leased->job.id, job.id);
    const bool failed = i == 1;
    const JobRun run{.id = leased->run_id,
                     .job_id = job.id,
                     .worker = "worker-" + std::to_string(i),
                     .started_at = now,
                     .ended_at = now + 7,
                     .status = failed ? JobRunStatus::kFailed : JobRunStatus::kSucceeded,
                     .summary = R"({"run":)" + std::to_string(i) + "}",
                     .error = failed ? "Cannot connect." : "",
                     .error_context = failed ? "Connecting" : ""};
    JobQueueEntry next = leased->job;
    next.earliest_start = now + 600;
    ASSERT_TRUE(IsOk(db_->FinishJobRun(next, run.worker, run)));
    runs.insert(runs.begin(), run);
  }

  ExpectSame(ValueOf(db_->ListJobRuns(job.id, 10)), runs);
  ExpectSame(ValueOf(db_->ListJobRuns(job.id, 2)), {runs[0], runs[1]});
  EXPECT_TRUE(ValueOf(db_->ListJobRuns(job.id, 0)).empty());
  EXPECT_TRUE(ValueOf(db_->ListJobRuns(not_due.id, 10)).empty());
}

TEST_P(DatabaseTest, AnOpenRunRecordsItsProgress) {
  const JobQueueEntry job = Added(Job("", kNow));
  const std::optional<LeasedJob> leased = Lease("worker-1", kNow, kNow + kHour);
  ASSERT_TRUE(leased.has_value());
  EXPECT_EQ(Runs(job.id).at(0).progress_total, 0);
  ASSERT_TRUE(IsOk(db_->SetJobRunProgress(leased->run_id, 3, 10)));
  ASSERT_TRUE(IsOk(db_->SetJobRunProgress(leased->run_id, 7, 10)));
  EXPECT_EQ(Runs(job.id).at(0).progress_done, 7);
  EXPECT_EQ(Runs(job.id).at(0).progress_total, 10);
  EXPECT_EQ(db_->SetJobRunProgress(leased->run_id + 1000, 1, 1).code(), StatusCode::kNotFound);

  JobRun run{.id = leased->run_id, .ended_at = kNow + 5, .status = JobRunStatus::kSucceeded};
  ASSERT_TRUE(IsOk(db_->FinishJobRun(leased->job, "worker-1", run)));
  EXPECT_EQ(Runs(job.id).at(0).progress_done, 7) << "closing a run keeps its progress";
  EXPECT_EQ(db_->SetJobRunProgress(leased->run_id, 8, 10).code(), StatusCode::kNotFound) << "closed";
}

TEST_P(DatabaseTest, RelogPositionsAreKeptPerFolder) {
  EXPECT_EQ(ValueOf(db_->GetRelogPosition("Storage")), std::nullopt);
  const RelogPosition storage{"Storage", "cur/1.M1P1.host", 0, kNow, 500, 1200};
  const RelogPosition archive{"Archive", "42", 7, kNow + 1, 2, 9};
  ASSERT_TRUE(IsOk(db_->SaveRelogPosition(storage)));
  ASSERT_TRUE(IsOk(db_->SaveRelogPosition(archive)));
  RelogPosition further = storage;
  further.message_key = "cur/2.M2P2.host";
  further.done = 1000;
  ASSERT_TRUE(IsOk(db_->SaveRelogPosition(further)));
  EXPECT_EQ(ValueOf(db_->GetRelogPosition("Storage")), further) << "in place of the one before";
  EXPECT_EQ(ValueOf(db_->GetRelogPosition("Archive")), archive);
  ASSERT_TRUE(IsOk(db_->ClearRelogPosition("Storage")));
  ASSERT_TRUE(IsOk(db_->ClearRelogPosition("Storage"))) << "none is no error";
  EXPECT_EQ(ValueOf(db_->GetRelogPosition("Storage")), std::nullopt);
  EXPECT_EQ(ValueOf(db_->GetRelogPosition("Archive")), archive);
}

// What workers leasing from one job queue at once saw.
struct Hammering {
  // Jobs in process now, by category, as the workers count them.
  std::map<std::string, std::atomic<int>> running;
  std::atomic<int> overlaps{0};  // leases taken while a job of their category ran
  std::atomic<int> leases{0};
  std::atomic<domain::UnixTime> finished{kNow};  // orders the finished jobs
  std::mutex mutex;
  std::vector<Status> errors;

  void Fail(const Status& status) {
    const std::lock_guard<std::mutex> lock(mutex);
    errors.push_back(status);
  }
};

// Leases jobs from `db` until it has run `leases` of them or `deadline` has passed.
// Each job is held for a moment, then finished and put at the back of the queue,
// so that every job of a category gets its turns.
void LeaseAndFinish(Database& db, const std::string& worker, int leases,
                    std::chrono::steady_clock::time_point deadline, Hammering& seen) {
  constexpr domain::UnixTime kLeasedAt = kNow + 1'000'000;  // after every earliest_start
  for (int done = 0; done < leases && std::chrono::steady_clock::now() < deadline;) {
    Result<std::optional<LeasedJob>> leased =
        db.LeaseJob(worker, kLeasedAt, kLeasedAt + kHour, std::nullopt);
    if (!leased.ok()) return seen.Fail(leased.status());
    if (!leased->has_value()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    JobQueueEntry job = (*leased)->job;
    std::atomic<int>* running = job.category.empty() ? nullptr : &seen.running.at(job.category);
    if (running != nullptr && running->fetch_add(1) > 0) ++seen.overlaps;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
    if (running != nullptr) running->fetch_sub(1);

    job.earliest_start = ++seen.finished;
    const Status finished = db.FinishJobRun(job, worker, Succeeded((*leased)->run_id, kLeasedAt));
    if (!finished.ok()) return seen.Fail(finished);
    ++seen.leases;
    ++done;
  }
}

// Workers, each on a connection of its own, lease and finish jobs of two
// categories and one without for `time` or until each has run `leases_per_worker`.
// Two jobs of one category must never run at once, and every lease must end in a
// finished run. Returns the number of leases.
int DatabaseTest::HammerJobQueue(int workers, int leases_per_worker,
                                 std::chrono::milliseconds time) {
  Hammering seen;
  std::vector<std::int64_t> job_ids;
  for (const char* category : {"LOGGING", "LOGGING", "LOGGING", "SYNC", "SYNC", ""}) {
    job_ids.push_back(Added(Job(category, kNow)).id);
    if (*category != '\0') seen.running[category];
  }
  std::vector<std::unique_ptr<Database>> connections;
  for (int i = 0; i < workers; ++i) connections.push_back(Open(url_));

  const auto deadline = std::chrono::steady_clock::now() + time;
  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) {
    threads.emplace_back(LeaseAndFinish, std::ref(*connections[i]), "worker-" + std::to_string(i),
                         leases_per_worker, deadline, std::ref(seen));
  }
  for (std::thread& thread : threads) thread.join();

  for (const Status& error : seen.errors) ADD_FAILURE() << error.ToString();
  EXPECT_EQ(seen.overlaps, 0);
  EXPECT_GT(seen.leases, 0);
  std::size_t runs = 0;
  for (const std::int64_t id : job_ids) {
    const JobQueueEntry job = StoredJob(id);
    EXPECT_EQ(domain::ToString(job.status), domain::ToString(JobStatus::kReady)) << "job " << id;
    EXPECT_EQ(job.lease_owner, "") << "job " << id;
    for (const JobRun& run :
         ValueOf(db_->ListJobRuns(id, std::numeric_limits<std::size_t>::max()))) {
      EXPECT_EQ(domain::ToString(run.status), domain::ToString(JobRunStatus::kSucceeded))
          << "run " << run.id;
      ++runs;
    }
  }
  EXPECT_EQ(runs, static_cast<std::size_t>(seen.leases));
  return seen.leases;
}

TEST_P(DatabaseTest, WorkersLeasingAtOnceNeverRunTwoJobsOfOneCategory) {
  constexpr int kWorkers = 4;
  constexpr int kLeasesPerWorker = 10;
  // The time is a bound against hanging only.
  EXPECT_EQ(HammerJobQueue(kWorkers, kLeasesPerWorker, std::chrono::seconds(30)),
            kWorkers * kLeasesPerWorker);
}

// ---- PostgreSQL ----

TEST(PostgresUrlTest, AcceptsEveryForm) {
  struct Case {
    std::string url;
    std::string user, host;
    int port;
    std::string database;
  };
  for (const Case& c : std::vector<Case>{
           {"postgresql://mailtrail@db.example:6543/sales", "mailtrail", "db.example", 6543,
            "sales"},
           {"postgres://mailtrail@db.example/sales", "mailtrail", "db.example", 5432, "sales"},
           {"postgresql://10.0.0.7/sales", "", "10.0.0.7", 5432, "sales"},
           {"postgresql://ops%40corp@[::1]:5433/sales%20eu", "ops@corp", "::1", 5433, "sales eu"},
       }) {
    SCOPED_TRACE(c.url);
    const PostgresAddress address = ValueOf(ParsePostgresUrl(c.url));
    EXPECT_EQ(std::tie(address.user, address.host, address.port, address.database),
              std::tie(c.user, c.host, c.port, c.database));
  }
  EXPECT_EQ(HostAndPort({.host = "::1", .port = 5433}), "[::1]:5433");
  EXPECT_EQ(HostAndPort({.host = "db.example", .port = 5432}), "db.example:5432");
}

TEST(PostgresUrlTest, RefusesOtherForms) {
  for (const char* url :
       {"postgresql://db.example", "postgresql://db.example/", "postgresql://mailtrail@/sales",
        "postgresql://db.example:0/sales", "postgresql://db.example:65536/sales",
        "postgresql://db.example:54x/sales", "postgresql://db.example:/sales",
        "postgresql://[::1/sales", "postgresql://[::1]5432/sales",
        "postgresql://db.example/sales?sslmode=require", "postgresql://db.example/sales#x",
        "postgresql://db.example/sales/eu", "postgresql://db.example/sales%2", "sqlite://x.db"}) {
    SCOPED_TRACE(url);
    const Status status = ParsePostgresUrl(url).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
    EXPECT_NE(status.message().find("postgresql://USER@HOST[:PORT]/DATABASE"), std::string::npos)
        << status.message();
  }
}

TEST(PostgresUrlTest, RefusesAPasswordWithoutRepeatingIt) {
  for (const char* url : {"postgresql://mailtrail:hunter2@db.example/sales",
                          "postgres://mailtrail:hunter2@db.example:5432/sales?sslmode=require"}) {
    const Status status = OpenDatabase(url).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
    EXPECT_EQ(status.message(),
              "The database URL must not hold a password: set MAILTRAIL_DATABASE_PASSWORD"
              " (or PGPASSWORD) instead.");
  }
}

// Sets an environment variable, or unsets it (nullopt), for the life of the object.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    Set(value);
  }
  ~ScopedEnvironment() { Set(old_); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

  void Set(const std::optional<std::string>& value) {
    if (value) {
      ::setenv(name_, value->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Tests of what only a server has: users, passwords, restarts, lost connections.
class PostgresTest : public DatabaseTest {
 protected:
  testing::PostgresServer& server() { return *ValueOf(testing::PostgresServer::Shared()); }
  std::string Where() { return "127.0.0.1:" + std::to_string(server().port()); }
};

INSTANTIATE_TEST_SUITE_P(Backends, PostgresTest, ::testing::Values(Postgres()), BackendName);

TEST_P(PostgresTest, ConnectionFailuresAreUnavailableAndNameTheServerNotThePassword) {
  const ScopedEnvironment password("MAILTRAIL_DATABASE_PASSWORD", "hunter2");
  const Status refused = OpenDatabase("postgresql://mailtrail@127.0.0.1:1/sales").status();
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable) << refused.ToString();
  EXPECT_EQ(refused.message(),
            "Cannot connect to the database at 127.0.0.1:1: Connection refused.");

  const Status missing = OpenDatabase(server().Url("missing")).status();
  EXPECT_EQ(missing.code(), StatusCode::kUnavailable) << missing.ToString();
  EXPECT_EQ(missing.message(), "Cannot connect to the database at " + Where() +
                                   ": database \"missing\" does not exist.");
}

TEST_P(PostgresTest, PasswordComesFromTheEnvironment) {
  const std::string clerk = UniqueName("clerk");
  ASSERT_TRUE(IsOk(server().CreateUser(clerk, "correct horse")));
  *GetParam().connect(url_) << "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + clerk;
  const std::string url = server().Url(url_.substr(url_.rfind('/') + 1), clerk);
  ScopedEnvironment ours("MAILTRAIL_DATABASE_PASSWORD", std::nullopt);
  ScopedEnvironment libpqs("PGPASSWORD", std::nullopt);

  const Status none = OpenDatabase(url).status();
  EXPECT_EQ(none.code(), StatusCode::kUnavailable) << none.ToString();
  EXPECT_EQ(none.message().find("Cannot connect to the database at " + Where() + ": "), 0u)
      << none.message();

  ours.Set("battery staple");
  const Status wrong = OpenDatabase(url).status();
  EXPECT_EQ(wrong.code(), StatusCode::kUnavailable) << wrong.ToString();
  EXPECT_EQ(wrong.message(), "Cannot connect to the database at " + Where() +
                                 ": password authentication failed for user \"" + clerk + "\".");

  libpqs.Set("correct horse");  // ours, when set, wins
  EXPECT_EQ(OpenDatabase(url).status().code(), StatusCode::kUnavailable);

  ours.Set(std::nullopt);
  auto by_libpq = OpenDatabase(url);
  ASSERT_TRUE(IsOk(by_libpq));
  EXPECT_TRUE(IsOk((*by_libpq)->CheckSchema()));

  ours.Set("correct horse");
  libpqs.Set(std::nullopt);
  auto by_ours = OpenDatabase(url);
  ASSERT_TRUE(IsOk(by_ours));
  EXPECT_EQ(ValueOf((*by_ours)->ListTemplates()).size(), 1u);
}

TEST_P(PostgresTest, RestartBetweenCallsIsTransparent) {
  ASSERT_TRUE(IsOk(db_->AddSalesperson({"AB", "Anna Berg", "anna@us.example"})));

  ASSERT_TRUE(IsOk(server().Restart())) << server().Log();
  EXPECT_EQ(ValueOf(db_->ListSalespersons()).size(), 1u);  // a read

  ASSERT_TRUE(IsOk(server().Restart())) << server().Log();
  EXPECT_TRUE(IsOk(db_->AddSalesperson({"JO", "John Olsen", "john@us.example"})));  // a write
  EXPECT_EQ(ValueOf(db_->ListSalespersons()).size(), 2u);
}

TEST_P(PostgresTest, ServerDownIsUnavailableUntilItIsBack) {
  ASSERT_TRUE(IsOk(server().Stop()));
  const std::string refused =
      "Cannot connect to the database at " + Where() + ": Connection refused.";
  const Status read = db_->ListSalespersons().status();
  EXPECT_EQ(read.code(), StatusCode::kUnavailable) << read.ToString();
  EXPECT_EQ(read.message(), refused);
  const Status write = db_->AddSalesperson({"JO", "John Olsen", "john@us.example"});
  EXPECT_EQ(write.code(), StatusCode::kUnavailable) << write.ToString();
  EXPECT_EQ(write.message(), refused);

  ASSERT_TRUE(IsOk(server().Restart())) << server().Log();
  EXPECT_TRUE(IsOk(db_->AddSalesperson({"JO", "John Olsen", "john@us.example"})));
  EXPECT_EQ(ValueOf(db_->ListSalespersons()).size(), 1u);
}

TEST_P(PostgresTest, WriteCutOffIsUnavailableAndNotRepeated) {
  AddDirectory();
  const LoggingBatch batch{.new_attachments = {{StoredMessage("quote-1@acme.example", "aa"),
                                                {Entry("CT000001", "JO")}}}};
  std::unique_ptr<soci::session> raw = GetParam().connect(url_);
  // The batch waits for this uncommitted attachment of the same Message-ID...
  *raw << "BEGIN";
  *raw << "INSERT INTO attachments (storage_folder, storage_key, uidvalidity, message_id,"
          " content_hash, size) VALUES ('Storage', 'first', 0, 'quote-1@acme.example', 'aa', 1)";
  Status cut_off;
  std::thread writer([&] { cut_off = db_->CommitLoggingBatch(batch); });
  // ...until its connection is cut.
  long long waiting = 0;
  for (int poll = 0; poll < 500 && waiting == 0; ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    *raw << "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
        soci::into(waiting);
  }
  *raw << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
          " WHERE wait_event_type = 'Lock'",
      soci::into(waiting);
  writer.join();
  *raw << "ROLLBACK";

  EXPECT_EQ(cut_off.code(), StatusCode::kUnavailable) << cut_off.ToString();
  EXPECT_EQ(cut_off.message().find("Cannot record the logged messages: "), 0u)
      << cut_off.message();
  EXPECT_TRUE(AllEntries().empty());  // the next call connects again
  EXPECT_TRUE(IsOk(db_->CommitLoggingBatch(batch)));
  EXPECT_EQ(AllEntries().size(), 1u);
}

TEST_P(PostgresTest, ThreeConnectionsHammeringTheJobQueue) {
  HammerJobQueue(3, std::numeric_limits<int>::max(), std::chrono::milliseconds(500));
}

// ---- Opening SQLite databases ----

class OpenSqliteTest : public ::testing::Test {
 protected:
  fs::path File(const std::string& name) const { return scratch_.path() / name; }

  testing::TempDir scratch_;
};

TEST_F(OpenSqliteTest, RefusesAFileThatIsNotSqliteAndLeavesItAlone) {
  const fs::path file = File("notes.db");
  const std::string text = "These are notes, not a database.\n";
  testing::WriteFile(file, text);

  const auto opened = OpenDatabase(file.string());
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption) << opened.status().ToString();
  EXPECT_EQ(opened.status().message(), "'" + file.string() + "' is not an SQLite database.");
  EXPECT_EQ(testing::ReadFile(file), text);
  EXPECT_FALSE(fs::exists(File("notes.db-wal")));
  EXPECT_FALSE(fs::exists(File("notes.db-shm")));
}

TEST_F(OpenSqliteTest, RefusesAFileShorterThanTheHeader) {
  testing::WriteFile(File("short.db"), "SQLite");
  EXPECT_EQ(OpenDatabase(File("short.db").string()).status().code(), StatusCode::kCorruption);
}

TEST_F(OpenSqliteTest, RefusesUnknownSchemes) {
  const Status status = OpenDatabase("mysql://mailtrail:hunter2@db.example/mailtrail").status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_NE(status.message().find("'mysql'"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("sqlite:///"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("postgresql://"), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find("hunter2"), std::string::npos) << status.message();
  EXPECT_EQ(OpenDatabase("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenDatabase("sqlite://").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(OpenSqliteTest, MissingFolderIsNotFoundAndNotCreated) {
  const fs::path file = File("missing") / "mailtrail.db";
  const Status status = OpenDatabase(file.string()).status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_NE(status.message().find("'" + File("missing").string() + "' does not exist"),
            std::string::npos)
      << status.message();
  EXPECT_FALSE(fs::exists(File("missing")));
}

TEST_F(OpenSqliteTest, RefusesAFolder) {
  const Status status = OpenDatabase(scratch_.path().string()).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
}

TEST_F(OpenSqliteTest, AcceptsEveryUrlFormAndAnEmptyFile) {
  testing::WriteFile(File("empty.db"), "");
  const fs::path previous = fs::current_path();
  fs::current_path(scratch_.path());
  for (const std::string& url :
       {"sqlite://" + File("absolute.db").string(), File("plain path.db").string(),
        std::string("sqlite://relative.db"), File("empty.db").string()}) {
    SCOPED_TRACE(url);
    auto opened = OpenDatabase(url);
    ASSERT_TRUE(IsOk(opened));
    EXPECT_TRUE(IsOk((*opened)->Initialize()));
  }
  fs::current_path(previous);
  for (const char* name : {"absolute.db", "plain path.db", "relative.db", "empty.db"}) {
    EXPECT_GT(fs::file_size(File(name)), 0u) << name;
  }
}

// The POSIX locks this process holds on `file`, as /proc/locks lists them: the
// locks another program sees.
int LocksHeldOn(const fs::path& file) {
  struct stat status {};
  EXPECT_EQ(stat(file.c_str(), &status), 0) << file;
  const std::string pid = std::to_string(getpid());
  const std::string inode = ":" + std::to_string(status.st_ino);
  std::ifstream locks("/proc/locks");
  EXPECT_TRUE(locks.good());
  int held = 0;
  for (std::string line; std::getline(locks, line);) {
    // "1: POSIX  ADVISORY  READ 1234 08:01:5678 1073741826 1073742335"
    std::istringstream fields(line);
    std::string number, kind, mode, access, owner, device_inode;
    fields >> number >> kind >> mode >> access >> owner >> device_inode;
    if (kind == "POSIX" && owner == pid && device_inode.ends_with(inode)) ++held;
  }
  return held;
}

// SQLite locks with POSIX locks, which a process loses all at once when it closes
// any descriptor of the file. Opening the database a second time (serve opens it
// once for each thread) must leave the locks of the first connection alone: a
// program closing the database meanwhile would otherwise take itself for its last
// user, fold the write-ahead log into the file and delete it, and every later
// commit of the first connection would go to a deleted log that no one else reads.
TEST_F(OpenSqliteTest, OpeningAgainKeepsTheLocksOfTheConnectionsOpen) {
  const fs::path file = File("locks.db");
  std::unique_ptr<Database> first = ValueOf(OpenDatabase(file.string()));
  ASSERT_TRUE(IsOk(first->Initialize()));
  ASSERT_TRUE(IsOk(first->ListSalespersons()));
  const int held = LocksHeldOn(file);
  ASSERT_GT(held, 0);  // a connection in WAL mode keeps a shared lock

  std::unique_ptr<Database> second = ValueOf(OpenDatabase(file.string()));
  EXPECT_EQ(LocksHeldOn(file), held);
  ASSERT_TRUE(IsOk(second->AddSalesperson({"JO", "John Olsen", "john@us.example"})));
  EXPECT_EQ(ValueOf(first->ListSalespersons()).size(), 1u);
  EXPECT_EQ(LocksHeldOn(file), held);
}

TEST_F(OpenSqliteTest, SetsUpDurabilityForeignKeysAndLockWaiting) {
  std::unique_ptr<soci::session> session = ValueOf(ConnectSqlite(File("pragmas.db")));
  std::string journal_mode;
  int synchronous = 0;
  int foreign_keys = 0;
  int busy_timeout = 0;
  *session << "PRAGMA journal_mode", soci::into(journal_mode);
  *session << "PRAGMA synchronous", soci::into(synchronous);
  *session << "PRAGMA foreign_keys", soci::into(foreign_keys);
  *session << "PRAGMA busy_timeout", soci::into(busy_timeout);
  EXPECT_EQ(journal_mode, "wal");
  EXPECT_EQ(synchronous, 2);  // FULL
  EXPECT_EQ(foreign_keys, 1);
  EXPECT_EQ(busy_timeout, 5000);
}

}  // namespace
}  // namespace mailtrail::db
