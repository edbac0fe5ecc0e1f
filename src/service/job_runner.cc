#include "service/job_runner.h"

#include <spdlog/spdlog.h>
#include <unistd.h>


namespace mailtrail::service {
namespace {

using domain::JobRunStatus;
using domain::JobStatus;

domain::UnixTime Now(const JobRunnerOptions& options) {
  if (options.clock) return options.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Runs what a leased job names (the email logging pass, or a relog of the
// storage folder), renewing the lease before every step that changes something
// and between batches; stops early when the lease is lost (before changing
// anything more) or a stop is asked for. A relog records its progress in the run
// and in `progress`.
Result<PassSummary> RunJob(db::Database& db, const JobRunnerOptions& options, const db::LeasedJob& leased,
                           RelogProgress& progress) {
  const domain::JobQueueEntry& job = leased.job;
  PassOptions pass_options = options.pass_options;
  auto renew = [&] {
    Status renewed = db.RenewLease(job.id, options.worker, Now(options) + options.lease.count());
    if (!renewed.ok()) spdlog::warn("Job {}: {}", job.id, renewed.message());
    return renewed;
  };
  pass_options.before_changes = renew;
  pass_options.between_batches = [&](const PassSummary&) {
    if (options.stop != nullptr && *options.stop) return false;
    return renew().ok();
  };
  if (job.object_to_run != domain::kRelogJob) return RunEmailLoggingPass(db, pass_options);
  RelogOptions relog;
  relog.progress = [&](const RelogProgress& now) {
    progress = now;
    Status recorded = db.SetJobRunProgress(leased.run_id, now.done, now.total);
    if (!recorded.ok()) spdlog::warn("Job {}: {}", job.id, recorded.message());
  };
  MT_ASSIGN_OR_RETURN(PassSummary summary, RunRelog(db, relog, pass_options));
  if (progress.done < progress.total) {
    // Stopped (shutdown, lease lost): not done, so retried, and resumed there.
    return Status::Unavailable("The relog stopped after " + std::to_string(progress.done) + " of " +
                               std::to_string(progress.total) + " messages; its next run resumes there.")
        .WithContext(kLoggingEmailMessages);
  }
  return summary;
}

bool CanRun(const domain::JobQueueEntry& job) {
  return job.object_to_run == domain::kEmailLoggingJob || job.object_to_run == domain::kRelogJob;
}

// The job as it stands after a run: next run, retry, or error; lease cleared.
domain::JobQueueEntry AfterRun(domain::JobQueueEntry job, const Status& outcome, bool run_now,
                               domain::UnixTime now) {
  const JobStatus before = job.status;
  job.lease_owner.clear();
  job.lease_until = 0;
  if (outcome.ok()) {
    job.attempts = 0;
    job.last_error.clear();
    job.last_error_context.clear();
    auto next = domain::NextRunAfterSuccess(job.recurrence, now);
    job.status = next ? JobStatus::kReady : JobStatus::kFinished;
    if (next) job.earliest_start = *next;
  } else {
    job.attempts += 1;
    job.last_error = outcome.message();
    job.last_error_context = outcome.context();
    if (job.attempts < job.max_attempts) {
      job.status = JobStatus::kReady;
      job.earliest_start = domain::RetryAt(job.attempts, now);
    } else {
      job.status = JobStatus::kError;
    }
  }
  // "Run now" of a job someone put on hold leaves it on hold.
  if (run_now && before == JobStatus::kOnHold) job.status = JobStatus::kOnHold;
  return job;
}

}  // namespace

std::string DefaultWorkerName() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid());
}

Result<std::optional<domain::JobRun>> RunDueJob(db::Database& db, const JobRunnerOptions& options,
                                                std::optional<std::int64_t> only_job) {
  const domain::UnixTime started = Now(options);
  MT_ASSIGN_OR_RETURN(std::optional<db::LeasedJob> leased,
                      db.LeaseJob(options.worker, started, started + options.lease.count(), only_job));
  if (!leased) return std::optional<domain::JobRun>();
  const domain::JobQueueEntry& job = leased->job;
  if (!CanRun(job)) {
    return Status::InvalidArgument("Job " + std::to_string(job.id) + " runs '" + job.object_to_run +
                                   "', which this program cannot run.");
  }
  spdlog::info("Job {} ({}) started by {}", job.id, job.description, options.worker);
  const auto pass_started = std::chrono::steady_clock::now();
  RelogProgress progress;
  Result<PassSummary> pass = RunJob(db, options, *leased, progress);
  if (options.metrics != nullptr) {
    options.metrics->RecordPass(
        pass, std::chrono::duration<double>(std::chrono::steady_clock::now() - pass_started).count());
  }

  domain::JobRun run;
  run.id = leased->run_id;
  run.job_id = job.id;
  run.worker = options.worker;
  run.started_at = started;
  run.ended_at = Now(options);
  run.status = pass.ok() ? JobRunStatus::kSucceeded : JobRunStatus::kFailed;
  run.progress_done = progress.done;
  run.progress_total = progress.total;
  if (pass.ok()) {
    run.summary = PassSummaryJson(*pass);
  } else {
    run.error = pass.status().message();
    run.error_context = pass.status().context();
    spdlog::error("Job {} failed ({}): {}", job.id, run.error_context, run.error);
  }
  MT_RETURN_IF_ERROR(
      db.FinishJobRun(AfterRun(job, pass.status(), only_job.has_value(), run.ended_at), options.worker, run));
  return std::optional<domain::JobRun>(std::move(run));
}

Result<std::optional<domain::JobQueueEntry>> FindEmailLoggingJob(db::Database& db) {
  MT_ASSIGN_OR_RETURN(auto jobs, db.ListJobs());
  for (auto& job : jobs) {
    if (job.object_to_run == domain::kEmailLoggingJob) return std::optional(std::move(job));
  }
  return std::optional<domain::JobQueueEntry>();
}

Result<std::int64_t> EnsureEmailLoggingJob(db::Database& db, domain::UnixTime now) {
  MT_ASSIGN_OR_RETURN(auto existing, FindEmailLoggingJob(db));
  if (existing) return existing->id;
  return db.AddJob(domain::EmailLoggingJob(now));
}

}  // namespace mailtrail::service
