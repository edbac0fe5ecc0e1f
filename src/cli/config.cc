#include "cli/config.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace mailtrail::cli {
namespace {

std::string ConfigPath(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("MAILTRAIL_CONFIG"); env != nullptr && *env != '\0') return env;
  return std::filesystem::exists("mailtrail.toml") ? "mailtrail.toml" : "";
}

void OverrideFromEnvironment(const char* name, std::string& value) {
  if (const char* env = std::getenv(name); env != nullptr && *env != '\0') value = env;
}

Status CheckOneOf(const std::string& what, const std::string& value,
                  std::initializer_list<std::string_view> allowed) {
  for (auto candidate : allowed) {
    if (value == candidate) return Status::Ok();
  }
  std::ostringstream list;
  for (auto candidate : allowed) list << (list.tellp() > 0 ? ", " : "") << candidate;
  return Status::InvalidArgument("Invalid " + what + " '" + value + "' (expected one of: " + list.str() + ").");
}

}  // namespace

Result<Config> LoadConfig(const std::string& explicit_path) {
  Config config;
  const std::string path = ConfigPath(explicit_path);
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) {
      return Status::NotFound("The configuration file '" + path + "' does not exist.");
    }
    try {
      toml::table file = toml::parse_file(path);
      config.database = file["database"].value_or(config.database);
      config.log_level = file["log"]["level"].value_or(config.log_level);
      config.log_format = file["log"]["format"].value_or(config.log_format);
      config.secrets_file = file["secrets_file"].value_or(config.secrets_file);
      config.listen = file["http"]["listen"].value_or(config.listen);
    } catch (const toml::parse_error& error) {
      std::ostringstream message;
      message << "Cannot read the configuration file '" << path << "': " << error.description() << " (line "
              << error.source().begin.line << ")";
      return Status::InvalidArgument(message.str());
    }
  }
  OverrideFromEnvironment("MAILTRAIL_DATABASE", config.database);
  OverrideFromEnvironment("MAILTRAIL_LOG_LEVEL", config.log_level);
  OverrideFromEnvironment("MAILTRAIL_LOG_FORMAT", config.log_format);
  OverrideFromEnvironment("MAILTRAIL_SECRETS_FILE", config.secrets_file);
  OverrideFromEnvironment("MAILTRAIL_LISTEN", config.listen);
  if (!config.log_level.empty()) {
    MT_RETURN_IF_ERROR(
        CheckOneOf("log level", config.log_level, {"trace", "debug", "info", "warn", "error", "off"}));
  }
  MT_RETURN_IF_ERROR(CheckOneOf("log format", config.log_format, {"text", "json"}));
  return config;
}

Result<MailCredentials> LoadMailCredentials(const Config& config) {
  MailCredentials credentials;
  if (!config.secrets_file.empty()) {
    const std::string& path = config.secrets_file;
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
      return Status::NotFound("The secrets file '" + path + "' does not exist.");
    }
    using std::filesystem::perms;
    if ((status.permissions() & (perms::others_read | perms::group_read)) != perms::none) {
      return Status::FailedPrecondition("The secrets file '" + path +
                                        "' can be read by other users; make it private (chmod 600).");
    }
    try {
      toml::table file = toml::parse_file(path);
      credentials.password = file["imap_password"].value_or(std::string());
      credentials.oauth2_token = file["imap_oauth2_token"].value_or(std::string());
    } catch (const toml::parse_error& parse_error) {
      // The description never quotes the file's text, so no secret reaches the message.
      return Status::InvalidArgument("Cannot read the secrets file '" + path + "': " +
                                     std::string(parse_error.description()));
    }
  }
  OverrideFromEnvironment("MAILTRAIL_IMAP_PASSWORD", credentials.password);
  OverrideFromEnvironment("MAILTRAIL_IMAP_TOKEN", credentials.oauth2_token);
  return credentials;
}

}  // namespace mailtrail::cli
