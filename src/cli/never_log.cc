// mailtrail never-log add|remove|list: addresses and domains whose mail is never
// stored or logged.
#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>

#include "cli/context.h"
#include "cli/output.h"
#include "service/directory_admin.h"

namespace mailtrail::cli {
namespace {

// A subcommand taking one ENTRY, which `change` applies to the database.
using EntryChange = std::function<Status(db::Database& database, const std::string& entry, std::ostream& out)>;

void AddEntryCommand(CLI::App& parent, Context& context, const char* name, const char* description,
                     EntryChange change) {
  auto entry = std::make_shared<std::string>();
  auto* command = parent.add_subcommand(name, description);
  command->add_option("ENTRY", *entry, "An address (ann@example.com) or a domain (example.com)")->required();
  command->callback([&context, entry, change = std::move(change)] {
    context.Run([&context, &entry, &change]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return change(*database, *entry, context.out);
    });
  });
}

void AddList(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("list", "List the never-log list in text order");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(const std::vector<std::string> entries, database->ListNeverLog());
      if (*format == Format::kJson) {
        context.out << nlohmann::json(entries).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const std::string& entry : entries) rows.push_back({entry});
      PrintTable(context.out, {"Address or Domain"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace

void AddNeverLogCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("never-log", "Manage the addresses and domains whose mail is never logged");
  command->footer(
      "Mail from or to an address on the list, or an address in a listed domain or its subdomains\n"
      "(From, To and Cc are all looked at), is removed from the queue without being stored or\n"
      "logged, like sensitive mail. Mark single contacts with `contact set NO --do-not-log true`.");
  command->require_subcommand(1);
  AddEntryCommand(*command, context, "add", "Put an address or a domain on the list and print it as listed",
                  [](db::Database& database, const std::string& entry, std::ostream& out) -> Status {
                    MT_ASSIGN_OR_RETURN(const std::string listed, service::AddNeverLogEntry(database, entry));
                    out << listed << '\n';
                    return Status::Ok();
                  });
  AddEntryCommand(*command, context, "remove", "Take an address or a domain off the list",
                  [](db::Database& database, const std::string& entry, std::ostream&) {
                    return service::RemoveNeverLogEntry(database, entry);
                  });
  AddList(*command, context);
}

}  // namespace mailtrail::cli
