// Rows: how each domain type travels through SQL, and the statements that move
// them. Internal to SociDatabase.
//
// Functions throw soci::soci_error when the database fails; SociDatabase turns
// that into a Status.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/base64.h"
#include "common/status.h"
#include "db/database.h"
#include "domain/job.h"
#include "domain/user.h"
#include "domain/model.h"

namespace mailtrail::db {

// ---- Statements ----

// A parameter of a query.
using Param = std::variant<std::string, std::int64_t>;

// One statement. Outputs (Into) and inputs (Use) are bound in the order the SQL
// names them; SOCI keeps references, so they must outlive Run() and Next().
class Statement {
 public:
  explicit Statement(soci::session& session) : statement_(session) {}

  template <typename T>
  void Into(T& field) {
    statement_.exchange(soci::into(field));
  }
  template <typename T>
  void Into(T& field, soci::indicator& indicator) {
    statement_.exchange(soci::into(field, indicator));
  }
  template <typename T>
  void Use(const T& field) {
    statement_.exchange(soci::use(field));
  }
  template <typename T>
  void Use(const T& field, soci::indicator& indicator) {
    statement_.exchange(soci::use(field, indicator));
  }

  // Runs `sql` with `params` as the inputs after those bound with Use(). True when
  // it returned a row, which is now in the outputs.
  bool Run(const std::string& sql, const std::vector<Param>& params = {});

  // Prepares `sql` with the inputs and outputs bound so far, for Execute.
  void Prepare(const std::string& sql);
  // Runs the prepared statement with the inputs' current values. True when it
  // returned a row, which is now in the outputs.
  bool Execute() { return statement_.execute(true); }

  // Moves the outputs to the next row; false when there is none.
  bool Next() { return statement_.fetch(); }

  long long AffectedRows() { return statement_.get_affected_rows(); }

 private:
  soci::statement statement_;
};

// Runs `sql`, an INSERT, UPDATE or DELETE; returns the number of rows it changed.
long long Execute(soci::session& session, const std::string& sql, const std::vector<Param>& params);

// Values in one IN list at most, which keeps a statement far below every
// backend's limit on parameters (SQLite: 32766, PostgreSQL: 65535).
inline constexpr std::size_t kValuesPerInList = 500;

// "(:name0, :name1, ...)" for `count` values, to follow IN.
std::string InList(std::string_view name, std::size_t count);

// Whether `sql`, a SELECT COUNT(*), counts any row.
bool Exists(soci::session& session, const std::string& sql, const std::vector<Param>& params);

// ---- Rows: how each domain type maps to columns ----
//
// A Row holds a domain value plus the column forms that differ from it (enum
// text, NULL). Write() binds the columns kInsert lists and Read() those kSelect
// lists, in that order; Get() turns a fetched row back into the domain value.

// The value `text` names; kCorruption when it names none (the schema's CHECK
// constraints make that a damaged database).
template <typename T>
Result<T> Parsed(std::optional<T> parsed, std::string_view column, std::string_view text) {
  if (!parsed) {
    return Status::Corruption("The database holds '" + std::string(text) + "' in " +
                              std::string(column) + ", which is not a valid value.");
  }
  return *parsed;
}

// A text column where NULL stands for the domain's empty string.
struct NullableText {
  std::string text;
  soci::indicator indicator = soci::i_null;

  NullableText() = default;
  explicit NullableText(std::string_view value)
      : text(value), indicator(value.empty() ? soci::i_null : soci::i_ok) {}
  // After a fetch: SOCI leaves `text` as it was when the column is NULL.
  std::string_view value() const { return indicator == soci::i_ok ? text : std::string_view(); }
};

// An integer column where NULL stands for the domain's nullopt.
struct NullableInt {
  int number = 0;
  soci::indicator indicator = soci::i_null;

  NullableInt() = default;
  explicit NullableInt(std::optional<int> value)
      : number(value.value_or(0)), indicator(value ? soci::i_ok : soci::i_null) {}
  // After a fetch: SOCI leaves `number` as it was when the column is NULL.
  std::optional<int> value() const {
    return indicator == soci::i_ok ? std::optional<int>(number) : std::nullopt;
  }
};

// An integer key column where NULL stands for the domain's 0 (none).
struct NullableKey {
  std::int64_t number = 0;
  soci::indicator indicator = soci::i_null;

  NullableKey() = default;
  explicit NullableKey(std::int64_t value) : number(value), indicator(value != 0 ? soci::i_ok : soci::i_null) {}
  // After a fetch: SOCI leaves `number` as it was when the column is NULL.
  std::int64_t value() const { return indicator == soci::i_ok ? number : 0; }
};

template <typename T>
NullableText OptionalEnumText(const std::optional<T>& value) {
  return NullableText(value ? domain::ToString(*value) : std::string_view());
}

template <typename T>
Result<std::optional<T>> ParsedOptional(const NullableText& column, std::string_view name,
                                        std::optional<T> (*parse)(std::string_view)) {
  if (column.value().empty()) return std::optional<T>();
  MT_ASSIGN_OR_RETURN(T value, Parsed(parse(column.value()), name, column.value()));
  return std::optional<T>(value);
}

struct SalespersonRow {
  using Value = domain::Salesperson;
  static constexpr std::string_view kInsert =
      "INSERT INTO salespersons (code, name, email) VALUES (:code, :name, :email)";
  static constexpr std::string_view kSelect = "SELECT code, name, email FROM salespersons";

  Value value;

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.code);
    bind(value.name);
    bind(value.email);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() const { return value; }
};

struct UserRow {
  using Value = domain::User;
  static constexpr std::string_view kInsert =
      "INSERT INTO users (name, permission_set, password_hash) VALUES (:name, :permission_set, :password_hash)";
  // The columns of kInsert, in its order; a WHERE clause follows.
  static constexpr std::string_view kUpdate =
      "UPDATE users SET name = :name, permission_set = :permission_set, password_hash = :password_hash";
  static constexpr std::string_view kSelect = "SELECT name, permission_set, password_hash FROM users";

  Value value;
  std::string permission_set;

  UserRow() = default;
  explicit UserRow(const Value& user) : value(user), permission_set(domain::ToString(user.permission_set)) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.name);
    bind(permission_set);
    bind(value.password_hash);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() {
    MT_ASSIGN_OR_RETURN(value.permission_set,
                        Parsed(domain::ParsePermissionSet(permission_set), "users.permission_set", permission_set));
    return value;
  }
};

struct ApiTokenRow {
  using Value = domain::ApiToken;
  static constexpr std::string_view kInsert =
      "INSERT INTO api_tokens (token_hash, user_name, label, expires_at)"
      " VALUES (:token_hash, :user_name, :label, :expires_at)";
  static constexpr std::string_view kSelect = "SELECT token_hash, user_name, label, expires_at FROM api_tokens";

  Value value;

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.token_hash);
    bind(value.user_name);
    bind(value.label);
    bind(value.expires_at);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() const { return value; }
};

struct ContactRow {
  using Value = domain::Contact;
  static constexpr std::string_view kInsert =
      "INSERT INTO contacts (no, type, name, email, company_no, do_not_log)"
      " VALUES (:no, :type, :name, :email, :company_no, :do_not_log)";
  static constexpr std::string_view kSelect =
      "SELECT no, type, name, email, company_no, do_not_log FROM contacts";

  Value value;
  std::string type;
  int do_not_log = 0;

  ContactRow() = default;
  explicit ContactRow(const Value& contact)
      : value(contact), type(domain::ToString(contact.type)), do_not_log(contact.do_not_log ? 1 : 0) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.no);
    bind(type);
    bind(value.name);
    bind(value.email);
    bind(value.company_no);
    bind(do_not_log);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() {
    MT_ASSIGN_OR_RETURN(value.type, Parsed(domain::ParseContactType(type), "contacts.type", type));
    value.do_not_log = do_not_log != 0;
    return value;
  }
};

struct AltAddressRow {
  using Value = domain::ContactAltAddress;
  static constexpr std::string_view kInsert =
      "INSERT INTO contact_alt_addresses (contact_no, code, email)"
      " VALUES (:contact_no, :code, :email)";
  static constexpr std::string_view kSelect =
      "SELECT contact_no, code, email FROM contact_alt_addresses";

  Value value;

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.contact_no);
    bind(value.code);
    bind(value.email);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() const { return value; }
};

struct GroupRow {
  using Value = domain::InteractionGroup;
  static constexpr std::string_view kInsert =
      "INSERT INTO interaction_groups (code, description) VALUES (:code, :description)";
  static constexpr std::string_view kSelect = "SELECT code, description FROM interaction_groups";

  Value value;

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.code);
    bind(value.description);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() const { return value; }
};

struct TemplateRow {
  using Value = domain::InteractionTemplate;
  static constexpr std::string_view kInsert =
      "INSERT INTO interaction_templates (code, group_code, description, unit_cost,"
      " unit_duration_min, information_flow, initiated_by) VALUES (:code, :group_code,"
      " :description, :unit_cost, :unit_duration_min, :information_flow, :initiated_by)";
  static constexpr std::string_view kSelect =
      "SELECT code, group_code, description, unit_cost, unit_duration_min, information_flow,"
      " initiated_by FROM interaction_templates";

  Value value;
  NullableText information_flow;
  NullableText initiated_by;

  TemplateRow() = default;
  explicit TemplateRow(const Value& tmpl)
      : value(tmpl),
        information_flow(OptionalEnumText(tmpl.information_flow)),
        initiated_by(OptionalEnumText(tmpl.initiated_by)) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.code);
    bind(value.group_code);
    bind(value.description);
    bind(value.unit_cost);
    bind(value.unit_duration_min);
    bind(information_flow.text, information_flow.indicator);
    bind(initiated_by.text, initiated_by.indicator);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() {
    MT_ASSIGN_OR_RETURN(value.information_flow,
                        ParsedOptional(information_flow, "interaction_templates.information_flow",
                                       domain::ParseInformationFlow));
    MT_ASSIGN_OR_RETURN(value.initiated_by,
                        ParsedOptional(initiated_by, "interaction_templates.initiated_by",
                                       domain::ParseInitiatedBy));
    return value;
  }
};

struct AttachmentRow {
  using Value = domain::Attachment;
  static constexpr std::string_view kInsert =
      "INSERT INTO attachments (storage_folder, storage_key, uidvalidity, message_id,"
      " content_hash, size, sender_verdict, dkim, spf, dmarc, review) VALUES (:storage_folder, :storage_key,"
      " :uidvalidity, :message_id, :content_hash, :size, :sender_verdict, :dkim, :spf, :dmarc, :review)";
  static constexpr std::string_view kSelect =
      "SELECT storage_folder, storage_key, uidvalidity, message_id, content_hash, size,"
      " sender_verdict, dkim, spf, dmarc, review, attachment_no FROM attachments";

  Value value;
  NullableText message_id;
  std::string sender_verdict;
  int review = 0;

  AttachmentRow() = default;
  explicit AttachmentRow(const Value& attachment)
      : value(attachment),
        message_id(attachment.message_id),
        sender_verdict(domain::ToString(attachment.sender_check.verdict)),
        review(attachment.review ? 1 : 0) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.location.folder);
    bind(value.location.key);
    bind(value.location.uidvalidity);
    bind(message_id.text, message_id.indicator);
    bind(value.content_hash);
    bind(value.size);
    bind(sender_verdict);
    bind(value.sender_check.dkim);
    bind(value.sender_check.spf);
    bind(value.sender_check.dmarc);
    bind(review);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
    bind(value.attachment_no);
  }
  Result<Value> Get() {
    value.message_id = message_id.value();
    MT_ASSIGN_OR_RETURN(value.sender_check.verdict, Parsed(domain::ParseSenderVerdict(sender_verdict),
                                                           "attachments.sender_verdict", sender_verdict));
    value.review = review != 0;
    return value;
  }
};

// An entry's Message-ID is its attachment's, and its file name its file's: read
// through joins, never written here.
struct EntryRow {
  using Value = domain::InteractionLogEntry;
  static constexpr std::string_view kInsert =
      "INSERT INTO interaction_log_entries (contact_no, contact_company_no,"
      " contact_alt_address_code, salesperson_code, interaction_template_code,"
      " interaction_group_code, information_flow, initiated_by, date, time, description,"
      " subject, attachment_no, cost, duration_min, email_logged, postponed) VALUES (:contact_no,"
      " :contact_company_no, :contact_alt_address_code, :salesperson_code,"
      " :interaction_template_code, :interaction_group_code, :information_flow,"
      " :initiated_by, :date, :time, :description, :subject, :attachment_no, :cost,"
      " :duration_min, :email_logged, :postponed)";
  // The columns of kInsert, in its order; a WHERE clause follows.
  static constexpr std::string_view kUpdate =
      "UPDATE interaction_log_entries SET contact_no = :contact_no,"
      " contact_company_no = :contact_company_no, contact_alt_address_code = :contact_alt_address_code,"
      " salesperson_code = :salesperson_code, interaction_template_code = :interaction_template_code,"
      " interaction_group_code = :interaction_group_code, information_flow = :information_flow,"
      " initiated_by = :initiated_by, date = :date, time = :time, description = :description,"
      " subject = :subject, attachment_no = :attachment_no, cost = :cost, duration_min = :duration_min,"
      " email_logged = :email_logged, postponed = :postponed";
  static constexpr std::string_view kSelect =
      "SELECT contact_no, contact_company_no, contact_alt_address_code, salesperson_code,"
      " interaction_template_code, interaction_group_code, information_flow, initiated_by,"
      " date, time, description, subject, attachment_no, cost, duration_min, email_logged,"
      " postponed, entry_no, message_id, evaluation, canceled, file_name, sender_verdict, review"
      " FROM interaction_log_entries LEFT JOIN attachments USING (attachment_no)"
      " LEFT JOIN interaction_files USING (entry_no)";

  Value value;
  NullableKey attachment_no;
  std::string information_flow;
  std::string initiated_by;
  int email_logged = 0;
  int postponed = 0;
  NullableText message_id;
  std::string evaluation;  // read only: people change it (SetEntryEvaluation)
  int canceled = 0;        // read only
  NullableText file_name;  // read only
  NullableText sender_verdict;  // read only: the attachment's
  NullableKey review;           // read only: the attachment's

  EntryRow() = default;
  explicit EntryRow(const Value& entry)
      : value(entry),
        attachment_no(entry.attachment_no),
        information_flow(domain::ToString(entry.information_flow)),
        initiated_by(domain::ToString(entry.initiated_by)),
        email_logged(entry.email_logged ? 1 : 0),
        postponed(entry.postponed ? 1 : 0) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.contact_no);
    bind(value.contact_company_no);
    bind(value.contact_alt_address_code);
    bind(value.salesperson_code);
    bind(value.interaction_template_code);
    bind(value.interaction_group_code);
    bind(information_flow);
    bind(initiated_by);
    bind(value.date);
    bind(value.time);
    bind(value.description);
    bind(value.subject);
    bind(attachment_no.number, attachment_no.indicator);
    bind(value.cost);
    bind(value.duration_min);
    bind(email_logged);
    bind(postponed);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
    bind(value.entry_no);
    bind(message_id.text, message_id.indicator);
    bind(evaluation);
    bind(canceled);
    bind(file_name.text, file_name.indicator);
    bind(sender_verdict.text, sender_verdict.indicator);
    bind(review.number, review.indicator);
  }
  Result<Value> Get() {
    value.attachment_no = attachment_no.value();
    MT_ASSIGN_OR_RETURN(value.information_flow,
                        Parsed(domain::ParseInformationFlow(information_flow),
                               "interaction_log_entries.information_flow", information_flow));
    MT_ASSIGN_OR_RETURN(value.initiated_by,
                        Parsed(domain::ParseInitiatedBy(initiated_by),
                               "interaction_log_entries.initiated_by", initiated_by));
    value.email_logged = email_logged != 0;
    value.postponed = postponed != 0;
    value.message_id = message_id.value();
    MT_ASSIGN_OR_RETURN(value.evaluation, Parsed(domain::ParseEvaluation(evaluation),
                                                 "interaction_log_entries.evaluation", evaluation));
    value.canceled = canceled != 0;
    value.file_name = file_name.value();
    value.sender_check = sender_verdict.value();
    value.review = review.value() != 0;
    return value;
  }
};

// The file of a created interaction; its content is kept as base64 text.
struct FileRow {
  using Value = domain::InteractionFile;
  static constexpr std::string_view kInsert =
      "INSERT INTO interaction_files (entry_no, file_name, media_type, file_size, content_base64)"
      " VALUES (:entry_no, :file_name, :media_type, :file_size, :content_base64)";
  static constexpr std::string_view kSelect =
      "SELECT file_name, media_type, content_base64 FROM interaction_files";

  Value value;
  std::int64_t entry_no = 0;       // written only
  std::int64_t size = 0;           // written only: the content's bytes
  std::string content_base64;

  FileRow() = default;
  FileRow(std::int64_t entry, const Value& file)
      : value{file.name, file.type, {}},
        entry_no(entry),
        size(static_cast<std::int64_t>(file.content.size())),
        content_base64(Base64Encode(file.content)) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(entry_no);
    bind(value.name);
    bind(value.type);
    bind(size);
    bind(content_base64);
  }
  template <typename Bind>
  void Read(Bind bind) {
    bind(value.name);
    bind(value.type);
    bind(content_base64);
  }
  Result<Value> Get() {
    std::optional<std::string> content = Base64Decode(content_base64);
    if (!content) {
      return Status::Corruption("The database holds a file whose content is not base64 in"
                                " interaction_files.content_base64.");
    }
    value.content = std::move(*content);
    return value;
  }
};

struct JobRow {
  using Value = domain::JobQueueEntry;
  static constexpr std::string_view kInsert =
      "INSERT INTO job_queue_entries (object_to_run, description, category, every_minutes,"
      " start_minute, end_minute, weekdays, earliest_start, status, max_attempts, attempts,"
      " last_error, last_error_context, lease_owner, lease_until) VALUES (:object_to_run,"
      " :description, :category, :every_minutes, :start_minute, :end_minute, :weekdays,"
      " :earliest_start, :status, :max_attempts, :attempts, :last_error, :last_error_context,"
      " :lease_owner, :lease_until)";
  // The columns of kInsert, in its order; a WHERE clause follows.
  static constexpr std::string_view kUpdate =
      "UPDATE job_queue_entries SET object_to_run = :object_to_run, description = :description,"
      " category = :category, every_minutes = :every_minutes, start_minute = :start_minute,"
      " end_minute = :end_minute, weekdays = :weekdays, earliest_start = :earliest_start,"
      " status = :status, max_attempts = :max_attempts, attempts = :attempts,"
      " last_error = :last_error, last_error_context = :last_error_context,"
      " lease_owner = :lease_owner, lease_until = :lease_until";
  static constexpr std::string_view kSelect =
      "SELECT object_to_run, description, category, every_minutes, start_minute, end_minute,"
      " weekdays, earliest_start, status, max_attempts, attempts, last_error,"
      " last_error_context, lease_owner, lease_until, id FROM job_queue_entries";

  Value value;
  NullableInt start_minute;
  NullableInt end_minute;
  int weekdays = 0;
  std::string status;

  JobRow() = default;
  explicit JobRow(const Value& job)
      : value(job),
        start_minute(job.recurrence.start_minute),
        end_minute(job.recurrence.end_minute),
        weekdays(job.recurrence.weekdays),
        status(domain::ToString(job.status)) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.object_to_run);
    bind(value.description);
    bind(value.category);
    bind(value.recurrence.every_minutes);
    bind(start_minute.number, start_minute.indicator);
    bind(end_minute.number, end_minute.indicator);
    bind(weekdays);
    bind(value.earliest_start);
    bind(status);
    bind(value.max_attempts);
    bind(value.attempts);
    bind(value.last_error);
    bind(value.last_error_context);
    bind(value.lease_owner);
    bind(value.lease_until);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
    bind(value.id);
  }
  Result<Value> Get() {
    value.recurrence.start_minute = start_minute.value();
    value.recurrence.end_minute = end_minute.value();
    MT_ASSIGN_OR_RETURN(
        value.recurrence.weekdays,
        Parsed(WeekdayBits(weekdays), "job_queue_entries.weekdays", std::to_string(weekdays)));
    MT_ASSIGN_OR_RETURN(value.status,
                        Parsed(domain::ParseJobStatus(status), "job_queue_entries.status", status));
    return value;
  }

 private:
  // A mask of the 7 days (Recurrence::weekdays); nullopt for other bits.
  static std::optional<std::uint8_t> WeekdayBits(int bits) {
    if (bits < 0 || bits > 0x7f) return std::nullopt;
    return static_cast<std::uint8_t>(bits);
  }
};

struct JobRunRow {
  using Value = domain::JobRun;
  static constexpr std::string_view kInsert =
      "INSERT INTO job_runs (job_id, worker, started_at, ended_at, status, summary, error,"
      " error_context, progress_done, progress_total) VALUES (:job_id, :worker, :started_at, :ended_at,"
      " :status, :summary, :error, :error_context, :progress_done, :progress_total)";
  static constexpr std::string_view kSelect =
      "SELECT job_id, worker, started_at, ended_at, status, summary, error, error_context,"
      " progress_done, progress_total, id FROM job_runs";

  Value value;
  std::string status;

  JobRunRow() = default;
  explicit JobRunRow(const Value& run) : value(run), status(domain::ToString(run.status)) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.job_id);
    bind(value.worker);
    bind(value.started_at);
    bind(value.ended_at);
    bind(status);
    bind(value.summary);
    bind(value.error);
    bind(value.error_context);
    bind(value.progress_done);
    bind(value.progress_total);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
    bind(value.id);
  }
  Result<Value> Get() {
    MT_ASSIGN_OR_RETURN(value.status,
                        Parsed(domain::ParseJobRunStatus(status), "job_runs.status", status));
    return value;
  }
};

struct RelogPositionRow {
  using Value = RelogPosition;
  static constexpr std::string_view kInsert =
      "INSERT INTO relog_positions (folder, message_key, uidvalidity, arrived_at, done, total)"
      " VALUES (:folder, :message_key, :uidvalidity, :arrived_at, :done, :total)";
  static constexpr std::string_view kSelect =
      "SELECT folder, message_key, uidvalidity, arrived_at, done, total FROM relog_positions";

  Value value;

  RelogPositionRow() = default;
  explicit RelogPositionRow(const Value& position) : value(position) {}

  template <typename Bind>
  void Write(Bind bind) {
    bind(value.folder);
    bind(value.message_key);
    bind(value.uidvalidity);
    bind(value.arrived_at);
    bind(value.done);
    bind(value.total);
  }
  template <typename Bind>
  void Read(Bind bind) {
    Write(bind);
  }
  Result<Value> Get() const { return value; }
};

// Inserts `row` with kInsert followed by `tail` (e.g. a RETURNING clause whose
// outputs `statement` already has).
template <typename Row>
void Insert(Statement& statement, Row row, std::string_view tail = {}) {
  row.Write([&statement](auto&... column) { statement.Use(column...); });
  statement.Run(std::string(Row::kInsert).append(tail));
}

template <typename Row>
void Insert(soci::session& session, Row row, std::string_view tail = {}) {
  Statement statement(session);
  Insert(statement, std::move(row), tail);
}

// The INSERT of a Row, prepared once and run for many rows, so that the database
// compiles it once. The statement is bound to the columns of a row of its own,
// which Run overwrites.
template <typename Row>
class PreparedInsert {
 public:
  // `key_column`: a column whose generated value Run returns, or empty.
  explicit PreparedInsert(soci::session& session, std::string_view key_column = {}) : statement_(session) {
    std::string sql(Row::kInsert);
    if (!key_column.empty()) {
      statement_.Into(key_);
      sql.append(" RETURNING ").append(key_column);
    }
    row_.Write([this](auto&... column) { statement_.Use(column...); });
    statement_.Prepare(sql);
  }

  // Inserts `row`; returns the generated key_column, or 0 without one.
  std::int64_t Run(Row row) {
    row_ = std::move(row);
    statement_.Execute();
    return key_;
  }

 private:
  Row row_;
  Statement statement_;
  std::int64_t key_ = 0;
};

// Inserts `row` and returns the value the database generated for `key_column`.
template <typename Row>
std::int64_t InsertReturning(soci::session& session, Row row, std::string_view key_column) {
  return PreparedInsert<Row>(session, key_column).Run(std::move(row));
}

// Sets every column of `row` with kUpdate followed by `tail`, a WHERE clause taking
// `params`; returns the number of rows it changed.
template <typename Row>
long long Update(soci::session& session, Row row, std::string_view tail,
                 const std::vector<Param>& params) {
  Statement statement(session);
  row.Write([&statement](auto&... column) { statement.Use(column...); });
  statement.Run(std::string(Row::kUpdate).append(tail), params);
  return statement.AffectedRows();
}

// Appended to an INSERT: a row whose key is taken is left out, and what is there
// stays as it is.
inline constexpr std::string_view kIfMissing = " ON CONFLICT DO NOTHING";

// Inserts `row` unless a row with its key exists, in which case the result is
// kAlreadyExists with `taken_message`. One statement, so that a writer racing to
// insert the same key waits for the other's commit and then gets kAlreadyExists.
template <typename Row>
Status InsertNew(soci::session& session, Row row, std::string taken_message) {
  Statement statement(session);
  Insert(statement, std::move(row), kIfMissing);
  if (statement.AffectedRows() == 0) return Status::AlreadyExists(std::move(taken_message));
  return Status::Ok();
}

// Runs kSelect followed by `tail` (WHERE, ORDER BY); returns every row.
template <typename Row>
Result<std::vector<typename Row::Value>> SelectAll(soci::session& session, std::string_view tail,
                                                   const std::vector<Param>& params = {}) {
  Row row;
  Statement statement(session);
  row.Read([&statement](auto&... column) { statement.Into(column...); });
  std::vector<typename Row::Value> values;
  const std::string sql = std::string(Row::kSelect).append(" ").append(tail);
  for (bool more = statement.Run(sql, params); more; more = statement.Next()) {
    MT_ASSIGN_OR_RETURN(typename Row::Value value, row.Get());
    values.push_back(std::move(value));
  }
  return values;
}

// The first row SelectAll would return, if any.
template <typename Row>
Result<std::optional<typename Row::Value>> SelectFirst(soci::session& session,
                                                       std::string_view tail,
                                                       const std::vector<Param>& params) {
  MT_ASSIGN_OR_RETURN(std::vector<typename Row::Value> values,
                      SelectAll<Row>(session, tail, params));
  if (values.empty()) return std::optional<typename Row::Value>();
  return std::optional<typename Row::Value>(std::move(values.front()));
}

// ---- Setup: one key/value row per field ----

// How one setup field is stored: its key, and its value as text.
struct SetupField {
  std::string key;
  std::function<std::string(const domain::Setup&)> format;
  // False when the text is not a valid value.
  std::function<bool(std::string_view, domain::Setup&)> parse;
};

// Every field of domain::Setup.
const std::vector<SetupField>& SetupFields();

}  // namespace mailtrail::db
