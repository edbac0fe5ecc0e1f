#include "cli/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <optional>
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

Status InvalidLimit(std::string_view where) {
  return Status::InvalidArgument("Invalid " + std::string(where) + " (expected a whole number above 0).");
}

// Sets each limit of `file`'s [limits] table.
Status ReadLimits(const toml::table& file, mime::ParseLimits& limits) {
  const toml::table* table = file["limits"].as_table();
  if (table == nullptr) return Status::Ok();
  for (const auto& [key, node] : *table) {
    const auto setting = std::find_if(std::begin(mime::kParseLimitSettings), std::end(mime::kParseLimitSettings),
                                      [&key](const mime::ParseLimitSetting& s) { return s.name == key.str(); });
    const std::string where = "limits." + std::string(key.str());
    if (setting == std::end(mime::kParseLimitSettings)) {
      return Status::InvalidArgument("Unknown setting " + where + " in the configuration file.");
    }
    const std::optional<std::int64_t> value = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
    if (!value || *value <= 0) return InvalidLimit(where);
    limits.*setting->value = static_cast<std::size_t>(*value);
  }
  return Status::Ok();
}

Status OverrideLimitsFromEnvironment(mime::ParseLimits& limits) {
  for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
    const std::string variable = LimitEnvironmentVariable(setting.name);
    const char* env = std::getenv(variable.c_str());
    if (env == nullptr || *env == '\0') continue;
    const std::string_view text(env);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0) {
      return InvalidLimit(variable + " '" + std::string(text) + "'");
    }
    limits.*setting.value = value;
  }
  return Status::Ok();
}

Status InvalidSyncWait(std::string_view where) {
  return Status::InvalidArgument("Invalid " + std::string(where) +
                                 " (expected a whole number of milliseconds, 0 or more).");
}

// show.sync_wait_ms of `file`, when it has one.
Status ReadShowSyncWait(const toml::table& file, std::int64_t& wait_ms) {
  const toml::node_view<const toml::node> node = file["show"]["sync_wait_ms"];
  if (!node) return Status::Ok();
  const std::optional<std::int64_t> value = node.is_integer() ? node.value<std::int64_t>() : std::nullopt;
  if (!value || *value < 0) return InvalidSyncWait("show.sync_wait_ms");
  wait_ms = *value;
  return Status::Ok();
}

Status OverrideShowSyncWaitFromEnvironment(std::int64_t& wait_ms) {
  const char* env = std::getenv("MAILTRAIL_SHOW_SYNC_WAIT_MS");
  if (env == nullptr || *env == '\0') return Status::Ok();
  const std::string_view text(env);
  std::int64_t value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    return InvalidSyncWait("MAILTRAIL_SHOW_SYNC_WAIT_MS '" + std::string(text) + "'");
  }
  wait_ms = value;
  return Status::Ok();
}

}  // namespace

std::string LimitEnvironmentVariable(std::string_view limit_name) {
  std::string variable = "MAILTRAIL_";
  for (char c : limit_name) variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return variable;
}

std::string LimitsHelp(const mime::ParseLimits& limits) {
  std::string help;
  for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
    help += "  limits." + std::string(setting.name) + " (" + LimitEnvironmentVariable(setting.name) +
            "): " + std::to_string(limits.*setting.value) + "\n";
  }
  return help;
}

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
      MT_RETURN_IF_ERROR(ReadLimits(file, config.limits));
      MT_RETURN_IF_ERROR(ReadShowSyncWait(file, config.show_sync_wait_ms));
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
  MT_RETURN_IF_ERROR(OverrideLimitsFromEnvironment(config.limits));
  MT_RETURN_IF_ERROR(OverrideShowSyncWaitFromEnvironment(config.show_sync_wait_ms));
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
