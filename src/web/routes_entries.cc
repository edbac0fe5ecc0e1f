// Interaction log entries: the list, one entry, Show, and a person's actions on them.
#include "mime/html_sanitizer.h"
#include "mime/message_text.h"
#include "service/entry_export.h"
#include "service/json_views.h"
#include "service/show.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

// The list's filters from the query: salesperson, contact, template, from, to,
// subject, direction, review.
Result<db::EntryFilter> FilterOf(const httplib::Request& request) {
  db::EntryFilter filter;
  filter.salesperson_code = request.get_param_value("salesperson");
  filter.contact_no = request.get_param_value("contact");
  filter.template_code = request.get_param_value("template");
  filter.date_from = request.get_param_value("from");
  filter.date_to = request.get_param_value("to");
  filter.subject_contains = request.get_param_value("subject");
  if (request.has_param("direction")) {
    filter.information_flow = domain::ParseInformationFlow(request.get_param_value("direction"));
    if (!filter.information_flow) return Status::InvalidArgument("direction is inbound or outbound.");
  }
  if (request.has_param("review")) {
    const std::string review = request.get_param_value("review");
    if (review != "true" && review != "false") return Status::InvalidArgument("review is true or false.");
    filter.review_only = review == "true";
  }
  return filter;
}

Status ListEntries(Call& call) {
  const httplib::Request& request = call.request;
  MT_ASSIGN_OR_RETURN(db::EntryFilter filter, FilterOf(request));
  if (request.has_param("after")) {
    MT_ASSIGN_OR_RETURN(filter.after_entry_no, Number(request.get_param_value("after"), "entry no"));
  }
  MT_ASSIGN_OR_RETURN(filter.limit, PageLimit(call));
  MT_ASSIGN_OR_RETURN(const std::vector<domain::InteractionLogEntry> entries, call.db.ListEntries(filter));
  const Json list = service::JsonArray(entries, service::EntryJson);
  // A full page may have a next one; it starts after the last entry of this one.
  const Json next = entries.size() == filter.limit ? Json(entries.back().entry_no) : Json();
  SendJson(call.response, {{"entries", list}, {"next_after", next}});
  return Status::Ok();
}

// Every entry the filters match, as a CSV or JSON download (the CLI's `entries
// --format`), read from the database a page at a time.
Status ExportEntries(Call& call) {
  MT_ASSIGN_OR_RETURN(const db::EntryFilter filter, FilterOf(call.request));
  const std::optional<service::ExportFormat> format = service::ParseExportFormat(call.request.get_param_value("format"));
  if (!format) return Status::InvalidArgument("format is csv or json.");
  std::string body;
  MT_RETURN_IF_ERROR(
      service::ExportEntries(call.db, filter, *format, [&body](std::string_view piece) { body.append(piece); }));
  const bool csv = *format == service::ExportFormat::kCsv;
  call.response.set_header("Content-Disposition",
                           std::string("attachment; filename=\"interaction-log-entries.") + (csv ? "csv" : "json") + "\"");
  call.response.set_content(body, csv ? "text/csv; charset=utf-8" : "application/json");
  return Status::Ok();
}

Result<std::int64_t> EntryNo(const Call& call) { return PathNumber(call, 1, "entry no"); }

Status GetEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::optional<domain::InteractionLogEntry> entry, call.db.GetEntry(no));
  if (!entry) return Status::NotFound("Interaction log entry " + std::to_string(no) + " does not exist.");
  SendJson(call.response, service::EntryJson(*entry));
  return Status::Ok();
}

// The stored message of the entry the path names, whole.
Result<std::string> StoredMessage(const Call& call, std::int64_t no) {
  std::string raw;
  MT_RETURN_IF_ERROR(service::ReadEntryMessage(
      call.db, no, [&raw](std::string_view chunk) { raw.append(chunk); },
      {.open_mail_store = call.options.open_mail_store, .sync_wait = call.options.show_sync_wait}));
  return raw;
}

Status GetMessage(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::string raw, StoredMessage(call, no));
  // Downloaded, never rendered: the browser saves it to open in a mail client.
  call.response.set_header("Content-Disposition", "attachment; filename=\"entry-" + std::to_string(no) + ".eml\"");
  call.response.set_content(raw, "message/rfc822");
  return Status::Ok();
}

// The stored message for the Show page: headers, text, sanitized HTML, attachments.
Status ViewMessage(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::string raw, StoredMessage(call, no));
  MT_ASSIGN_OR_RETURN(const mime::MessageText text, mime::RenderMessageText(raw, call.options.parse_limits));
  Json headers = Json::array();
  for (const auto& [name, value] : text.headers) headers.push_back({{"name", name}, {"value", value}});
  Json attachments = Json::array();
  for (const auto& attachment : text.attachments) {
    attachments.push_back({{"name", attachment.name}, {"type", attachment.type}, {"size", attachment.size}});
  }
  Json view = {{"headers", headers}, {"text", text.body}, {"html", nullptr}, {"blocked_images", 0},
               {"attachments", attachments}};
  if (text.html) {
    const mime::SanitizedHtml html =
        mime::SanitizeHtml(*text.html, call.request.get_param_value("images") == "remote");
    view["html"] = html.html;
    view["blocked_images"] = html.blocked_images;
  }
  SendJson(call.response, view);
  return Status::Ok();
}

// One attachment of the stored message, by its place in the view's list. Always
// a download of bytes: a part's declared type is the sender's word, and an HTML
// or SVG "attachment" must never render on this site.
Status GetAttachment(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const std::int64_t index, PathNumber(call, 2, "attachment index"));
  MT_ASSIGN_OR_RETURN(const std::string raw, StoredMessage(call, no));
  MT_ASSIGN_OR_RETURN(const mime::AttachmentContent attachment,
                      mime::ReadAttachment(raw, static_cast<std::size_t>(index), call.options.parse_limits));
  call.response.set_header("Content-Disposition", "attachment; " + DispositionFileName(attachment.info.name));
  call.response.set_content(attachment.bytes, "application/octet-stream");
  return Status::Ok();
}

Status EvaluateEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const std::optional<domain::Evaluation> evaluation = domain::ParseEvaluation(Text(body, "value"));
  if (!evaluation || !body.contains("value")) {
    return Status::InvalidArgument(
        "The body is {\"value\": EVALUATION}: very positive, positive, neutral, negative, very negative or \"\".");
  }
  MT_RETURN_IF_ERROR(call.db.SetEntryEvaluation(no, *evaluation));
  return GetEntry(call);
}

Status CancelEntry(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t no, EntryNo(call));
  MT_ASSIGN_OR_RETURN(const Json body, Body(call.request));
  const auto value = body.find("value");
  if (value == body.end() || !value->is_boolean()) return Status::InvalidArgument("The body is {\"value\": true|false}.");
  MT_RETURN_IF_ERROR(call.db.SetEntryCanceled(no, value->get<bool>()));
  return GetEntry(call);
}

Status DeleteCanceledEntries(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t deleted, call.db.DeleteCanceledEntries());
  SendJson(call.response, {{"deleted", deleted}});
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> EntryRoutes() {
  return {
      {{"GET", "/api/v1/entries", Permission::kReadEntries,
        "Interaction log entries by entry no; filters salesperson, contact, from, to (YYYY-MM-DD), direction, "
        "template, subject, review (true: only those logged for review); pages by key: after, limit"},
       ListEntries},
      {{"GET", "/api/v1/entries/export", Permission::kReadEntries,
        "Every entry the filters match (those of the list), as a download: format=csv (a header line of the "
        "fields, as the CLI's entries --format csv) or format=json (an array)"},
       ExportEntries},
      {{"GET", "/api/v1/entries/{entry_no}", Permission::kReadEntries, "One entry"}, GetEntry},
      {{"GET", "/api/v1/entries/{entry_no}/message", Permission::kShowMessages,
        "The stored message of an entry, as a .eml download"},
       GetMessage},
      {{"GET", "/api/v1/entries/{entry_no}/view", Permission::kShowMessages,
        "The stored message to show: headers, text, HTML made safe (remote images blocked unless "
        "images=remote), attachments"},
       ViewMessage},
      {{"GET", "/api/v1/entries/{entry_no}/attachments/{index}", Permission::kShowMessages,
        "One attachment of the stored message, by its place (from 0) in the view's list, as a download"},
       GetAttachment},
      {{"PUT", "/api/v1/entries/{entry_no}/evaluation", Permission::kManageInteractions,
        "Evaluate an entry: {value: very positive … very negative, or \"\"}"},
       EvaluateEntry},
      {{"PUT", "/api/v1/entries/{entry_no}/canceled", Permission::kManageInteractions,
        "Mark an entry canceled or not: {value: true|false}"},
       CancelEntry},
      {{"POST", "/api/v1/entries/delete-canceled", Permission::kManageInteractions,
        "Delete every canceled entry; returns {deleted}"},
       DeleteCanceledEntries},
  };
}

}  // namespace mailtrail::web
