// mailtrail salesperson add|list
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/import.h"
#include "cli/output.h"
#include "service/json_views.h"
#include "service/directory_admin.h"

namespace mailtrail::cli {
namespace {

void AddAdd(CLI::App& parent, Context& context) {
  auto salesperson = std::make_shared<domain::Salesperson>();
  auto* command = parent.add_subcommand("add", "Register a salesperson/purchaser");
  command->add_option("CODE", salesperson->code, "Code, up to 20 characters (stored upper-case)")->required();
  command->add_option("--name", salesperson->name, "Full name")->required();
  command->add_option("--email", salesperson->email, "Email address mail is matched on");
  command->callback([&context, salesperson] {
    context.Run([&context, salesperson]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      return service::AddSalesperson(*database, *salesperson);
    });
  });
}

void AddList(CLI::App& parent, Context& context) {
  auto format = std::make_shared<Format>(Format::kTable);
  auto* command = parent.add_subcommand("list", "List salespersons");
  AddFormatOption(command, *format, {"table", "json"});
  command->callback([&context, format] {
    context.Run([&context, format]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase());
      MT_ASSIGN_OR_RETURN(auto salespersons, database->ListSalespersons());
      if (*format == Format::kJson) {
        context.out << service::JsonArray(salespersons, service::SalespersonJson).dump(2) << '\n';
        return Status::Ok();
      }
      std::vector<Row> rows;
      for (const auto& s : salespersons) rows.push_back({s.code, s.name, s.email});
      PrintTable(context.out, {"Code", "Name", "Email"}, rows);
      return Status::Ok();
    });
  });
}

}  // namespace

void AddSalespersonCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("salesperson", "Manage salespersons/purchasers");
  command->require_subcommand(1);
  AddAdd(*command, context);
  AddList(*command, context);
  AddSalespersonImport(*command, context);
}

}  // namespace mailtrail::cli
