// Deployment facts read from a TOML file and MAILTRAIL_* environment variables.
// Business settings (the setup) live in the database, not here.
#pragma once

#include <string>

#include "common/status.h"

namespace mailtrail::cli {

struct Config {
  // Database URL (`database` in the file, MAILTRAIL_DATABASE). Default: mailtrail.db
  // in the current folder.
  std::string database = "mailtrail.db";
  // trace|debug|info|warn|error|off (`log.level`, MAILTRAIL_LOG_LEVEL). Default: warn.
  std::string log_level = "warn";
  // text|json (`log.format`, MAILTRAIL_LOG_FORMAT). Default: text.
  std::string log_format = "text";
};

// Reads `explicit_path` when set (it must exist); else MAILTRAIL_CONFIG when set
// (it must exist); else ./mailtrail.toml when present; else defaults. Environment
// variables then override the file.
// Errors: kNotFound (a named file is missing), kInvalidArgument (bad TOML or values).
Result<Config> LoadConfig(const std::string& explicit_path);

}  // namespace mailtrail::cli
