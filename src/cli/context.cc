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

service::MailStoreOpener Context::MailStoreOpener() {
  return [this](const domain::Setup& setup) -> Result<std::unique_ptr<mailstore::MailStore>> {
    MT_ASSIGN_OR_RETURN(Config config, GetConfig());
    MT_ASSIGN_OR_RETURN(MailCredentials credentials, LoadMailCredentials(config));
    mailstore::ConnectOptions options;
    options.password = std::move(credentials.password);
    options.oauth2_token = std::move(credentials.oauth2_token);
    return service::OpenSetupMailStore(setup, options);
  };
}

Result<service::PassOptions> Context::ConfiguredPassOptions() {
  MT_ASSIGN_OR_RETURN(const Config config, GetConfig());
  service::PassOptions options;
  options.open_mail_store = MailStoreOpener();
  options.parse_limits = config.limits;
  return options;
}

}  // namespace mailtrail::cli
