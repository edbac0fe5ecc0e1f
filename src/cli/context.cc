#include "cli/context.h"

#include "cli/logging.h"

namespace mailtrail::cli {

Result<Config> Context::GetConfig() {
  if (!config_) {
    MT_ASSIGN_OR_RETURN(Config config, LoadConfig(config_file));
    if (!database_url.empty()) config.database = database_url;
    ConfigureLogging(config);
    config_ = std::move(config);
  }
  return *config_;
}

Result<std::unique_ptr<db::Database>> Context::OpenDatabase(bool require_schema) {
  MT_ASSIGN_OR_RETURN(Config config, GetConfig());
  MT_ASSIGN_OR_RETURN(std::unique_ptr<db::Database> database, db::OpenDatabase(config.database));
  if (require_schema) MT_RETURN_IF_ERROR(database->CheckSchema());
  return database;
}

}  // namespace mailtrail::cli
