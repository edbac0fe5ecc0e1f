// mailtrail restore FILE: put a backup in place of the SQLite database, with the
// service stopped.
#include <string>

#include "cli/context.h"
#include "db/backup.h"

namespace mailtrail::cli {

void AddRestoreCommand(CLI::App& app, Context& context) {
  auto file = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "restore", "Replace the SQLite database by a backup that `mailtrail backup` wrote; the service must be stopped");
  command->add_option("FILE", *file, "The backup file to restore")->required();
  command->footer(
      "Everything in the database is replaced by the backup: entries, directory, setup, users, jobs.\n"
      "Back the database up first if you may want its present content again.\n"
      "FILE is checked before anything is written: it must pass SQLite's integrity check and hold a\n"
      "mailtrail schema no newer than this program's (run `mailtrail init` after restoring an older one).\n"
      "The database must not be in use: stop the service first (systemctl stop mailtrail); while any\n"
      "process has it open, restore refuses and changes nothing. The copy is one transaction: a\n"
      "restore cut off leaves the database as it was.\n"
      "Messages logged after the backup stay in the storage folder without entries: they left the\n"
      "queue when they were logged, so no pass logs them again.\n"
      "PostgreSQL databases are refused: restore them with pg_restore.");
  command->callback([&context, file] {
    context.Run([&context, file]() -> Status {
      MT_ASSIGN_OR_RETURN(const Config config, context.GetConfig());
      MT_RETURN_IF_ERROR(db::RestoreDatabase(config.database, *file));
      context.out << "Restored " << config.database << " from " << *file << '\n';
      MT_ASSIGN_OR_RETURN(auto database, context.OpenDatabase(/*require_schema=*/false));
      if (Status schema = database->CheckSchema(); !schema.ok()) context.out << schema.message() << '\n';
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
