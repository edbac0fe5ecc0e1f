// Log lines go to stderr, as text or one JSON object per line, never with secrets
// or message bodies in them.
#pragma once

#include "cli/config.h"

namespace mailtrail::cli {

// REQUIRES: config values were validated by LoadConfig.
void ConfigureLogging(const Config& config);

// Long-running commands log what they do: info, unless the configuration names
// a level.
void LogAsService(const Config& config);

}  // namespace mailtrail::cli
