// What every subcommand shares: global options, configuration, the database, the
// output streams, and the status the command ended with.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "cli/config.h"
#include "common/status.h"
#include "db/database.h"
#include "service/email_logging.h"

namespace mailtrail::cli {

class Context {
 public:
  // Global options, filled by the parser.
  std::string config_file;  // --config
  std::string database_url;  // --db: overrides the configuration

  std::ostream& out = std::cout;

  // The configuration (file, environment, then --db). Loaded once.
  Result<Config> GetConfig();

  // Opens the database. With `require_schema`, fails unless `mailtrail init` ran.
  Result<std::unique_ptr<db::Database>> OpenDatabase(bool require_schema = true);

  // Opens the setup's mail store with the credentials of the configuration.
  service::MailStoreOpener MailStoreOpener();

  // Options for passes: MailStoreOpener() and the configuration's limits.
  Result<service::PassOptions> ConfiguredPassOptions();

  // Runs a command's body and keeps its status for main() to report.
  void Run(const std::function<Status()>& body) { status = body(); }

  Status status;

 private:
  std::optional<Config> config_;
};

// Each subcommand file defines one of these; main.cc lists them in one table.
using AddCommand = void (*)(CLI::App& app, Context& context);

void AddInitCommand(CLI::App& app, Context& context);
void AddSetupCommand(CLI::App& app, Context& context);
void AddSalespersonCommand(CLI::App& app, Context& context);
void AddContactCommand(CLI::App& app, Context& context);
void AddGroupCommand(CLI::App& app, Context& context);
void AddTemplateCommand(CLI::App& app, Context& context);
void AddInteractionCommand(CLI::App& app, Context& context);
void AddLogEmailCommand(CLI::App& app, Context& context);
void AddEntriesCommand(CLI::App& app, Context& context);
void AddShowCommand(CLI::App& app, Context& context);
void AddWatchCommand(CLI::App& app, Context& context);
void AddJobsCommand(CLI::App& app, Context& context);
void AddServeCommand(CLI::App& app, Context& context);
void AddUserCommand(CLI::App& app, Context& context);
void AddNeverLogCommand(CLI::App& app, Context& context);
void AddLinksCommand(CLI::App& app, Context& context);
void AddBackupCommand(CLI::App& app, Context& context);
void AddRestoreCommand(CLI::App& app, Context& context);
void AddRelogCommand(CLI::App& app, Context& context);

}  // namespace mailtrail::cli
