// Deployment facts read from a TOML file and MAILTRAIL_* environment variables.
// Business settings (the setup) live in the database, not here.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "mime/parse_limits.h"

namespace mailtrail::cli {

struct Config {
  // Database URL (`database` in the file, MAILTRAIL_DATABASE). Default: mailtrail.db
  // in the current folder.
  std::string database = "mailtrail.db";
  // trace|debug|info|warn|error|off (`log.level`, MAILTRAIL_LOG_LEVEL). Default
  // (empty): info for the service (serve, watch), warn for other commands.
  std::string log_level;
  // text|json (`log.format`, MAILTRAIL_LOG_FORMAT). Default: text.
  std::string log_format = "text";
  // Where `mailtrail serve` serves the REST API, HOST:PORT (`http.listen`,
  // MAILTRAIL_LISTEN). Default: empty, no HTTP server.
  std::string listen;
  // A TOML file holding `imap_password` and/or `imap_oauth2_token`
  // (`secrets_file`, MAILTRAIL_SECRETS_FILE). Default: none.
  std::string secrets_file;
  // Limits on untrusted input, for passes and Show: each setting of
  // mime::kParseLimitSettings as `limits.NAME` in the file and MAILTRAIL_NAME in
  // upper case in the environment (e.g. MAILTRAIL_MAX_HEADER_BYTES), a whole
  // number above 0. Defaults: those of mime::ParseLimits.
  mime::ParseLimits limits;
  // How long Show waits for a stored message that has not been synchronized to
  // the mail server yet, in milliseconds (`show.sync_wait_ms`,
  // MAILTRAIL_SHOW_SYNC_WAIT_MS), a whole number, 0 for not at all. Default: 5000.
  std::int64_t show_sync_wait_ms = 5000;
};

// The environment variable of a limit: "max_line_bytes" -> "MAILTRAIL_MAX_LINE_BYTES".
std::string LimitEnvironmentVariable(std::string_view limit_name);

// Lines for --help: each limit with its variable and its value in `limits`.
std::string LimitsHelp(const mime::ParseLimits& limits = {});

// The mail store's credentials: MAILTRAIL_IMAP_PASSWORD and MAILTRAIL_IMAP_TOKEN
// when set, else the secrets file's values. Never from the command line.
struct MailCredentials {
  std::string password;
  std::string oauth2_token;
};
// Errors: kNotFound (secrets file missing), kInvalidArgument (bad TOML),
// kFailedPrecondition (the secrets file can be read by other users).
Result<MailCredentials> LoadMailCredentials(const Config& config);

// Reads `explicit_path` when set (it must exist); else MAILTRAIL_CONFIG when set
// (it must exist); else ./mailtrail.toml when present; else defaults. Environment
// variables then override the file.
// Errors: kNotFound (a named file is missing), kInvalidArgument (bad TOML or values).
Result<Config> LoadConfig(const std::string& explicit_path);

}  // namespace mailtrail::cli
