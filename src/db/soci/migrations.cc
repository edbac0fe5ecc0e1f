#include "db/soci/migrations.h"

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "db/soci/rows.h"

namespace mailtrail::db {

namespace {

// Text columns are NOT NULL and hold '' for "none", as the domain types do; the
// exception is attachments.message_id, NULL when the message has none, so that
// its unique index admits any number of such attachments. Booleans are INTEGER
// 0/1: the one spelling every supported database stores and reads the same way.
std::vector<std::string> CreateInitialSchema(const Dialect& dialect) {
  const std::string generated_key(dialect.generated_key);
  return {
      "CREATE TABLE salespersons ("
      "  code TEXT PRIMARY KEY,"
      "  name TEXT NOT NULL,"
      "  email TEXT NOT NULL)",

      "CREATE TABLE contacts ("
      "  no TEXT PRIMARY KEY,"
      "  type TEXT NOT NULL CHECK (type IN ('company', 'person')),"
      "  name TEXT NOT NULL,"
      "  email TEXT NOT NULL,"
      "  company_no TEXT NOT NULL)",

      "CREATE TABLE contact_alt_addresses ("
      "  contact_no TEXT NOT NULL REFERENCES contacts (no),"
      "  code TEXT NOT NULL,"
      "  email TEXT NOT NULL,"
      "  PRIMARY KEY (contact_no, code))",

      "CREATE TABLE interaction_groups ("
      "  code TEXT PRIMARY KEY,"
      "  description TEXT NOT NULL)",

      "CREATE TABLE interaction_templates ("
      "  code TEXT PRIMARY KEY,"
      "  group_code TEXT NOT NULL REFERENCES interaction_groups (code),"
      "  description TEXT NOT NULL,"
      "  unit_cost DOUBLE PRECISION NOT NULL,"
      "  unit_duration_min DOUBLE PRECISION NOT NULL,"
      "  information_flow TEXT CHECK (information_flow IN ('inbound', 'outbound')),"
      "  initiated_by TEXT CHECK (initiated_by IN ('us', 'them')))",

      "CREATE TABLE setup ("
      "  setting TEXT PRIMARY KEY,"
      "  value TEXT NOT NULL)",

      "CREATE TABLE attachments ("
      "  attachment_no " + generated_key + ","
      "  storage_folder TEXT NOT NULL,"
      "  storage_key TEXT NOT NULL,"
      "  uidvalidity BIGINT NOT NULL,"
      "  message_id TEXT,"
      "  content_hash TEXT NOT NULL,"
      "  size BIGINT NOT NULL,"
      "  stored_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
      // Unique: a message is logged once (DESIGN.md, rule 7), even when two
      // workers race to log it.
      "CREATE UNIQUE INDEX attachments_message_id ON attachments (message_id)",
      "CREATE INDEX attachments_content_hash ON attachments (content_hash)",

      "CREATE TABLE interaction_log_entries ("
      "  entry_no " + generated_key + ","
      "  contact_no TEXT NOT NULL REFERENCES contacts (no),"
      "  contact_company_no TEXT NOT NULL,"
      "  contact_alt_address_code TEXT NOT NULL,"
      "  salesperson_code TEXT NOT NULL,"
      "  interaction_template_code TEXT NOT NULL,"
      "  interaction_group_code TEXT NOT NULL,"
      "  information_flow TEXT NOT NULL CHECK (information_flow IN ('inbound', 'outbound')),"
      "  initiated_by TEXT NOT NULL CHECK (initiated_by IN ('us', 'them')),"
      "  date TEXT NOT NULL,"
      "  time TEXT NOT NULL,"
      "  description TEXT NOT NULL,"
      "  subject TEXT NOT NULL,"
      "  attachment_no BIGINT NOT NULL REFERENCES attachments (attachment_no),"
      "  cost DOUBLE PRECISION NOT NULL,"
      "  duration_min DOUBLE PRECISION NOT NULL,"
      "  email_logged INTEGER NOT NULL CHECK (email_logged IN (0, 1)),"
      "  canceled INTEGER NOT NULL DEFAULT 0 CHECK (canceled IN (0, 1)),"
      "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
      "CREATE INDEX interaction_log_entries_salesperson"
      "  ON interaction_log_entries (salesperson_code, date)",
      "CREATE INDEX interaction_log_entries_contact ON interaction_log_entries (contact_no, date)",
      "CREATE INDEX interaction_log_entries_attachment ON interaction_log_entries (attachment_no)",
  };
}

// The job queue (domain/job.h). Times are unix seconds; 0 stands for "none" in
// ended_at and lease_until, as in the domain types. start_minute and end_minute
// are NULL when the recurrence leaves them unset.
std::vector<std::string> CreateJobQueue(const Dialect& dialect) {
  const std::string generated_key(dialect.generated_key);
  return {
      "CREATE TABLE job_queue_entries ("
      "  id " + generated_key + ","
      "  object_to_run TEXT NOT NULL,"
      "  description TEXT NOT NULL,"
      "  category TEXT NOT NULL,"
      "  every_minutes INTEGER NOT NULL,"
      "  start_minute INTEGER,"
      "  end_minute INTEGER,"
      "  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 0 AND 127),"
      "  earliest_start BIGINT NOT NULL,"
      "  status TEXT NOT NULL"
      "    CHECK (status IN ('ready', 'in process', 'error', 'on hold', 'finished')),"
      "  max_attempts INTEGER NOT NULL,"
      "  attempts INTEGER NOT NULL,"
      "  last_error TEXT NOT NULL,"
      "  last_error_context TEXT NOT NULL,"
      "  lease_owner TEXT NOT NULL,"
      "  lease_until BIGINT NOT NULL)",
      // Picking the next due job, and finding the jobs in process.
      "CREATE INDEX job_queue_entries_due ON job_queue_entries (status, earliest_start)",

      "CREATE TABLE job_runs ("
      "  id " + generated_key + ","
      "  job_id BIGINT NOT NULL REFERENCES job_queue_entries (id),"
      "  worker TEXT NOT NULL,"
      "  started_at BIGINT NOT NULL,"
      "  ended_at BIGINT NOT NULL,"
      "  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),"
      "  summary TEXT NOT NULL,"
      "  error TEXT NOT NULL,"
      "  error_context TEXT NOT NULL)",
      // A job's runs, newest first.
      "CREATE INDEX job_runs_job ON job_runs (job_id, id)",
  };
}

// Copies of queue messages a pass is about to make (Database::RecordPendingCopies).
std::vector<std::string> CreatePendingCopies(const Dialect&) {
  return {
      "CREATE TABLE pending_copies ("
      "  folder TEXT NOT NULL,"
      "  identity TEXT NOT NULL,"
      "  PRIMARY KEY (folder, identity))",
  };
}

// The people who sign in (domain/user.h), and their API tokens; hashes only:
// argon2id of a password, SHA-256 of a token.
std::vector<std::string> CreateUsers(const Dialect&) {
  return {
      "CREATE TABLE users ("
      "  name TEXT PRIMARY KEY,"
      "  permission_set TEXT NOT NULL"
      "    CHECK (permission_set IN ('BASIC', 'RM-CONT', 'EMAIL-LOGGING-ADMIN')),"
      "  password_hash TEXT NOT NULL,"
      "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",

      "CREATE TABLE api_tokens ("
      "  token_hash TEXT PRIMARY KEY,"
      "  user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,"
      "  label TEXT NOT NULL,"
      "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
      "CREATE INDEX api_tokens_user ON api_tokens (user_name)",
  };
}

// What a person makes of an entry afterwards ('' for none; the values of
// domain::Evaluation, checked by the program). Entries already had `canceled`.
std::vector<std::string> AddEntryEvaluation(const Dialect&) {
  return {"ALTER TABLE interaction_log_entries ADD COLUMN evaluation TEXT NOT NULL DEFAULT ''"};
}

// Interactions a person creates (Create Interaction): entries without an
// attachment (attachment_no NULL), which may be postponed (saved to finish later,
// not yet among the entries) and may carry a file kept in the database, as
// base64 text: the one form both databases bind and return alike through SOCI.
std::vector<std::string> AddCreatedInteractions(const Dialect& dialect) {
  constexpr std::string_view kPostponed = "postponed INTEGER NOT NULL DEFAULT 0 CHECK (postponed IN (0, 1))";
  std::vector<std::string> sql;
  if (dialect.alters_columns) {
    sql = {"ALTER TABLE interaction_log_entries ALTER COLUMN attachment_no DROP NOT NULL",
           "ALTER TABLE interaction_log_entries ADD COLUMN " + std::string(kPostponed)};
  } else {
    // The table rebuilt as ALTER COLUMN would leave it, its columns in the same
    // order; its numbers go on where the old table's stopped, even past entries
    // since deleted.
    constexpr std::string_view kColumns =
        "entry_no, contact_no, contact_company_no, contact_alt_address_code, salesperson_code,"
        " interaction_template_code, interaction_group_code, information_flow, initiated_by, date, time,"
        " description, subject, attachment_no, cost, duration_min, email_logged, canceled, created_at, evaluation";
    sql = {
        "CREATE TABLE interaction_log_entries_new ("
        "  entry_no " + std::string(dialect.generated_key) + ","
        "  contact_no TEXT NOT NULL REFERENCES contacts (no),"
        "  contact_company_no TEXT NOT NULL,"
        "  contact_alt_address_code TEXT NOT NULL,"
        "  salesperson_code TEXT NOT NULL,"
        "  interaction_template_code TEXT NOT NULL,"
        "  interaction_group_code TEXT NOT NULL,"
        "  information_flow TEXT NOT NULL CHECK (information_flow IN ('inbound', 'outbound')),"
        "  initiated_by TEXT NOT NULL CHECK (initiated_by IN ('us', 'them')),"
        "  date TEXT NOT NULL,"
        "  time TEXT NOT NULL,"
        "  description TEXT NOT NULL,"
        "  subject TEXT NOT NULL,"
        "  attachment_no BIGINT REFERENCES attachments (attachment_no),"
        "  cost DOUBLE PRECISION NOT NULL,"
        "  duration_min DOUBLE PRECISION NOT NULL,"
        "  email_logged INTEGER NOT NULL CHECK (email_logged IN (0, 1)),"
        "  canceled INTEGER NOT NULL DEFAULT 0 CHECK (canceled IN (0, 1)),"
        "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
        "  evaluation TEXT NOT NULL DEFAULT '',"
        "  " + std::string(kPostponed) + ")",
        "INSERT INTO interaction_log_entries_new (" + std::string(kColumns) + ") SELECT " + std::string(kColumns) +
            " FROM interaction_log_entries",
        "DELETE FROM sqlite_sequence WHERE name = 'interaction_log_entries_new'",
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'interaction_log_entries_new', seq FROM sqlite_sequence"
        " WHERE name = 'interaction_log_entries'",
        "DROP TABLE interaction_log_entries",
        "ALTER TABLE interaction_log_entries_new RENAME TO interaction_log_entries",
        "CREATE INDEX interaction_log_entries_salesperson ON interaction_log_entries (salesperson_code, date)",
        "CREATE INDEX interaction_log_entries_contact ON interaction_log_entries (contact_no, date)",
        "CREATE INDEX interaction_log_entries_attachment ON interaction_log_entries (attachment_no)",
    };
  }
  sql.insert(sql.end(), {
      // Pages of the entries filtered by template.
      "CREATE INDEX interaction_log_entries_template"
      "  ON interaction_log_entries (interaction_template_code, entry_no)",
      // The few postponed ones, without reading the others.
      "CREATE INDEX interaction_log_entries_postponed ON interaction_log_entries (entry_no) WHERE postponed = 1",
      "CREATE TABLE interaction_files ("
      "  entry_no BIGINT PRIMARY KEY REFERENCES interaction_log_entries (entry_no) ON DELETE CASCADE,"
      "  file_name TEXT NOT NULL,"
      "  media_type TEXT NOT NULL,"
      "  file_size BIGINT NOT NULL,"
      "  content_base64 TEXT NOT NULL)",
  });
  return sql;
}

// Sign-in sessions end: a token may carry the Unix time it expires at (0: never,
// as the administrator's API tokens do).
std::vector<std::string> AddTokenExpiry(const Dialect&) {
  return {"ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0"};
}

// The dashboard counts the entries of some weeks across every salesperson, from
// this index alone. Partial on purpose: an index on the date that the entries
// list could use too looks cheap to PostgreSQL's planner for one salesperson's
// month and scans 50 times the rows the (salesperson_code, date) index does.
std::vector<std::string> IndexEntriesByDate(const Dialect&) {
  return {"CREATE INDEX interaction_log_entries_counted ON interaction_log_entries"
          " (date, salesperson_code, information_flow) WHERE canceled = 0 AND postponed = 0"};
}

// Privacy: contacts whose mail is never logged, and a list of addresses and
// domains that never are.
std::vector<std::string> AddNeverLog(const Dialect&) {
  return {"ALTER TABLE contacts ADD COLUMN do_not_log INTEGER NOT NULL DEFAULT 0 CHECK (do_not_log IN (0, 1))",
          "CREATE TABLE never_log (entry TEXT PRIMARY KEY)"};
}

// Sender authenticity: what the trusted server's Authentication-Results said of
// each logged message, and whether it was logged for review. Messages logged
// before were never checked.
std::vector<std::string> AddSenderChecks(const Dialect&) {
  return {"ALTER TABLE attachments ADD COLUMN sender_verdict TEXT NOT NULL DEFAULT 'unchecked'"
          " CHECK (sender_verdict IN ('unchecked', 'authenticated', 'unauthenticated'))",
          "ALTER TABLE attachments ADD COLUMN dkim TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE attachments ADD COLUMN spf TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE attachments ADD COLUMN dmarc TEXT NOT NULL DEFAULT ''",
          "ALTER TABLE attachments ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1))",
          // The few marked for review, without reading the others.
          "CREATE INDEX attachments_review ON attachments (attachment_no) WHERE review = 1"};
}

// Relog: where an interrupted relog of a folder resumes, and how far a job's
// run got while it runs.
std::vector<std::string> AddRelog(const Dialect&) {
  return {"CREATE TABLE relog_positions ("
          "  folder TEXT PRIMARY KEY,"
          "  message_key TEXT NOT NULL,"
          "  uidvalidity BIGINT NOT NULL,"
          "  arrived_at BIGINT NOT NULL,"
          "  done BIGINT NOT NULL,"
          "  total BIGINT NOT NULL)",
          "ALTER TABLE job_runs ADD COLUMN progress_done BIGINT NOT NULL DEFAULT 0",
          "ALTER TABLE job_runs ADD COLUMN progress_total BIGINT NOT NULL DEFAULT 0"};
}

// Entries imported from another system, each by its number there, so that a
// file imported twice adds nothing the second time. Kept when the entry is
// deleted: a deleted entry is not imported again.
std::vector<std::string> AddImportedEntries(const Dialect&) {
  return {"CREATE TABLE imported_entries ("
          "  source TEXT NOT NULL,"
          "  source_entry_no TEXT NOT NULL,"
          "  entry_no BIGINT NOT NULL,"
          "  PRIMARY KEY (source, source_entry_no))"};
}

// kSteps[N - 1] brings the schema to version N.
using Step = std::vector<std::string> (*)(const Dialect&);
constexpr Step kSteps[] = {CreateInitialSchema, CreateJobQueue, CreatePendingCopies, CreateUsers,
                           AddEntryEvaluation, AddCreatedInteractions, AddTokenExpiry,
                           IndexEntriesByDate, AddNeverLog, AddSenderChecks, AddRelog, AddImportedEntries};
static_assert(std::size(kSteps) == kLatestSchemaVersion);

}  // namespace

int ReadSchemaVersion(soci::session& session, const Dialect& dialect) {
  if (!Exists(session, std::string(dialect.count_tables_named), {std::string("schema_version")})) {
    return 0;
  }
  int version = 0;
  soci::indicator indicator = soci::i_null;
  session << "SELECT MAX(version) FROM schema_version", soci::into(version, indicator);
  return indicator == soci::i_ok ? version : 0;
}

Status CheckSchemaVersion(int found, int expected) {
  if (found == 0) {
    return Status::FailedPrecondition(
        "The database has not been initialized. Run 'mailtrail init'.");
  }
  if (found < expected) {
    return Status::FailedPrecondition(
        "The database schema is older than this program. Run 'mailtrail init' to upgrade it.");
  }
  if (found > expected) {
    return Status::FailedPrecondition("The database was created by a newer mailtrail.");
  }
  return Status::Ok();
}

Status ApplyMigrations(soci::session& session, const Dialect& dialect, int target) {
  for (;;) {
    WriteTransaction transaction(session, dialect);
    TakeLock(session, dialect.lock_migrations);
    session << "CREATE TABLE IF NOT EXISTS schema_version ("
               "  version INTEGER PRIMARY KEY,"
               "  applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";
    // Read under the lock: another program may have applied steps meanwhile.
    const int found = ReadSchemaVersion(session, dialect);
    // Up to date, or newer: nothing to commit (schema_version was there already).
    if (found > kLatestSchemaVersion) return CheckSchemaVersion(found, kLatestSchemaVersion);
    if (found >= target) return Status::Ok();
    for (const std::string& sql : kSteps[found](dialect)) session << sql;
    const int version = found + 1;
    session << "INSERT INTO schema_version (version) VALUES (:version)", soci::use(version);
    transaction.Commit();
  }
}

}  // namespace mailtrail::db
