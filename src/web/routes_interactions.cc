// Interactions people create (Create Interaction), the postponed ones, their
// files; interaction templates and groups.
#include <ctime>

#include "common/base64.h"
#include "service/interactions.h"
#include "service/json_views.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

// body[key] when it is a string; "" when it is missing or null; kInvalidArgument
// for anything else, so that a mistyped field is never taken for an empty one.
Result<std::string> OptionalText(const Json& body, const char* key) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) return std::string();
  if (!found->is_string()) return Status::InvalidArgument(std::string(key) + " is text.");
  return found->get<std::string>();
}

// An optional enumeration named by text: unset when the text is empty.
template <typename T>
Result<std::optional<T>> OptionalChoice(const Json& body, const char* key, std::optional<T> (*parse)(std::string_view),
                                        const char* choices) {
  MT_ASSIGN_OR_RETURN(const std::string text, OptionalText(body, key));
  if (text.empty()) return std::optional<T>();
  const std::optional<T> value = parse(text);
  if (!value) return Status::InvalidArgument(std::string(key) + " is " + choices + ".");
  return value;
}

// {name, type, content_base64}.
Result<domain::InteractionFile> FileOf(const Json& file) {
  if (!file.is_object()) return Status::InvalidArgument("file is {\"name\", \"type\", \"content_base64\"}.");
  domain::InteractionFile decoded;
  MT_ASSIGN_OR_RETURN(decoded.name, OptionalText(file, "name"));
  MT_ASSIGN_OR_RETURN(decoded.type, OptionalText(file, "type"));
  MT_ASSIGN_OR_RETURN(const std::string base64, OptionalText(file, "content_base64"));
  std::optional<std::string> content = Base64Decode(base64);
  if (!content) {
    return Status::InvalidArgument(
        "file.content_base64 is not base64 (RFC 4648: the standard alphabet, padded, without line breaks).");
  }
  decoded.content = std::move(*content);
  return decoded;
}

// The body of a create or resume: {template, contact, salesperson, description,
// information_flow, initiated_by, postpone, file}, every field optional.
Result<service::InteractionRequest> RequestOf(const Json& body) {
  service::InteractionRequest request;
  MT_ASSIGN_OR_RETURN(request.template_code, OptionalText(body, "template"));
  MT_ASSIGN_OR_RETURN(request.contact_no, OptionalText(body, "contact"));
  MT_ASSIGN_OR_RETURN(request.salesperson_code, OptionalText(body, "salesperson"));
  MT_ASSIGN_OR_RETURN(request.description, OptionalText(body, "description"));
  MT_ASSIGN_OR_RETURN(request.information_flow, OptionalChoice(body, "information_flow", domain::ParseInformationFlow,
                                                               "inbound or outbound"));
  MT_ASSIGN_OR_RETURN(request.initiated_by,
                      OptionalChoice(body, "initiated_by", domain::ParseInitiatedBy, "us or them"));
  const auto postpone = body.find("postpone");
  if (postpone != body.end() && !postpone->is_null()) {
    if (!postpone->is_boolean()) return Status::InvalidArgument("postpone is true or false.");
    request.postpone = postpone->get<bool>();
  }
  const auto file = body.find("file");
  if (file != body.end() && !file->is_null()) {
    MT_ASSIGN_OR_RETURN(request.file, FileOf(*file));
  }
  return request;
}

Status CreateInteraction(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_ASSIGN_OR_RETURN(service::InteractionRequest request, RequestOf(body));
  MT_ASSIGN_OR_RETURN(const domain::InteractionLogEntry entry,
                      service::CreateInteraction(call.db, std::move(request), std::time(nullptr)));
  SendJson(call.response, service::EntryJson(entry), 201);
  return Status::Ok();
}

Status ListPostponed(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto postponed, call.db.ListPostponedInteractions());
  SendJson(call.response, service::JsonArray(postponed, service::EntryJson));
  return Status::Ok();
}

Result<std::int64_t> EntryNo(const Call& call) { return PathNumber(call, 1, "entry no"); }

Status ResumePostponed(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  MT_ASSIGN_OR_RETURN(service::InteractionRequest request, RequestOf(body));
  MT_ASSIGN_OR_RETURN(const domain::InteractionLogEntry entry,
                      service::ResumeInteraction(call.db, no, std::move(request)));
  SendJson(call.response, service::EntryJson(entry));
  return Status::Ok();
}

Status DeletePostponed(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_RETURN_IF_ERROR(call.db.DeletePostponedInteraction(no));
  SendJson(call.response, {{"deleted", no}});
  return Status::Ok();
}

// Always a download: Content-Disposition attachment keeps the browser from
// showing it, nosniff from guessing another type, and the API's CSP from running
// anything in it.
Status GetFile(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::optional<domain::InteractionFile> file, call.db.GetEntryFile(no));
  if (!file) {
    MT_ASSIGN_OR_RETURN(const auto entry, call.db.GetEntry(no));
    return Status::NotFound("Interaction log entry " + std::to_string(no) +
                            (entry ? " has no file." : " does not exist."));
  }
  call.response.set_header("Content-Disposition", "attachment; " + DispositionFileName(file->name));
  call.response.set_content(file->content, file->type);
  return Status::Ok();
}

Status ListTemplates(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto templates, call.db.ListTemplates());
  SendJson(call.response, service::JsonArray(templates, service::TemplateJson));
  return Status::Ok();
}

// A number field: 0 when missing or null.
Result<double> OptionalNumber(const Json& body, const char* key) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) return 0.0;
  if (!found->is_number()) return Status::InvalidArgument(std::string(key) + " is a number.");
  return found->get<double>();
}

Status AddTemplate(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  domain::InteractionTemplate tmpl;
  MT_ASSIGN_OR_RETURN(tmpl.code, OptionalText(body, "code"));
  MT_ASSIGN_OR_RETURN(tmpl.group_code, OptionalText(body, "group"));
  MT_ASSIGN_OR_RETURN(tmpl.description, OptionalText(body, "description"));
  MT_ASSIGN_OR_RETURN(tmpl.unit_cost, OptionalNumber(body, "unit_cost"));
  MT_ASSIGN_OR_RETURN(tmpl.unit_duration_min, OptionalNumber(body, "unit_duration_min"));
  MT_ASSIGN_OR_RETURN(tmpl.information_flow, OptionalChoice(body, "information_flow", domain::ParseInformationFlow,
                                                            "inbound or outbound"));
  MT_ASSIGN_OR_RETURN(tmpl.initiated_by, OptionalChoice(body, "initiated_by", domain::ParseInitiatedBy, "us or them"));
  MT_ASSIGN_OR_RETURN(const domain::InteractionTemplate added, service::AddInteractionTemplate(call.db, tmpl));
  SendJson(call.response, service::TemplateJson(added), 201);
  return Status::Ok();
}

Status ListGroups(Call& call) {
  MT_ASSIGN_OR_RETURN(const auto groups, call.db.ListGroups());
  SendJson(call.response, service::JsonArray(groups, service::GroupJson));
  return Status::Ok();
}

Status AddGroup(Call& call) {
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  domain::InteractionGroup group;
  MT_ASSIGN_OR_RETURN(group.code, OptionalText(body, "code"));
  MT_ASSIGN_OR_RETURN(group.description, OptionalText(body, "description"));
  MT_ASSIGN_OR_RETURN(const domain::InteractionGroup added, service::AddInteractionGroup(call.db, group));
  SendJson(call.response, service::GroupJson(added), 201);
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> InteractionRoutes() {
  return {
      {{"POST", "/api/v1/interactions", Permission::kManageInteractions,
        "Create an interaction: {template, contact, salesperson, description, information_flow, initiated_by, "
        "postpone, file: {name, type, content_base64}}; description, information_flow and initiated_by default "
        "to the template's; postpone: true saves it to finish later. Returns the entry"},
       CreateInteraction},
      {{"GET", "/api/v1/interactions/postponed", Permission::kReadEntries,
        "Postponed interactions by entry no (not among the entries until resumed)"},
       ListPostponed},
      {{"POST", "/api/v1/interactions/postponed/{entry_no}/resume", Permission::kManageInteractions,
        "Resume a postponed interaction: the body as for creating one, each field given replacing the saved "
        "one; it is completed (among the entries), or saved again with postpone: true. Returns the entry"},
       ResumePostponed},
      {{"DELETE", "/api/v1/interactions/postponed/{entry_no}", Permission::kManageInteractions,
        "Delete a postponed interaction; returns {deleted}"},
       DeletePostponed},
      {{"GET", "/api/v1/entries/{entry_no}/file", Permission::kShowMessages,
        "The file of an interaction a person created, as a download of its type"},
       GetFile},
      {{"GET", "/api/v1/templates", Permission::kReadEntries, "Interaction templates by code"}, ListTemplates},
      {{"POST", "/api/v1/templates", Permission::kManageSetup,
        "Add an interaction template {code, group, description, unit_cost, unit_duration_min, information_flow, "
        "initiated_by}"},
       AddTemplate},
      {{"GET", "/api/v1/groups", Permission::kReadEntries, "Interaction groups by code"}, ListGroups},
      {{"POST", "/api/v1/groups", Permission::kManageSetup, "Add an interaction group {code, description}"},
       AddGroup},
  };
}

}  // namespace mailtrail::web
