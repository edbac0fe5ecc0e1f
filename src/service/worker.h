// The mailtrail service's worker: runs the job queue, and runs the email logging
// job at once when the store reports new mail in the queue folder (push).
//
// Two threads, each with its own database connection: one runs jobs; one watches
// the queue folder (IMAP IDLE, inotify) while the email logging job is enabled
// (status ready). Several workers may share one database (see job_runner.h).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "common/status.h"
#include "db/database.h"
#include "service/job_runner.h"

namespace mailtrail::service {

using DatabaseOpener = std::function<Result<std::unique_ptr<db::Database>>()>;

struct WorkerOptions {
  JobRunnerOptions jobs;
  // How often the job queue is looked at when nothing wakes the worker. Default: 1 s.
  std::chrono::milliseconds poll = std::chrono::seconds(1);
  // Longest wait after the database failed (the backoff doubles from 1 s). Default: 30 s.
  std::chrono::milliseconds max_backoff = std::chrono::seconds(30);
  // Watch the queue folder and run email logging on new mail. Default: true.
  bool push = true;
};

// Runs until `stop` is set, then returns after the batch in progress. Errors:
// none of its own (database and job errors are logged and retried); kInvalidArgument
// when options.jobs.worker is empty.
Status RunWorker(const DatabaseOpener& open_database, const WorkerOptions& options, const std::atomic<bool>& stop);

}  // namespace mailtrail::service
