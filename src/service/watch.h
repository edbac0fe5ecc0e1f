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
#include <memory>
#include <string>

#include "common/status.h"
#include "db/database.h"
#include "service/email_logging.h"

namespace mailtrail::service {

// Watches the setup's queue folder on a mail store connection of its own (IMAP
// IDLE occupies the connection it runs on). Used by `watch` and by the service.
// Thread-safety: one thread at a time.
class QueueWatcher {
 public:
  explicit QueueWatcher(MailStoreOpener open_mail_store) : open_mail_store_(std::move(open_mail_store)) {}

  // Opens the setup's store and arms it, so that mail arriving from now on (say,
  // during the next pass) is reported by Wait. Does nothing when already armed.
  // False when the store cannot be opened; whoever runs the pass finds out why.
  bool Arm(db::Database& db);
  bool armed() const { return store_ != nullptr; }
  // Drops the connection (the setup may have changed); Arm opens a new one.
  void Disarm() { store_.reset(); }

  // True when the queue folder changed since arming or the previous Wait; else
  // waits up to `timeout` for a change. A failure is logged and disarms.
  // REQUIRES: armed()
  bool Wait(std::chrono::milliseconds timeout);

 private:
  MailStoreOpener open_mail_store_;
  std::unique_ptr<mailstore::MailStore> store_;
  std::string folder_;
};

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
