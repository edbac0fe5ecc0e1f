#include "service/interactions.h"

#include <string_view>

#include "domain/address.h"
#include "domain/address.h"
#include "domain/rules.h"

namespace mailtrail::service {
namespace {

Status CheckCode(const std::string& code, const std::string& what) {
  if (code.empty()) return Status::InvalidArgument("A " + what + " code is required.");
  if (code.size() > kMaxInteractionCodeLength) {
    return Status::InvalidArgument("The " + what + " code '" + code + "' is longer than " +
                                   std::to_string(kMaxInteractionCodeLength) + " characters.");
  }
  return Status::Ok();
}

// Business Central's words for a required field left empty.
Status MustFillIn(std::string_view field) {
  return Status::InvalidArgument("You must fill in the " + std::string(field) + " field.");
}

// type "/" subtype, each of 1 to 127 characters RFC 6838 allows in names.
bool IsMediaType(std::string_view text) {
  auto is_name = [](std::string_view name) {
    if (name.empty() || name.size() > 127) return false;
    for (const char c : name) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
      if (!allowed) return false;
    }
    return true;
  };
  const std::size_t slash = text.find('/');
  return slash != std::string_view::npos && is_name(text.substr(0, slash)) && is_name(text.substr(slash + 1));
}

Status CheckFile(domain::InteractionFile& file, std::int64_t max_size) {
  // Browsers send the bare name; other clients may send a path.
  const std::size_t folder_end = file.name.find_last_of("/\\");
  if (folder_end != std::string::npos) file.name.erase(0, folder_end + 1);
  if (file.name.empty()) return Status::InvalidArgument("The file has no name.");
  if (file.name.size() > kMaxFileNameLength) {
    return Status::InvalidArgument("The file name is longer than " + std::to_string(kMaxFileNameLength) +
                                   " bytes.");
  }
  file.type = domain::AsciiLower(file.type);
  if (file.type.empty()) file.type = "application/octet-stream";
  if (!IsMediaType(file.type)) {
    return Status::InvalidArgument("The file type '" + file.type + "' is not a media type such as application/pdf.");
  }
  if (static_cast<std::int64_t>(file.content.size()) > max_size) {
    return Status::InvalidArgument("The file has " + std::to_string(file.content.size()) +
                                   " bytes; a file may have at most " + std::to_string(max_size) +
                                   " (setup key max-file-size).");
  }
  return Status::Ok();
}

// The entry `request` describes, dated `now`; its file, if any, made ready to store.
Result<domain::InteractionLogEntry> EntryOf(db::Database& db, InteractionRequest& request, domain::UnixTime now) {
  if (request.template_code.empty()) return MustFillIn("Interaction Template Code");
  if (request.contact_no.empty()) return MustFillIn("Contact No.");
  if (request.salesperson_code.empty()) return MustFillIn("Salesperson Code");
  MT_ASSIGN_OR_RETURN(const std::optional<domain::InteractionTemplate> tmpl, db.FindTemplate(request.template_code));
  if (!tmpl) return Status::NotFound("The interaction template '" + request.template_code + "' does not exist.");
  MT_ASSIGN_OR_RETURN(const std::optional<domain::Contact> contact, db.FindContact(request.contact_no));
  if (!contact) return Status::NotFound("Contact '" + request.contact_no + "' does not exist.");
  MT_ASSIGN_OR_RETURN(const std::optional<domain::Salesperson> salesperson,
                      db.FindSalesperson(request.salesperson_code));
  if (!salesperson) return Status::NotFound("Salesperson '" + request.salesperson_code + "' does not exist.");
  const std::string& description = request.description.empty() ? tmpl->description : request.description;
  if (description.empty()) return MustFillIn("Description");
  if (domain::Utf8Length(description) > domain::kDescriptionLength) {
    return Status::InvalidArgument("The description is longer than " + std::to_string(domain::kDescriptionLength) +
                                   " characters.");
  }
  const std::optional<domain::InformationFlow> flow =
      request.information_flow ? request.information_flow : tmpl->information_flow;
  if (!flow) return MustFillIn("Information Flow");
  const std::optional<domain::InitiatedBy> initiated_by =
      request.initiated_by ? request.initiated_by : tmpl->initiated_by;
  if (!initiated_by) return MustFillIn("Initiated By");
  if (request.file) {
    MT_ASSIGN_OR_RETURN(const domain::Setup setup, db.LoadSetup());
    MT_RETURN_IF_ERROR(CheckFile(*request.file, setup.max_file_size));
  }
  domain::InteractionLogEntry entry =
      domain::MakeInteractionEntry(*tmpl, *contact, salesperson->code, description, *flow, *initiated_by, now);
  entry.postponed = request.postpone;
  if (request.file) entry.file_name = request.file->name;
  return entry;
}

}  // namespace

Result<domain::InteractionGroup> AddInteractionGroup(db::Database& db, domain::InteractionGroup group) {
  group.code = domain::UpperCaseCode(group.code);
  MT_RETURN_IF_ERROR(CheckCode(group.code, "group"));
  MT_RETURN_IF_ERROR(db.AddGroup(group));
  return group;
}

Result<domain::InteractionTemplate> AddInteractionTemplate(db::Database& db, domain::InteractionTemplate tmpl) {
  tmpl.code = domain::UpperCaseCode(tmpl.code);
  MT_RETURN_IF_ERROR(CheckCode(tmpl.code, "template"));
  tmpl.group_code = domain::UpperCaseCode(tmpl.group_code);
  if (tmpl.group_code.empty()) return Status::InvalidArgument("An interaction group is required.");
  // Written so that NaN fails too.
  if (!(tmpl.unit_cost >= 0)) return Status::InvalidArgument("The unit cost cannot be negative.");
  if (!(tmpl.unit_duration_min >= 0)) return Status::InvalidArgument("The unit duration cannot be negative.");
  MT_RETURN_IF_ERROR(db.AddTemplate(tmpl));
  return tmpl;
}

Result<domain::InteractionLogEntry> CreateInteraction(db::Database& db, InteractionRequest request,
                                                      domain::UnixTime now) {
  MT_ASSIGN_OR_RETURN(domain::InteractionLogEntry entry, EntryOf(db, request, now));
  MT_ASSIGN_OR_RETURN(entry.entry_no, db.AddInteraction(entry, request.file));
  return entry;
}

Result<domain::InteractionLogEntry> ResumeInteraction(db::Database& db, std::int64_t entry_no,
                                                      InteractionRequest request) {
  MT_ASSIGN_OR_RETURN(const std::optional<domain::InteractionLogEntry> saved, db.GetPostponedInteraction(entry_no));
  if (!saved) return Status::NotFound("Postponed interaction " + std::to_string(entry_no) + " does not exist.");
  if (request.template_code.empty()) request.template_code = saved->interaction_template_code;
  if (request.contact_no.empty()) request.contact_no = saved->contact_no;
  if (request.salesperson_code.empty()) request.salesperson_code = saved->salesperson_code;
  if (request.description.empty()) request.description = saved->subject;
  if (!request.information_flow) request.information_flow = saved->information_flow;
  if (!request.initiated_by) request.initiated_by = saved->initiated_by;
  MT_ASSIGN_OR_RETURN(domain::InteractionLogEntry entry, EntryOf(db, request, 0));
  entry.entry_no = entry_no;
  entry.date = saved->date;
  entry.time = saved->time;
  if (!request.file) entry.file_name = saved->file_name;
  MT_RETURN_IF_ERROR(db.SavePostponedInteraction(entry, request.file));
  return entry;
}

}  // namespace mailtrail::service
