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
  MT_RETURN_IF_ERROR(
      CheckOneOf("log level", config.log_level, {"trace", "debug", "info", "warn", "error", "off"}));
  MT_RETURN_IF_ERROR(CheckOneOf("log format", config.log_format, {"text", "json"}));
  return config;
}

}  // namespace mailtrail::cli
