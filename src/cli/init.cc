// mailtrail init: create or upgrade the database schema and seed the defaults.
#include "cli/context.h"

namespace mailtrail::cli {

void AddInitCommand(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "init", "Create or upgrade the database and seed group SYSTEM, template EMAIL and the setup. Idempotent.");
  command->callback([&context] {
    context.Run([&context]() -> Status {
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase(/*require_schema=*/false));
      MT_RETURN_IF_ERROR(database->Initialize());
      context.out << "Database ready: " << context.GetConfig()->database << '\n';
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
