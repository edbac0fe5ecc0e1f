#include "db/soci/soci_database.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "db/soci/migrations.h"
#include "db/soci/rows.h"

namespace mailtrail::db {

namespace {

std::int64_t InsertAttachment(soci::session& session, const domain::Attachment& attachment) {
  std::int64_t attachment_no = 0;
  Statement statement(session);
  statement.Into(attachment_no);
  Insert(statement, AttachmentRow(attachment), " RETURNING attachment_no");
  return attachment_no;
}

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
    if (repeatable == Repeatable::kYes && !session_->is_connected()) {
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
Status SociDatabase::Write(std::string_view action, Body&& body) {
  std::optional<WriteTransaction> transaction;
  // Nothing has reached the database when BEGIN fails, so BEGIN may be repeated.
  MT_RETURN_IF_ERROR(Guarded(action, Repeatable::kYes, [&] {
    transaction.emplace(*session_, dialect_);
    return Status::Ok();
  }));
  return Guarded(action, Repeatable::kNo, [&]() -> Status {
    MT_RETURN_IF_ERROR(body());
    transaction->Commit();
    return Status::Ok();
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

Result<std::optional<domain::Attachment>> SociDatabase::FindLoggedAttachment(
    std::string_view message_id, std::string_view content_hash) {
  return Read("look up the logged message", [&] {
    if (!message_id.empty()) {
      return SelectFirst<AttachmentRow>(*session_, "WHERE message_id = :message_id",
                                        {std::string(message_id)});
    }
    return SelectFirst<AttachmentRow>(
        *session_,
        "WHERE message_id IS NULL AND content_hash = :content_hash ORDER BY attachment_no",
        {std::string(content_hash)});
  });
}

Result<std::optional<domain::Attachment>> SociDatabase::GetAttachment(std::int64_t attachment_no) {
  return Read("read the attachment", [&] {
    return SelectFirst<AttachmentRow>(*session_, "WHERE attachment_no = :attachment_no",
                                      {attachment_no});
  });
}

Status SociDatabase::CommitLoggingBatch(const LoggingBatch& batch) {
  return Write("record the logged messages", [&]() -> Status {
    for (const NewAttachment& added : batch.new_attachments) {
      const std::int64_t attachment_no = InsertAttachment(*session_, added.attachment);
      for (const domain::InteractionLogEntry& entry : added.entries) {
        EntryRow row(entry);
        row.value.attachment_no = attachment_no;
        Insert(*session_, std::move(row));
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
    return Status::Ok();
  });
}

Result<std::vector<domain::InteractionLogEntry>> SociDatabase::ListEntries(
    const EntryFilter& filter) {
  std::string tail;
  std::vector<Param> params;
  auto match = [&](std::string_view column, const std::string& value) {
    if (value.empty()) return;  // any
    tail.append(tail.empty() ? "WHERE " : " AND ").append(column).append(" = :").append(column);
    params.push_back(value);
  };
  match("salesperson_code", filter.salesperson_code);
  match("contact_no", filter.contact_no);
  tail.append(" ORDER BY entry_no");
  return Read("list the interaction log entries",
              [&] { return SelectAll<EntryRow>(*session_, tail, params); });
}

Result<std::optional<domain::InteractionLogEntry>> SociDatabase::GetEntry(std::int64_t entry_no) {
  return Read("read the interaction log entry", [&] {
    return SelectFirst<EntryRow>(*session_, "WHERE entry_no = :entry_no", {entry_no});
  });
}

}  // namespace mailtrail::db
