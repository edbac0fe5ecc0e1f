// The job queue as a person manages it, from the CLI (`mailtrail jobs`) and the
// Job Queue page alike: hold, resume, and run now. How jobs run: job_runner.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

#include "common/status.h"
#include "db/database.h"
#include "domain/job.h"
#include "service/job_runner.h"
#include "service/worker.h"

namespace mailtrail::service {

// Job `id`. Errors: kNotFound ("Job N does not exist."), the database's.
Result<domain::JobQueueEntry> LoadJob(db::Database& db, std::int64_t id);

// Puts job `id` on hold: the job queue leaves it alone until it is resumed.
// Errors: kNotFound, kFailedPrecondition while it runs (it is changed when the
// run ends), the database's.
Status HoldJob(db::Database& db, std::int64_t id);

// Makes job `id` ready to run from `now` on, its failed attempts forgotten.
// Errors: as HoldJob.
Status ResumeJob(db::Database& db, std::int64_t id, domain::UnixTime now);

// The refusal of a run now of job `id` while it, or another job of its category,
// is in process (kFailedPrecondition).
Status RunNowRefused(std::int64_t id);

// Ok when job `id` may run now: it exists, and neither it nor another job of
// its category is in process (what RunDueJob's lease then checks again).
// Errors: kNotFound, kFailedPrecondition (RunNowRefused), the database's.
Status CheckJobCanRunNow(db::Database& db, std::int64_t id);

// Runs jobs "now" on a thread of its own, one at a time, so that a process that
// serves requests answers at once while the run goes on (a pass can be long).
// Each run opens a database connection of its own.
//
// Thread-safety: Start may be called from any thread.
class JobStarter {
 public:
  // `options.stop` is replaced by the starter's own. REQUIRES: options.worker is set.
  JobStarter(DatabaseOpener open_database, JobRunnerOptions options);
  // Asks a run in progress to end after its batch in progress, and waits for it.
  ~JobStarter();
  JobStarter(const JobStarter&) = delete;
  JobStarter& operator=(const JobStarter&) = delete;

  // Starts RunDueJob(db, options, job_id) and returns. Its outcome goes to the
  // job log (and the process log: a run that could not start, a database error).
  // Errors: kFailedPrecondition while a run started here has not ended.
  Status Start(std::int64_t job_id);

 private:
  void Run(std::int64_t job_id);

  const DatabaseOpener open_database_;
  JobRunnerOptions options_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::thread thread_;              // guarded by mutex_
  std::atomic<bool> running_{false};
};

}  // namespace mailtrail::service
