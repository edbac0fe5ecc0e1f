// Push: run a logging pass whenever mail arrives in the queue folder.
//
// A pass runs at once, then whenever the mail store reports a change of the queue
// folder (Maildir: inotify; IMAP: IDLE, or polling where the server has no IDLE),
// and at the latest every `interval`. A failed pass (server or database down) is
// logged and retried with exponential backoff; watching never gives up.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include "common/status.h"
#include "db/database.h"
#include "service/email_logging.h"

namespace mailtrail::service {

struct WatchOptions {
  // Longest time between passes when nothing is reported. Default: 10 minutes,
  // Business Central's polling interval.
  std::chrono::milliseconds interval = std::chrono::minutes(10);
  // How long one wait may block before `stop` is looked at again. Default: 2 s.
  std::chrono::milliseconds stop_check = std::chrono::seconds(2);
  // Longest wait after failed passes (the backoff doubles from 1 s up to this).
  // Default: 5 minutes.
  std::chrono::milliseconds max_backoff = std::chrono::minutes(5);
  // Called after every pass with its summary, or its error.
  std::function<void(const Result<PassSummary>&)> on_pass;
};

// Runs until `stop` becomes true (checked between passes and while waiting; a
// pass in progress always finishes its batch). Returns OK when stopped.
// Errors: none of its own; pass errors go to on_pass and are retried.
Status WatchQueue(db::Database& db, const PassOptions& pass_options, const WatchOptions& options,
                  const std::atomic<bool>& stop);

}  // namespace mailtrail::service
