// Runs job queue entries: leases a due job, runs what it names (email logging,
// or a relog of the storage folder: domain::kRelogJob),
// records the run in the job log, and schedules the next run or the retry.
//
// Several workers (processes, machines) may run against one database: a job is
// leased to one worker at a time, a lease that runs out (its worker died) is
// taken back, and jobs of one category never run at once (db::Database::LeaseJob).
//
// Thread-safety: as the Database passed in (one thread per instance).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/status.h"
#include "db/database.h"
#include "domain/job.h"
#include "service/email_logging.h"
#include "service/metrics.h"

namespace mailtrail::service {

struct JobRunnerOptions {
  // Who runs the jobs, as the job log shows it. Default: HOSTNAME:PID.
  std::string worker;
  // How long a lease lasts; it is renewed before every step of a pass that
  // changes something and after every batch, so a dead worker's job is taken
  // back within this time. Default: 2 minutes.
  std::chrono::seconds lease{120};
  // The clock. Default: now.
  std::function<domain::UnixTime()> clock;
  // How passes open the mail store, and more (see PassOptions); between_batches
  // is set by the runner.
  PassOptions pass_options;
  // Set to stop: a running pass ends after its batch in progress.
  const std::atomic<bool>* stop = nullptr;
  // Counts every pass the runner runs, for GET /metrics. Default: none.
  PassMetrics* metrics = nullptr;
};

// Runs the job that is due now (or `only_job`, whatever its status: "run now";
// it keeps its status afterwards, so an on-hold job stays on hold). Returns the
// run as recorded, or nullopt when no job may run.
// Errors: those of the database (the job then stays leased until its lease runs
// out), kNotFound (`only_job` names no job), kInvalidArgument (the job names
// something this program cannot run). A failing job is no error: its run says so.
Result<std::optional<domain::JobRun>> RunDueJob(db::Database& db, const JobRunnerOptions& options,
                                                std::optional<std::int64_t> only_job = std::nullopt);

// The email logging job (the first, by id), or nullopt when there is none.
Result<std::optional<domain::JobQueueEntry>> FindEmailLoggingJob(db::Database& db);

// Creates the email logging job when there is none (every 10 minutes, 3 attempts,
// on hold until enabled), as setting up email logging does in Business Central.
// Returns its id.
Result<std::int64_t> EnsureEmailLoggingJob(db::Database& db, domain::UnixTime now);

// "HOSTNAME:PID".
std::string DefaultWorkerName();

}  // namespace mailtrail::service
