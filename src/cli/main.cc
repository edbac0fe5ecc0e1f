// mailtrail: logs email interactions between salespersons and contacts.
// One file per subcommand; this table is the only place that lists them.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.h"
#include "cli/version.h"

namespace {

constexpr mailtrail::cli::AddCommand kCommands[] = {
    mailtrail::cli::AddInitCommand,        mailtrail::cli::AddSetupCommand,
    mailtrail::cli::AddSalespersonCommand, mailtrail::cli::AddContactCommand,
    mailtrail::cli::AddGroupCommand,       mailtrail::cli::AddTemplateCommand,
    mailtrail::cli::AddInteractionCommand, mailtrail::cli::AddLogEmailCommand,
    mailtrail::cli::AddEntriesCommand,     mailtrail::cli::AddShowCommand,
    mailtrail::cli::AddWatchCommand,       mailtrail::cli::AddJobsCommand,
    mailtrail::cli::AddServeCommand,       mailtrail::cli::AddUserCommand,
    mailtrail::cli::AddNeverLogCommand,    mailtrail::cli::AddLinksCommand,
    mailtrail::cli::AddBackupCommand,      mailtrail::cli::AddRestoreCommand,
    mailtrail::cli::AddRelogCommand,
};

}  // namespace

int main(int argc, char** argv) {
  mailtrail::cli::Context context;
  CLI::App app{
      "mailtrail logs email interactions between your salespersons and your contacts.\n"
      "Copy mail into the queue folder; `mailtrail log-email` stores every concluded\n"
      "interaction in the storage folder and records interaction log entries.",
      "mailtrail"};
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mailtrail ") + mailtrail::cli::kVersion);
  app.add_option("--config", context.config_file,
                 "TOML configuration file (default: $MAILTRAIL_CONFIG, then ./mailtrail.toml)");
  app.add_option("--db", context.database_url,
                 "Database URL, overriding the configuration: sqlite:///ABS/PATH.db or a file path");
  for (auto add : kCommands) add(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  if (!context.status.ok()) {
    std::cerr << "mailtrail: " << context.status.message() << '\n';
    return 1;
  }
  return 0;
}
