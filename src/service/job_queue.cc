#include "service/job_queue.h"

#include <spdlog/spdlog.h>

namespace mailtrail::service {
namespace {

using domain::JobQueueEntry;
using domain::JobStatus;

// Loads job `id` to change by hand, which is refused while it runs: its run
// saves the job when it ends.
Result<JobQueueEntry> LoadIdleJob(db::Database& db, std::int64_t id) {
  MT_ASSIGN_OR_RETURN(JobQueueEntry job, LoadJob(db, id));
  if (job.status == JobStatus::kInProcess) {
    return Status::FailedPrecondition("Job " + std::to_string(job.id) + " is running on " + job.lease_owner +
                                      "; try again when it has finished.");
  }
  return job;
}

}  // namespace

Result<JobQueueEntry> LoadJob(db::Database& db, std::int64_t id) {
  MT_ASSIGN_OR_RETURN(auto job, db.GetJob(id));
  if (!job) return Status::NotFound("Job " + std::to_string(id) + " does not exist.");
  return *job;
}

Status HoldJob(db::Database& db, std::int64_t id) {
  MT_ASSIGN_OR_RETURN(JobQueueEntry job, LoadIdleJob(db, id));
  job.status = JobStatus::kOnHold;
  return db.UpdateJob(job);
}

Status ResumeJob(db::Database& db, std::int64_t id, domain::UnixTime now) {
  MT_ASSIGN_OR_RETURN(JobQueueEntry job, LoadIdleJob(db, id));
  job.status = JobStatus::kReady;
  job.attempts = 0;
  job.earliest_start = now;
  return db.UpdateJob(job);
}

Status RunNowRefused(std::int64_t id) {
  return Status::FailedPrecondition("Job " + std::to_string(id) +
                                    " cannot run now: it or another job of its category is running.");
}

Status CheckJobCanRunNow(db::Database& db, std::int64_t id) {
  MT_ASSIGN_OR_RETURN(const JobQueueEntry job, LoadJob(db, id));
  if (job.status == JobStatus::kInProcess) return RunNowRefused(id);
  if (job.category.empty()) return Status::Ok();  // jobs without a category never wait for one another
  MT_ASSIGN_OR_RETURN(const auto jobs, db.ListJobs());
  for (const JobQueueEntry& other : jobs) {
    if (other.category == job.category && other.status == JobStatus::kInProcess) return RunNowRefused(id);
  }
  return Status::Ok();
}

JobStarter::JobStarter(DatabaseOpener open_database, JobRunnerOptions options)
    : open_database_(std::move(open_database)), options_(std::move(options)) {
  options_.stop = &stop_;
}

JobStarter::~JobStarter() {
  stop_ = true;
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) thread_.join();
}

Status JobStarter::Start(std::int64_t job_id) {
  std::lock_guard lock(mutex_);
  if (running_) {
    return Status::FailedPrecondition(
        "A job started with run now is still running in this process; try again when it has finished.");
  }
  if (thread_.joinable()) thread_.join();  // the last run, which has ended
  running_ = true;
  thread_ = std::thread([this, job_id] {
    Run(job_id);
    running_ = false;
  });
  return Status::Ok();
}

void JobStarter::Run(std::int64_t job_id) {
  auto db = open_database_();
  if (!db.ok()) {
    spdlog::error("Run now of job {}: {}", job_id, db.status().ToString());
    return;
  }
  auto run = RunDueJob(**db, options_, job_id);
  if (!run.ok()) {
    spdlog::error("Run now of job {}: {}", job_id, run.status().ToString());
  } else if (!*run) {
    spdlog::warn("{}", RunNowRefused(job_id).message());
  }
}

}  // namespace mailtrail::service
