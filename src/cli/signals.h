// SIGINT and SIGTERM ask long-running commands (watch, serve) to stop after the
// batch in progress.
#pragma once

#include <atomic>

namespace mailtrail::cli {

// Installs the handlers (once) and returns the flag they set.
const std::atomic<bool>& StopOnSignals();

}  // namespace mailtrail::cli
