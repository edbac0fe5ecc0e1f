// mailtrail entries: list interaction log entries.
#include "cli/context.h"
#include "cli/import.h"
#include "cli/output.h"
#include "service/entry_export.h"

namespace mailtrail::cli {
namespace {

void PrintEntryTable(std::ostream& out, const std::vector<domain::InteractionLogEntry>& entries) {
  std::vector<Row> rows;
  for (const auto& e : entries) {
    rows.push_back({std::to_string(e.entry_no), e.date, e.time, std::string(domain::ToString(e.information_flow)),
                    e.contact_no, e.salesperson_code, e.interaction_template_code, e.description});
  }
  PrintTable(out, {"Entry No", "Date", "Time", "Direction", "Contact", "Salesperson", "Template", "Description"},
             rows);
}

}  // namespace

void AddEntriesCommand(CLI::App& app, Context& context) {
  auto filter = std::make_shared<db::EntryFilter>();
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = app.add_subcommand(
      "entries", "List interaction log entries (--format csv|json exports them, with the same filters)");
  command->add_option("--salesperson", filter->salesperson_code, "Only this salesperson's entries");
  command->add_option("--contact", filter->contact_no, "Only this contact's entries");
  command->add_option("--template", filter->template_code, "Only entries of this interaction template");
  command->add_option("--from", filter->date_from, "Only entries on or after this date (YYYY-MM-DD, UTC)");
  command->add_option("--to", filter->date_to, "Only entries on or before this date (YYYY-MM-DD, UTC)");
  command->add_option("--subject", filter->subject_contains, "Only entries whose subject contains this text");
  command->add_flag("--review", filter->review_only,
                    "Only entries logged for review (an unauthenticated sender, setup unauthenticated-sender flag)");
  auto direction = std::make_shared<std::string>();
  command->add_option("--direction", *direction, "Only inbound or outbound entries")
      ->check(CLI::IsMember({"inbound", "outbound"}));
  command->parse_complete_callback([filter, direction] {
    if (!direction->empty()) filter->information_flow = domain::ParseInformationFlow(*direction);
  });
  AddFormatOption(command, *format, {"table", "csv", "json"});
  AddEntriesImportBc(*command, context);
  command->callback([&context, command, filter, format] {
    if (!command->get_subcommands().empty()) return;  // a subcommand ran instead of the list
    context.Run([&context, filter, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      if (*format != Format::kTable) {
        return service::ExportEntries(*database, *filter,
                                      *format == Format::kCsv ? service::ExportFormat::kCsv
                                                              : service::ExportFormat::kJson,
                                      [&context](std::string_view piece) { context.out << piece; });
      }
      MT_ASSIGN_OR_RETURN(auto entries, database->ListEntries(*filter));
      PrintEntryTable(context.out, entries);
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
