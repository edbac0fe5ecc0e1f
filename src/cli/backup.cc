// mailtrail backup FILE: a consistent copy of the SQLite database, taken online.
#include <filesystem>
#include <string>

#include "cli/context.h"
#include "db/backup.h"

namespace mailtrail::cli {

void AddBackupCommand(CLI::App& app, Context& context) {
  auto file = std::make_shared<std::string>();
  auto* command = app.add_subcommand("backup", "Copy the SQLite database to FILE, consistent while mailtrail runs");
  command->add_option("FILE", *file, "The backup file to write (an existing one is replaced)")->required();
  command->footer(
      "The copy holds the database as it was at one commit, even while `mailtrail serve` or a pass\n"
      "writes to it: stopping the service is not needed. It is compacted, written as FILE.partial,\n"
      "checked with SQLite's integrity check, flushed to disk and then renamed to FILE, so FILE is\n"
      "always a whole backup. Restore it with `mailtrail restore FILE`.\n"
      "Only the database is copied: the stored messages stay in the storage folder of the mail store,\n"
      "which is backed up with the mail server.\n"
      "PostgreSQL databases are refused: back them up with pg_dump (e.g. pg_dump -Fc -f FILE DATABASE)\n"
      "and restore them with pg_restore.");
  command->callback([&context, file] {
    context.Run([&context, file]() -> Status {
      MT_ASSIGN_OR_RETURN(const Config config, context.GetConfig());
      MT_RETURN_IF_ERROR(db::BackupDatabase(config.database, *file));
      context.out << "Backed up " << config.database << " to " << *file << " ("
                  << std::filesystem::file_size(*file) << " bytes)\n";
      return Status::Ok();
    });
  });
}

}  // namespace mailtrail::cli
