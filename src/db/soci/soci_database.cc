#include "db/soci/soci_database.h"

#include <algorithm>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "db/soci/migrations.h"
#include "domain/address.h"
#include "db/soci/rows.h"

namespace mailtrail::db {

namespace {

constexpr std::string_view kInsertSetting =
    "INSERT INTO setup (setting, value) VALUES (:setting, :value)";

// The group, template and setup a new database starts with; a seeded row the user
// changed is never overwritten.
void Seed(soci::session& session) {
  const domain::InteractionGroup system{std::string(domain::kSystemGroupCode), "System"};
  const domain::InteractionTemplate email{
      .code = "EMAIL", .group_code = system.code, .description = "Email"};
  const domain::Setup setup{.email_template = email.code};
  Insert(session, GroupRow{system}, kIfMissing);
  Insert(session, TemplateRow(email), kIfMissing);
  for (const SetupField& field : SetupFields()) {
    Execute(session, std::string(kInsertSetting).append(kIfMissing),
            {field.key, field.format(setup)});
  }
}

// Contact nos of the series: CT000001 ... CT999999.
constexpr std::string_view kContactNoPrefix = "CT";
constexpr std::size_t kContactNoDigits = 6;
constexpr int kLastContactNumber = 999999;

// The number of a no of the series; nullopt for a no outside it.
std::optional<int> ContactNumber(std::string_view no) {
  if (!no.starts_with(kContactNoPrefix) ||
      no.size() != kContactNoPrefix.size() + kContactNoDigits) {
    return std::nullopt;
  }
  int number = 0;
  for (const char digit : no.substr(kContactNoPrefix.size())) {
    if (digit < '0' || digit > '9') return std::nullopt;
    number = number * 10 + (digit - '0');
  }
  return number;
}

std::string ContactNo(int number) {
  const std::string digits = std::to_string(number);
  return std::string(kContactNoPrefix) + std::string(kContactNoDigits - digits.size(), '0') +
         digits;
}

// ---- job queue ----

using domain::JobQueueEntry;
using domain::JobRunStatus;
using domain::JobStatus;

// A status as the schema spells it, to pass as a parameter.
template <typename Enum>
std::string Text(Enum status) {
  return std::string(domain::ToString(status));
}

Status JobNotFound(std::int64_t id) {
  return Status::NotFound("Job " + std::to_string(id) + " does not exist.");
}

Status LeaseLost(std::int64_t job_id) {
  return Status::FailedPrecondition("The lease on job " + std::to_string(job_id) + " was lost.");
}

constexpr std::string_view kLeaseRanOut =
    "The worker running this job stopped before it finished (its lease ran out).";

// Step 1 of LeaseJob: jobs whose lease ended before `now` return to ready, and
// their open runs are closed as abandoned. RenewLease and FinishJobRun do not take
// the job queue lock: on PostgreSQL one of them may change a job at the same
// time. Each job is updated before its run, as FinishJobRun does, so that neither
// waits for a row the other holds; and PostgreSQL tests the WHERE clause again on
// a row changed meanwhile, so a lease just renewed or finished is left alone.
void TakeBackExpiredLeases(soci::session& session, domain::UnixTime now) {
  std::vector<std::int64_t> expired;
  {
    std::int64_t id = 0;
    Statement statement(session);
    statement.Into(id);
    const std::string sql =
        "UPDATE job_queue_entries SET status = :ready, lease_owner = '', lease_until = 0"
        " WHERE status = :in_process AND lease_until < :now RETURNING id";
    for (bool more =
             statement.Run(sql, {Text(JobStatus::kReady), Text(JobStatus::kInProcess), now});
         more; more = statement.Next()) {
      expired.push_back(id);
    }
  }
  for (const std::int64_t job_id : expired) {
    Execute(session,
            "UPDATE job_runs SET status = :abandoned, ended_at = :now, error = :error"
            " WHERE job_id = :job_id AND status = :running",
            {Text(JobRunStatus::kAbandoned), now, std::string(kLeaseRanOut), job_id,
             Text(JobRunStatus::kRunning)});
  }
}

// Appended to a WHERE clause: no job of the candidate's category is in process.
// Jobs without a category never wait for one another.
constexpr std::string_view kCategoryIdle =
    " AND (category = '' OR category NOT IN"
    " (SELECT category FROM job_queue_entries WHERE status = :busy))";

// Step 2 of LeaseJob: the job to run, if any may run now.
Result<std::optional<JobQueueEntry>> PickJob(soci::session& session, domain::UnixTime now,
                                             std::optional<std::int64_t> only_job) {
  const std::string in_process = Text(JobStatus::kInProcess);
  if (!only_job) {
    return SelectFirst<JobRow>(session,
                               std::string("WHERE status = :ready AND earliest_start <= :now")
                                   .append(kCategoryIdle)
                                   .append(" ORDER BY earliest_start, id LIMIT 1"),
                               {Text(JobStatus::kReady), now, in_process});
  }
  if (!Exists(session, "SELECT COUNT(*) FROM job_queue_entries WHERE id = :id", {*only_job})) {
    return JobNotFound(*only_job);
  }
  return SelectFirst<JobRow>(
      session, std::string("WHERE id = :id AND status <> :in_process").append(kCategoryIdle),
      {*only_job, in_process, in_process});
}

// Step 3 of LeaseJob: `job` goes in process under `worker`; returns the id of the
// run opened for it.
std::int64_t StartRun(soci::session& session, const JobQueueEntry& job, const std::string& worker,
                      domain::UnixTime now, domain::UnixTime lease_until) {
  Execute(session,
          "UPDATE job_queue_entries SET status = :in_process, lease_owner = :worker,"
          " lease_until = :lease_until WHERE id = :id",
          {Text(JobStatus::kInProcess), worker, lease_until, job.id});
  const domain::JobRun run{
      .job_id = job.id, .worker = worker, .started_at = now, .status = JobRunStatus::kRunning};
  return InsertReturning(session, JobRunRow(run), "id");
}

// Runs `update`, an UPDATE of job_queue_entries without its WHERE clause, taking
// `params`, on job `job_id` only while `worker` holds its lease: the test and the
// change are one statement, so a lease taken back meanwhile is never written over.
// LeaseLost when the lease is gone.
Status UpdateLeasedJob(soci::session& session, std::string update, std::vector<Param> params,
                       std::int64_t job_id, std::string_view worker) {
  update.append(" WHERE id = :id AND status = :in_process AND lease_owner = :worker");
  params.insert(params.end(), {job_id, Text(JobStatus::kInProcess), std::string(worker)});
  if (Execute(session, update, params) == 0) return LeaseLost(job_id);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Database>> SociDatabase::Open(const Dialect& dialect, Connector connect) {
  MT_ASSIGN_OR_RETURN(std::unique_ptr<soci::session> session, connect());
  return std::unique_ptr<Database>(
      new SociDatabase(dialect, std::move(connect), std::move(session)));
}

SociDatabase::SociDatabase(const Dialect& dialect, Connector connect,
                           std::unique_ptr<soci::session> session)
    : dialect_(dialect), connect_(std::move(connect)), session_(std::move(session)) {}

template <typename Body>
auto SociDatabase::Guarded(std::string_view action, Repeatable repeatable, Body&& body)
    -> decltype(body()) {
  try {
    return body();
  } catch (const soci::soci_error& error) {
    // is_connected() asks the server, so only after a failure.
    if (repeatable == Repeatable::kYes && !in_transaction_ && !session_->is_connected()) {
      MT_ASSIGN_OR_RETURN(session_, connect_());
      return Guarded(action, Repeatable::kNo, body);
    }
    return dialect_.error_status(error, action);
  } catch (const std::exception& error) {
    return Status::Internal("Cannot " + std::string(action) + ": " + error.what());
  }
}

template <typename Body>
auto SociDatabase::Read(std::string_view action, Body&& body) -> decltype(body()) {
  return Guarded(action, Repeatable::kYes, body);
}

template <typename Body>
auto SociDatabase::Write(std::string_view action, Body&& body) -> decltype(body()) {
  if (in_transaction_) {
    return Guarded(action, Repeatable::kNo, [&]() -> decltype(body()) {
      Savepoint savepoint(*session_);
      auto result = body();
      if (result.ok()) savepoint.Release();
      return result;
    });
  }
  std::optional<WriteTransaction> transaction;
  // Nothing has reached the database when BEGIN fails, so BEGIN may be repeated.
  MT_RETURN_IF_ERROR(Guarded(action, Repeatable::kYes, [&] {
    transaction.emplace(*session_, dialect_);
    return Status::Ok();
  }));
  return Guarded(action, Repeatable::kNo, [&]() -> decltype(body()) {
    auto result = body();
    if (result.ok()) transaction->Commit();
    return result;
  });
}

Status SociDatabase::Initialize() {
  // Repeatable: each step re-reads the schema version before it applies.
  MT_RETURN_IF_ERROR(
      Read("upgrade the database schema", [this] { return ApplyMigrations(*session_, dialect_); }));
  return Write("seed the database", [this] {
    Seed(*session_);
    return Status::Ok();
  });
}

Status SociDatabase::CheckSchema() {
  return Read("read the database schema version", [this] {
    return CheckSchemaVersion(ReadSchemaVersion(*session_, dialect_), kLatestSchemaVersion);
  });
}

Status SociDatabase::RunInTransaction(const std::function<Status()>& body) {
  if (in_transaction_) return body();
  return Write("write in one transaction", [&]() -> Status {
    in_transaction_ = true;
    struct Leave {
      bool& flag;
      ~Leave() { flag = false; }
    } leave{in_transaction_};
    return body();
  });
}

// ---- directory ----

Status SociDatabase::AddSalesperson(const domain::Salesperson& salesperson) {
  return Write("add the salesperson", [&] {
    return InsertNew(*session_, SalespersonRow{salesperson},
                     "Salesperson '" + salesperson.code + "' already exists.");
  });
}

Result<std::vector<domain::Salesperson>> SociDatabase::ListSalespersons() {
  return Read("list the salespersons",
              [this] { return SelectAll<SalespersonRow>(*session_, "ORDER BY code"); });
}

Result<std::optional<domain::Salesperson>> SociDatabase::FindSalesperson(std::string_view code) {
  return Read("find the salesperson", [&] {
    return SelectFirst<SalespersonRow>(*session_, "WHERE code = :code", {std::string(code)});
  });
}

Status SociDatabase::UpdateSalesperson(const domain::Salesperson& salesperson) {
  return Write("save the salesperson", [&]() -> Status {
    if (Execute(*session_, "UPDATE salespersons SET name = :name, email = :email WHERE code = :code",
                {salesperson.name, salesperson.email, salesperson.code}) == 0) {
      return Status::NotFound("Salesperson '" + salesperson.code + "' does not exist.");
    }
    return Status::Ok();
  });
}

Status SociDatabase::AddUser(const domain::User& user) {
  return Write("add the user",
               [&] { return InsertNew(*session_, UserRow(user), "User '" + user.name + "' already exists."); });
}

Result<std::optional<domain::User>> SociDatabase::FindUser(std::string_view name) {
  return Read("find the user",
              [&] { return SelectFirst<UserRow>(*session_, "WHERE name = :name", {std::string(name)}); });
}

Result<std::vector<domain::User>> SociDatabase::ListUsers() {
  return Read("list the users", [this] { return SelectAll<UserRow>(*session_, "ORDER BY name"); });
}

Status SociDatabase::UpdateUser(const domain::User& user) {
  return Write("save the user", [&]() -> Status {
    if (Update(*session_, UserRow(user), " WHERE name = :key", {user.name}) == 0) {
      return Status::NotFound("User '" + user.name + "' does not exist.");
    }
    return Status::Ok();
  });
}

Status SociDatabase::RemoveUser(std::string_view name) {
  return Write("remove the user", [&]() -> Status {
    if (Execute(*session_, "DELETE FROM users WHERE name = :name", {std::string(name)}) == 0) {
      return Status::NotFound("User '" + std::string(name) + "' does not exist.");
    }
    return Status::Ok();
  });
}

Status SociDatabase::AddApiToken(const domain::ApiToken& token) {
  return Write("add the API token", [&]() -> Status {
    if (!SelectFirst<UserRow>(*session_, "WHERE name = :name", {token.user_name})->has_value()) {
      return Status::NotFound("User '" + token.user_name + "' does not exist.");
    }
    return InsertNew(*session_, ApiTokenRow{token}, "The API token exists already.");
  });
}

Result<std::optional<domain::ApiToken>> SociDatabase::FindApiToken(std::string_view token_hash) {
  return Read("find the API token", [&] {
    return SelectFirst<ApiTokenRow>(*session_, "WHERE token_hash = :token_hash", {std::string(token_hash)});
  });
}

Status SociDatabase::RemoveApiToken(std::string_view token_hash) {
  return Write("remove the API token", [&]() -> Status {
    if (Execute(*session_, "DELETE FROM api_tokens WHERE token_hash = :token_hash", {std::string(token_hash)}) == 0) {
      return Status::NotFound("The API token does not exist.");
    }
    return Status::Ok();
  });
}

Result<std::int64_t> SociDatabase::RemoveExpiredApiTokens(domain::UnixTime now) {
  return Write("remove expired API tokens", [&]() -> Result<std::int64_t> {
    return static_cast<std::int64_t>(Execute(*session_,
                                             "DELETE FROM api_tokens WHERE expires_at <> 0 AND expires_at < :now",
                                             {now}));
  });
}

Result<std::string> SociDatabase::NextContactNo() {
  return Read("find the next contact no", [this]() -> Result<std::string> {
    std::string no;
    Statement statement(*session_);
    statement.Into(no);
    // Nos of the series all have the same length, so text order is number order.
    const std::string sql = "SELECT no FROM contacts WHERE no LIKE '" +
                            std::string(kContactNoPrefix) + std::string(kContactNoDigits, '_') +
                            "' ORDER BY no DESC";
    int last = 0;
    for (bool more = statement.Run(sql); more; more = statement.Next()) {
      if (const std::optional<int> number = ContactNumber(no)) {
        last = *number;
        break;
      }
    }
    if (last == kLastContactNumber) {
      return Status::FailedPrecondition("The contact nos " + ContactNo(1) + " to " +
                                        ContactNo(kLastContactNumber) + " are used up.");
    }
    return ContactNo(last + 1);
  });
}

Status SociDatabase::AddContact(const domain::Contact& contact) {
  return Write("add the contact", [&] {
    return InsertNew(*session_, ContactRow(contact),
                     "Contact '" + contact.no + "' already exists.");
  });
}

Result<std::optional<domain::Contact>> SociDatabase::FindContact(std::string_view no) {
  return Read("find the contact", [&] {
    return SelectFirst<ContactRow>(*session_, "WHERE no = :no", {std::string(no)});
  });
}

Result<std::vector<domain::Contact>> SociDatabase::ListContacts() {
  return Read("list the contacts",
              [this] { return SelectAll<ContactRow>(*session_, "ORDER BY no"); });
}

Result<std::vector<domain::Contact>> SociDatabase::ListPersonsOf(std::string_view company_no) {
  return Read("list the company's persons", [&] {
    return SelectAll<ContactRow>(*session_, "WHERE type = :person AND company_no = :company_no ORDER BY no",
                                 {std::string(domain::ToString(domain::ContactType::kPerson)),
                                  std::string(company_no)});
  });
}

Status SociDatabase::SetContactEmail(std::string_view no, std::string_view email,
                                     std::optional<std::string> push_to_persons_with) {
  const std::string contact_no(no);
  const std::string new_email(email);
  return Write("change the contact's email", [&]() -> Status {
    if (Execute(*session_, "UPDATE contacts SET email = :email WHERE no = :no",
                {new_email, contact_no}) == 0) {
      return Status::NotFound("Contact '" + contact_no + "' does not exist.");
    }
    if (push_to_persons_with) {
      Execute(*session_,
              "UPDATE contacts SET email = :email WHERE type = :person AND company_no = :no"
              " AND LOWER(email) = LOWER(:old_email)",
              {new_email, std::string(domain::ToString(domain::ContactType::kPerson)), contact_no,
               *push_to_persons_with});
    }
    return Status::Ok();
  });
}

Status SociDatabase::SetContactName(std::string_view no, std::string_view name) {
  const std::string contact_no(no);
  return Write("rename the contact", [&]() -> Status {
    if (Execute(*session_, "UPDATE contacts SET name = :name WHERE no = :no", {std::string(name), contact_no}) == 0) {
      return Status::NotFound("Contact '" + contact_no + "' does not exist.");
    }
    return Status::Ok();
  });
}

Status SociDatabase::SetContactDoNotLog(std::string_view no, bool do_not_log) {
  const std::string contact_no(no);
  return Write("mark the contact do-not-log", [&]() -> Status {
    if (Execute(*session_, "UPDATE contacts SET do_not_log = :do_not_log WHERE no = :no",
                {std::int64_t{do_not_log ? 1 : 0}, contact_no}) == 0) {
      return Status::NotFound("Contact '" + contact_no + "' does not exist.");
    }
    return Status::Ok();
  });
}

Status SociDatabase::AddNeverLog(std::string_view entry) {
  const std::string text(entry);
  return Write("add to the never-log list", [&]() -> Status {
    if (Exists(*session_, "SELECT COUNT(*) FROM never_log WHERE entry = :entry", {text})) {
      return Status::AlreadyExists("'" + text + "' is on the never-log list already.");
    }
    Execute(*session_, "INSERT INTO never_log (entry) VALUES (:entry)", {text});
    return Status::Ok();
  });
}

Status SociDatabase::RemoveNeverLog(std::string_view entry) {
  const std::string text(entry);
  return Write("remove from the never-log list", [&]() -> Status {
    if (Execute(*session_, "DELETE FROM never_log WHERE entry = :entry", {text}) == 0) {
      return Status::NotFound("'" + text + "' is not on the never-log list.");
    }
    return Status::Ok();
  });
}

Result<std::vector<std::string>> SociDatabase::ListNeverLog() {
  return Read("list the never-log list", [this]() -> Result<std::vector<std::string>> {
    std::vector<std::string> entries;
    std::string entry;
    Statement statement(*session_);
    statement.Into(entry);
    for (bool more = statement.Run("SELECT entry FROM never_log ORDER BY entry"); more; more = statement.Next()) {
      entries.push_back(entry);
    }
    return entries;
  });
}

Status SociDatabase::AddAltAddress(const domain::ContactAltAddress& address) {
  return Write("add the alt. address", [&]() -> Status {
    if (!Exists(*session_, "SELECT COUNT(*) FROM contacts WHERE no = :no", {address.contact_no})) {
      return Status::NotFound("Contact '" + address.contact_no + "' does not exist.");
    }
    return InsertNew(
        *session_, AltAddressRow{address},
        "Contact '" + address.contact_no + "' already has an alt. address '" + address.code + "'.");
  });
}

Result<std::vector<domain::ContactAltAddress>> SociDatabase::ListAltAddresses() {
  return Read("list the alt. addresses",
              [this] { return SelectAll<AltAddressRow>(*session_, "ORDER BY contact_no, code"); });
}

Result<std::vector<domain::ContactAltAddress>> SociDatabase::ListAltAddressesOf(std::string_view contact_no) {
  return Read("list the contact's alt. addresses", [&] {
    return SelectAll<AltAddressRow>(*session_, "WHERE contact_no = :contact_no ORDER BY code",
                                    {std::string(contact_no)});
  });
}

Status SociDatabase::AddGroup(const domain::InteractionGroup& group) {
  return Write("add the interaction group", [&] {
    return InsertNew(*session_, GroupRow{group},
                     "Interaction group '" + group.code + "' already exists.");
  });
}

Result<std::vector<domain::InteractionGroup>> SociDatabase::ListGroups() {
  return Read("list the interaction groups",
              [this] { return SelectAll<GroupRow>(*session_, "ORDER BY code"); });
}

Status SociDatabase::AddTemplate(const domain::InteractionTemplate& tmpl) {
  return Write("add the interaction template", [&]() -> Status {
    if (!Exists(*session_, "SELECT COUNT(*) FROM interaction_groups WHERE code = :code",
                {tmpl.group_code})) {
      return Status::NotFound("Interaction group '" + tmpl.group_code + "' does not exist.");
    }
    return InsertNew(*session_, TemplateRow(tmpl),
                     "Interaction template '" + tmpl.code + "' already exists.");
  });
}

Result<std::optional<domain::InteractionTemplate>> SociDatabase::FindTemplate(
    std::string_view code) {
  return Read("find the interaction template", [&] {
    return SelectFirst<TemplateRow>(*session_, "WHERE code = :code", {std::string(code)});
  });
}

Result<std::vector<domain::InteractionTemplate>> SociDatabase::ListTemplates() {
  return Read("list the interaction templates",
              [this] { return SelectAll<TemplateRow>(*session_, "ORDER BY code"); });
}

// ---- setup ----

Result<domain::Setup> SociDatabase::LoadSetup() {
  return Read("load the setup", [this]() -> Result<domain::Setup> {
    domain::Setup setup;
    std::string setting;
    std::string value;
    Statement statement(*session_);
    statement.Into(setting);
    statement.Into(value);
    for (bool more = statement.Run("SELECT setting, value FROM setup"); more;
         more = statement.Next()) {
      // A setting this program does not know (left by a newer one) is ignored.
      const auto& fields = SetupFields();
      const auto field = std::find_if(fields.begin(), fields.end(),
                                      [&](const SetupField& f) { return f.key == setting; });
      if (field != fields.end() && !field->parse(value, setup)) {
        return Status::Corruption("The setup holds '" + value + "' for " + setting +
                                  ", which is not a valid value.");
      }
    }
    return setup;
  });
}

Status SociDatabase::SaveSetup(const domain::Setup& setup) {
  return Write("save the setup", [&] {
    for (const SetupField& field : SetupFields()) {
      Execute(*session_,
              std::string(kInsertSetting)
                  .append(" ON CONFLICT (setting) DO UPDATE SET value = excluded.value"),
              {field.key, field.format(setup)});
    }
    return Status::Ok();
  });
}

// ---- email log ----

namespace {

// Calls `run(in_list, params)` for each run of at most kValuesPerInList of
// `values`: in_list is InList("k", n), params the `leading` parameters and then
// the n values. Stops at the first error `run` returns.
template <typename Run>
Status ForEachInList(const std::vector<std::string>& values, const std::vector<Param>& leading, Run run) {
  for (std::size_t first = 0; first < values.size(); first += kValuesPerInList) {
    const std::size_t count = std::min(kValuesPerInList, values.size() - first);
    std::vector<Param> params = leading;
    params.insert(params.end(), values.begin() + static_cast<std::ptrdiff_t>(first),
                  values.begin() + static_cast<std::ptrdiff_t>(first + count));
    MT_RETURN_IF_ERROR(run(InList("k", count), params));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::optional<domain::Attachment>>> SociDatabase::FindLoggedAttachments(
    const std::vector<MessageIdentity>& messages) {
  std::vector<std::string> message_ids;
  std::vector<std::string> hashes;
  for (const MessageIdentity& message : messages) {
    (message.message_id.empty() ? hashes : message_ids)
        .push_back(message.message_id.empty() ? message.content_hash : message.message_id);
  }
  std::map<std::string, domain::Attachment> by_message_id;
  std::map<std::string, domain::Attachment> by_hash;  // of attachments without a Message-ID
  const Status looked_up = Read("look up the logged messages", [&]() -> Status {
    MT_RETURN_IF_ERROR(ForEachInList(message_ids, {}, [&](const std::string& in_list, const std::vector<Param>& params) {
      MT_ASSIGN_OR_RETURN(std::vector<domain::Attachment> attachments,
                          SelectAll<AttachmentRow>(*session_, "WHERE message_id IN " + in_list, params));
      for (domain::Attachment& attachment : attachments) {
        by_message_id.emplace(attachment.message_id, std::move(attachment));
      }
      return Status::Ok();
    }));
    return ForEachInList(hashes, {}, [&](const std::string& in_list, const std::vector<Param>& params) {
      MT_ASSIGN_OR_RETURN(
          std::vector<domain::Attachment> attachments,
          SelectAll<AttachmentRow>(
              *session_, "WHERE message_id IS NULL AND content_hash IN " + in_list + " ORDER BY attachment_no",
              params));
      // The lowest attachment no comes first and stays.
      for (domain::Attachment& attachment : attachments) {
        by_hash.emplace(attachment.content_hash, std::move(attachment));
      }
      return Status::Ok();
    });
  });
  MT_RETURN_IF_ERROR(looked_up);
  std::vector<std::optional<domain::Attachment>> found;
  found.reserve(messages.size());
  for (const MessageIdentity& message : messages) {
    const auto& index = message.message_id.empty() ? by_hash : by_message_id;
    const auto match = index.find(message.message_id.empty() ? message.content_hash : message.message_id);
    found.push_back(match == index.end() ? std::nullopt : std::optional<domain::Attachment>(match->second));
  }
  return found;
}

Result<std::optional<domain::Attachment>> SociDatabase::GetAttachment(std::int64_t attachment_no) {
  return Read("read the attachment", [&] {
    return SelectFirst<AttachmentRow>(*session_, "WHERE attachment_no = :attachment_no",
                                      {attachment_no});
  });
}

Result<std::vector<domain::Attachment>> SociDatabase::ListAttachments(std::int64_t after_attachment_no,
                                                                        std::size_t limit) {
  std::string tail = "WHERE attachment_no > :after_attachment_no ORDER BY attachment_no";
  if (limit > 0) tail.append(" LIMIT " + std::to_string(limit));
  return Read("list the attachments",
              [&] { return SelectAll<AttachmentRow>(*session_, tail, {after_attachment_no}); });
}

Status SociDatabase::CommitLoggingBatch(const LoggingBatch& batch) {
  return Write("record the logged messages", [&]() -> Status {
    PreparedInsert<AttachmentRow> insert_attachment(*session_, "attachment_no");
    PreparedInsert<EntryRow> insert_entry(*session_);
    for (const NewAttachment& added : batch.new_attachments) {
      const std::int64_t attachment_no = insert_attachment.Run(AttachmentRow(added.attachment));
      for (const domain::InteractionLogEntry& entry : added.entries) {
        EntryRow row(entry);
        row.attachment_no = NullableKey(attachment_no);
        insert_entry.Run(std::move(row));
      }
    }
    for (const Relink& relink : batch.relinks) {
      const domain::StoredLocation& location = relink.location;
      const long long relinked = Execute(
          *session_,
          "UPDATE attachments SET storage_folder = :folder, storage_key = :key,"
          " uidvalidity = :uidvalidity WHERE attachment_no = :attachment_no",
          {location.folder, location.key, location.uidvalidity, relink.attachment_no});
      if (relinked == 0) {
        return Status::NotFound("Attachment " + std::to_string(relink.attachment_no) +
                                " does not exist.");
      }
    }
    std::map<std::string, std::vector<std::string>> settled_by_folder;
    for (const PendingCopy& copy : batch.settled_copies) settled_by_folder[copy.folder].push_back(copy.identity);
    for (const auto& [folder, identities] : settled_by_folder) {
      MT_RETURN_IF_ERROR(ForEachInList(identities, {folder}, [&](const std::string& in_list, const std::vector<Param>& params) {
        Execute(*session_, "DELETE FROM pending_copies WHERE folder = :folder AND identity IN " + in_list, params);
        return Status::Ok();
      }));
    }
    return Status::Ok();
  });
}

Result<std::vector<bool>> SociDatabase::RecordPendingCopies(const std::vector<PendingCopy>& copies) {
  return Write("record the copies about to be made", [&]() -> Result<std::vector<bool>> {
    std::map<std::string, std::vector<std::string>> identities_by_folder;
    for (const PendingCopy& copy : copies) identities_by_folder[copy.folder].push_back(copy.identity);
    std::set<std::pair<std::string, std::string>> recorded;  // (folder, identity)
    for (const auto& [folder, identities] : identities_by_folder) {
      MT_RETURN_IF_ERROR(ForEachInList(identities, {folder}, [&](const std::string& in_list, const std::vector<Param>& params) {
        std::string identity;
        Statement select(*session_);
        select.Into(identity);
        const std::string sql = "SELECT identity FROM pending_copies WHERE folder = :folder AND identity IN " + in_list;
        for (bool more = select.Run(sql, params); more; more = select.Next()) recorded.emplace(folder, identity);
        return Status::Ok();
      }));
    }
    std::vector<bool> recorded_before;
    std::vector<Param> new_rows;
    std::string values;
    auto insert = [&] {
      if (new_rows.empty()) return;
      Execute(*session_, "INSERT INTO pending_copies (folder, identity) VALUES " + values + std::string(kIfMissing),
              new_rows);
      new_rows.clear();
      values.clear();
    };
    for (const PendingCopy& copy : copies) {
      recorded_before.push_back(recorded.contains({copy.folder, copy.identity}));
      if (recorded_before.back()) continue;
      const std::string row = std::to_string(new_rows.size() / 2);
      values.append(values.empty() ? "" : ", ").append("(:f" + row + ", :i" + row + ")");
      new_rows.insert(new_rows.end(), {copy.folder, copy.identity});
      if (new_rows.size() / 2 == kValuesPerInList) insert();
    }
    insert();
    return recorded_before;
  });
}

namespace {

// `text` as a LIKE pattern that matches it literally (escape character '!').
std::string EscapeLike(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') escaped += '!';
    escaped += c;
  }
  return escaped;
}

// Where entries are selected: postponed interactions are not among them.
constexpr std::string_view kNotPostponed = "WHERE postponed = 0";

}  // namespace

Result<std::vector<domain::InteractionLogEntry>> SociDatabase::ListEntries(
    const EntryFilter& filter) {
  std::string tail(kNotPostponed);
  std::vector<Param> params;
  auto match = [&](std::string_view column, const std::string& value) {
    if (value.empty()) return;  // any
    tail.append(" AND ").append(column).append(" = :").append(column);
    params.push_back(value);
  };
  auto where = [&](std::string condition, Param value) {
    tail.append(" AND ").append(condition);
    params.push_back(std::move(value));
  };
  match("salesperson_code", filter.salesperson_code);
  match("contact_no", filter.contact_no);
  match("interaction_template_code", filter.template_code);
  if (!filter.date_from.empty()) where("date >= :date_from", filter.date_from);
  if (!filter.date_to.empty()) where("date <= :date_to", filter.date_to);
  if (filter.information_flow) {
    where("information_flow = :information_flow", std::string(domain::ToString(*filter.information_flow)));
  }
  if (!filter.subject_contains.empty()) {
    where("LOWER(subject) LIKE :subject ESCAPE '!'", "%" + EscapeLike(domain::AsciiLower(filter.subject_contains)) + "%");
  }
  if (filter.review_only) tail.append(" AND review = 1");
  if (filter.attachment_no > 0) where("attachment_no = :attachment_no", filter.attachment_no);
  if (filter.after_entry_no > 0) where("entry_no > :after_entry_no", filter.after_entry_no);
  tail.append(" ORDER BY entry_no");
  if (filter.limit > 0) tail.append(" LIMIT " + std::to_string(filter.limit));
  return Read("list the interaction log entries",
              [&] { return SelectAll<EntryRow>(*session_, tail, params); });
}

Result<std::optional<domain::InteractionLogEntry>> SociDatabase::GetEntry(std::int64_t entry_no) {
  return Read("read the interaction log entry", [&] {
    return SelectFirst<EntryRow>(*session_, std::string(kNotPostponed).append(" AND entry_no = :entry_no"),
                                 {entry_no});
  });
}

namespace {

Status EntryNotFound(std::int64_t entry_no) {
  return Status::NotFound("Interaction log entry " + std::to_string(entry_no) + " does not exist.");
}

}  // namespace

Status SociDatabase::SetEntryEvaluation(std::int64_t entry_no, domain::Evaluation evaluation) {
  return Write("evaluate the interaction log entry", [&]() -> Status {
    const long long changed = Execute(*session_, "UPDATE interaction_log_entries SET evaluation = :evaluation"
                                                 " WHERE entry_no = :entry_no AND postponed = 0",
                                      {std::string(domain::ToString(evaluation)), entry_no});
    return changed == 0 ? EntryNotFound(entry_no) : Status::Ok();
  });
}

Status SociDatabase::SetEntryCanceled(std::int64_t entry_no, bool canceled) {
  return Write("cancel the interaction log entry", [&]() -> Status {
    const long long changed = Execute(*session_, "UPDATE interaction_log_entries SET canceled = :canceled"
                                                 " WHERE entry_no = :entry_no AND postponed = 0",
                                      {std::int64_t{canceled ? 1 : 0}, entry_no});
    return changed == 0 ? EntryNotFound(entry_no) : Status::Ok();
  });
}

Result<std::int64_t> SociDatabase::DeleteCanceledEntries() {
  return Write("delete the canceled interaction log entries", [&]() -> Result<std::int64_t> {
    return static_cast<std::int64_t>(
        Execute(*session_, "DELETE FROM interaction_log_entries WHERE canceled = 1 AND postponed = 0", {}));
  });
}

Result<std::optional<domain::InteractionFile>> SociDatabase::GetEntryFile(std::int64_t entry_no) {
  return Read("read the interaction's file", [&] {
    return SelectFirst<FileRow>(
        *session_,
        "JOIN interaction_log_entries USING (entry_no) " + std::string(kNotPostponed) + " AND entry_no = :entry_no",
        {entry_no});
  });
}

// ---- interactions people create ----

namespace {

constexpr std::string_view kPostponed = "WHERE postponed = 1";

Status PostponedNotFound(std::int64_t entry_no) {
  return Status::NotFound("Postponed interaction " + std::to_string(entry_no) + " does not exist.");
}

}  // namespace

Result<std::int64_t> SociDatabase::AddInteraction(const domain::InteractionLogEntry& entry,
                                                  const std::optional<domain::InteractionFile>& file) {
  return Write("record the interaction", [&]() -> Result<std::int64_t> {
    EntryRow row(entry);
    row.attachment_no = NullableKey();
    const std::int64_t entry_no = InsertReturning(*session_, std::move(row), "entry_no");
    if (file) Insert(*session_, FileRow(entry_no, *file));
    return entry_no;
  });
}

Result<std::size_t> SociDatabase::ImportEntries(std::string_view source, const std::vector<ImportedEntry>& entries) {
  const std::string source_name(source);
  return Write("import the interaction log entries", [&]() -> Result<std::size_t> {
    std::size_t recorded = 0;
    for (const ImportedEntry& imported : entries) {
      if (Exists(*session_,
                 "SELECT COUNT(*) FROM imported_entries WHERE source = :source AND source_entry_no = :source_entry_no",
                 {source_name, imported.source_entry_no})) {
        continue;
      }
      EntryRow row(imported.entry);
      row.attachment_no = NullableKey();
      const std::int64_t entry_no = InsertReturning(*session_, std::move(row), "entry_no");
      Execute(*session_,
              "UPDATE interaction_log_entries SET evaluation = :evaluation, canceled = :canceled"
              " WHERE entry_no = :entry_no",
              {std::string(domain::ToString(imported.entry.evaluation)),
               std::int64_t{imported.entry.canceled ? 1 : 0}, entry_no});
      Execute(*session_,
              "INSERT INTO imported_entries (source, source_entry_no, entry_no)"
              " VALUES (:source, :source_entry_no, :entry_no)",
              {source_name, imported.source_entry_no, entry_no});
      ++recorded;
    }
    return recorded;
  });
}

Result<std::vector<domain::InteractionLogEntry>> SociDatabase::ListPostponedInteractions() {
  return Read("list the postponed interactions", [&] {
    return SelectAll<EntryRow>(*session_, std::string(kPostponed).append(" ORDER BY entry_no"));
  });
}

Result<std::optional<domain::InteractionLogEntry>> SociDatabase::GetPostponedInteraction(std::int64_t entry_no) {
  return Read("read the postponed interaction", [&] {
    return SelectFirst<EntryRow>(*session_, std::string(kPostponed).append(" AND entry_no = :entry_no"),
                                 {entry_no});
  });
}

Status SociDatabase::SavePostponedInteraction(const domain::InteractionLogEntry& entry,
                                              const std::optional<domain::InteractionFile>& file) {
  return Write("save the postponed interaction", [&]() -> Status {
    EntryRow row(entry);
    row.attachment_no = NullableKey();
    // Tested and changed in one statement: a caller completing or deleting it
    // meanwhile leaves nothing to change.
    if (Update(*session_, std::move(row), " WHERE entry_no = :entry_no AND postponed = 1", {entry.entry_no}) == 0) {
      return PostponedNotFound(entry.entry_no);
    }
    if (file) {
      Execute(*session_, "DELETE FROM interaction_files WHERE entry_no = :entry_no", {entry.entry_no});
      Insert(*session_, FileRow(entry.entry_no, *file));
    }
    return Status::Ok();
  });
}

Status SociDatabase::DeletePostponedInteraction(std::int64_t entry_no) {
  return Write("delete the postponed interaction", [&]() -> Status {
    if (Execute(*session_, "DELETE FROM interaction_log_entries WHERE entry_no = :entry_no AND postponed = 1",
                {entry_no}) == 0) {
      return PostponedNotFound(entry_no);
    }
    return Status::Ok();
  });
}

Result<std::vector<EntryCount>> SociDatabase::CountEntries(const std::vector<std::string>& bounds) {
  if (bounds.size() < 2 || bounds.size() > kMaxCountBounds) {
    return Status::InvalidArgument("Entries are counted over 1 to " + std::to_string(kMaxCountBounds - 1) +
                                   " periods.");
  }
  if (!std::is_sorted(bounds.begin(), bounds.end())) {
    return Status::InvalidArgument("The bounds of the periods to count entries over are not in order.");
  }
  // The periods as a table of (index, first day, first day of the next), joined
  // on the dates: the same SQL on every database, where date arithmetic is not.
  std::string periods;
  std::vector<Param> params;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    const std::string n = std::to_string(i);
    periods.append(i == 0 ? "" : ", ").append("(" + n + ", :from" + n + ", :until" + n + ")");
    params.insert(params.end(), {bounds[i], bounds[i + 1]});
  }
  params.insert(params.end(), {bounds.front(), bounds.back()});
  const std::string sql =
      "WITH periods (period_no, first_day, next_first_day) AS (VALUES " + periods +
      ") SELECT p.period_no, e.salesperson_code, e.information_flow, COUNT(*)"
      " FROM periods p JOIN interaction_log_entries e"
      " ON e.date >= p.first_day AND e.date < p.next_first_day"
      " WHERE e.canceled = 0 AND e.postponed = 0 AND e.date >= :first_day AND e.date < :end_day"
      " GROUP BY p.period_no, e.salesperson_code, e.information_flow"
      " ORDER BY p.period_no, e.salesperson_code, e.information_flow";
  return Read("count the interaction log entries", [&]() -> Result<std::vector<EntryCount>> {
    std::vector<EntryCount> counts;
    int period = 0;
    std::string salesperson_code;
    std::string information_flow;
    long long entries = 0;
    Statement statement(*session_);
    statement.Into(period);
    statement.Into(salesperson_code);
    statement.Into(information_flow);
    statement.Into(entries);
    for (bool more = statement.Run(sql, params); more; more = statement.Next()) {
      MT_ASSIGN_OR_RETURN(const domain::InformationFlow flow,
                          Parsed(domain::ParseInformationFlow(information_flow),
                                 "interaction_log_entries.information_flow", information_flow));
      counts.push_back({static_cast<std::size_t>(period), salesperson_code, flow, entries});
    }
    return counts;
  });
}

// ---- job queue ----

Result<std::int64_t> SociDatabase::AddJob(const domain::JobQueueEntry& job) {
  return Write("add the job", [&]() -> Result<std::int64_t> {
    return InsertReturning(*session_, JobRow(job), "id");
  });
}

Result<std::vector<domain::JobQueueEntry>> SociDatabase::ListJobs() {
  return Read("list the jobs", [this] { return SelectAll<JobRow>(*session_, "ORDER BY id"); });
}

Result<std::optional<domain::JobQueueEntry>> SociDatabase::GetJob(std::int64_t id) {
  return Read("read the job",
              [&] { return SelectFirst<JobRow>(*session_, "WHERE id = :id", {id}); });
}

Status SociDatabase::UpdateJob(const domain::JobQueueEntry& job) {
  return Write("save the job", [&]() -> Status {
    if (Update(*session_, JobRow(job), " WHERE id = :id", {job.id}) == 0) {
      return JobNotFound(job.id);
    }
    return Status::Ok();
  });
}

Result<std::optional<LeasedJob>> SociDatabase::LeaseJob(std::string_view worker,
                                                        domain::UnixTime now,
                                                        domain::UnixTime lease_until,
                                                        std::optional<std::int64_t> only_job) {
  const std::string worker_name(worker);
  // Committed also when nothing may run: the leases taken back stay taken back.
  return Write("lease a job", [&]() -> Result<std::optional<LeasedJob>> {
    TakeLock(*session_, dialect_.lock_job_queue);
    TakeBackExpiredLeases(*session_, now);
    MT_ASSIGN_OR_RETURN(std::optional<JobQueueEntry> job, PickJob(*session_, now, only_job));
    if (!job) return std::optional<LeasedJob>();
    const std::int64_t run_id = StartRun(*session_, *job, worker_name, now, lease_until);
    return std::optional<LeasedJob>(LeasedJob{std::move(*job), run_id});
  });
}

Status SociDatabase::RenewLease(std::int64_t job_id, std::string_view worker,
                                domain::UnixTime lease_until) {
  return Write("renew the job's lease", [&] {
    return UpdateLeasedJob(*session_, "UPDATE job_queue_entries SET lease_until = :lease_until",
                           {lease_until}, job_id, worker);
  });
}

Status SociDatabase::FinishJobRun(const domain::JobQueueEntry& job, std::string_view worker,
                                  const domain::JobRun& run) {
  return Write("finish the job run", [&]() -> Status {
    // Only what a run decides: the job's other fields may have been edited while it ran.
    MT_RETURN_IF_ERROR(UpdateLeasedJob(
        *session_,
        "UPDATE job_queue_entries SET status = :status, earliest_start = :earliest_start,"
        " attempts = :attempts, last_error = :last_error,"
        " last_error_context = :last_error_context, lease_owner = '', lease_until = 0",
        {Text(job.status), job.earliest_start, std::int64_t{job.attempts}, job.last_error,
         job.last_error_context},
        job.id, worker));
    // A run that is not open (it was abandoned when the lease was taken back, and
    // the same worker leased the job again) is a lost lease too.
    const long long closed =
        Execute(*session_,
                "UPDATE job_runs SET ended_at = :ended_at, status = :status, summary = :summary,"
                " error = :error, error_context = :error_context"
                " WHERE id = :id AND job_id = :job_id AND status = :running",
                {run.ended_at, Text(run.status), run.summary, run.error, run.error_context, run.id,
                 job.id, Text(JobRunStatus::kRunning)});
    if (closed == 0) return LeaseLost(job.id);
    return Status::Ok();
  });
}

Result<std::vector<domain::JobRun>> SociDatabase::ListJobRuns(std::int64_t job_id,
                                                              std::size_t limit) {
  const auto max_rows = static_cast<std::int64_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
  return Read("list the job runs", [&] {
    return SelectAll<JobRunRow>(*session_, "WHERE job_id = :job_id ORDER BY id DESC LIMIT :limit",
                                {job_id, max_rows});
  });
}

Status SociDatabase::SetJobRunProgress(std::int64_t run_id, std::int64_t done, std::int64_t total) {
  return Write("record the job run's progress", [&]() -> Status {
    if (Execute(*session_,
                "UPDATE job_runs SET progress_done = :done, progress_total = :total"
                " WHERE id = :id AND status = :running",
                {done, total, run_id, Text(JobRunStatus::kRunning)}) == 0) {
      return Status::NotFound("Job run " + std::to_string(run_id) + " is not running.");
    }
    return Status::Ok();
  });
}

Result<std::optional<RelogPosition>> SociDatabase::GetRelogPosition(std::string_view folder) {
  const std::string name(folder);
  return Read("read where the relog got to",
              [&] { return SelectFirst<RelogPositionRow>(*session_, "WHERE folder = :folder", {name}); });
}

Status SociDatabase::SaveRelogPosition(const RelogPosition& position) {
  return Write("record where the relog got to", [&]() -> Status {
    Execute(*session_, "DELETE FROM relog_positions WHERE folder = :folder", {position.folder});
    Insert(*session_, RelogPositionRow(position));
    return Status::Ok();
  });
}

Status SociDatabase::ClearRelogPosition(std::string_view folder) {
  const std::string name(folder);
  return Write("forget where the relog got to", [&]() -> Status {
    Execute(*session_, "DELETE FROM relog_positions WHERE folder = :folder", {name});
    return Status::Ok();
  });
}

}  // namespace mailtrail::db
