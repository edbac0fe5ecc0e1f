#include "service/job_runner.h"

#include <gtest/gtest.h>

#include <atomic>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

using domain::JobRunStatus;
using domain::JobStatus;

constexpr domain::UnixTime kStart = 1772442000;  // 2026-03-02 09:00 UTC

class JobRunnerTest : public EveryDatabaseFixture {
 protected:
  JobRunnerOptions Options(const std::string& worker = "worker-a") {
    JobRunnerOptions options;
    options.worker = worker;
    options.clock = [this] { return now_; };
    options.pass_options.open_mail_store = Opener();
    return options;
  }

  domain::JobQueueEntry EmailJob() {
    auto jobs = db_->ListJobs();
    EXPECT_TRUE(jobs.ok());
    EXPECT_EQ(jobs->size(), 1u) << "setting up email logging created one job";
    return jobs->empty() ? domain::JobQueueEntry{} : jobs->front();
  }

  void Resume() {
    domain::JobQueueEntry job = EmailJob();
    job.status = JobStatus::kReady;
    job.earliest_start = now_;
    ASSERT_TRUE(db_->UpdateJob(job).ok());
  }

  std::optional<domain::JobRun> RunOrDie(const JobRunnerOptions& options, std::optional<std::int64_t> only = {}) {
    auto run = RunDueJob(*db_, options, only);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : std::nullopt;
  }

  domain::UnixTime now_ = kStart;
};

TEST_P(JobRunnerTest, SettingUpEmailLoggingCreatesItsJobOnHold) {
  const domain::JobQueueEntry job = EmailJob();
  EXPECT_EQ(job.object_to_run, "email-logging");
  EXPECT_EQ(job.category, "LOGGING");
  EXPECT_EQ(job.recurrence.every_minutes, 10);
  EXPECT_EQ(job.max_attempts, 3);
  EXPECT_EQ(job.status, JobStatus::kOnHold);
  EXPECT_FALSE(RunOrDie(Options())) << "a job on hold does not run";
}

TEST_P(JobRunnerTest, ARunLogsMailRecordsItselfAndSchedulesTheNext) {
  Deliver(Outbound());
  Resume();
  auto run = RunOrDie(Options());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, JobRunStatus::kSucceeded);
  EXPECT_NE(run->summary.find("\"logged\":1"), std::string::npos) << run->summary;
  EXPECT_EQ(Entries().size(), 1u);
  const domain::JobQueueEntry job = EmailJob();
  EXPECT_EQ(job.status, JobStatus::kReady);
  EXPECT_EQ(job.earliest_start, kStart + 600);
  EXPECT_TRUE(job.lease_owner.empty());
  EXPECT_FALSE(RunOrDie(Options())) << "not due before the next run";
  auto log = db_->ListJobRuns(job.id, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().worker, "worker-a");
}

TEST_P(JobRunnerTest, FailuresCarryTheirContextAreRetriedThenStop) {
  Deliver(Outbound());
  Set("queue-folder", "Missing");
  Resume();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto run = RunOrDie(Options());
    ASSERT_TRUE(run) << attempt;
    EXPECT_EQ(run->status, JobRunStatus::kFailed);
    EXPECT_EQ(run->error_context, "Opening queue folder");
    EXPECT_EQ(run->error, "The queue folder 'Missing' does not exist in the mail store.");
    const domain::JobQueueEntry job = EmailJob();
    EXPECT_EQ(job.attempts, attempt);
    EXPECT_EQ(job.last_error_context, "Opening queue folder");
    if (attempt < 3) {
      EXPECT_EQ(job.status, JobStatus::kReady);
      EXPECT_EQ(job.earliest_start, now_ + (60 << (attempt - 1))) << "backoff";
      now_ = job.earliest_start;
    } else {
      EXPECT_EQ(job.status, JobStatus::kError) << "attempts used up";
    }
  }
  EXPECT_EQ(Messages("Queue").size(), 1u) << "no queue message touched";
  EXPECT_TRUE(Entries().empty());
}

TEST_P(JobRunnerTest, SetupErrorsSayValidatingSetup) {
  Set("email-template", "");
  Resume();
  auto run = RunOrDie(Options());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->error_context, "Validating setup");
  EXPECT_EQ(run->error, "The interaction template for email messages has not been specified.");
}

TEST_P(JobRunnerTest, RunNowOfAHeldJobLeavesItOnHold) {
  Deliver(Outbound());
  const std::int64_t id = EmailJob().id;
  auto run = RunOrDie(Options(), id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, JobRunStatus::kSucceeded);
  EXPECT_EQ(Entries().size(), 1u);
  EXPECT_EQ(EmailJob().status, JobStatus::kOnHold);
  EXPECT_EQ(RunDueJob(*db_, Options(), 404).status().code(), StatusCode::kNotFound);
}

TEST_P(JobRunnerTest, ALeaseOfADeadWorkerIsTakenBackAndEveryRunIsLogged) {
  Deliver(Outbound());
  Resume();
  // Worker A leases the job and dies before finishing.
  auto leased = db_->LeaseJob("worker-a", now_, now_ + 120, std::nullopt);
  ASSERT_TRUE(leased.ok() && *leased);
  EXPECT_FALSE(RunOrDie(Options("worker-b"))) << "the category is busy while the lease holds";
  now_ += 121;
  auto run = RunOrDie(Options("worker-b"));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, JobRunStatus::kSucceeded);
  EXPECT_EQ(Entries().size(), 1u);
  auto log = db_->ListJobRuns(EmailJob().id, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(0).status, JobRunStatus::kSucceeded);
  EXPECT_EQ(log->at(1).status, JobRunStatus::kAbandoned);
  EXPECT_EQ(log->at(1).worker, "worker-a");
}

TEST_P(JobRunnerTest, AWorkerWhoseLeaseRanOutMidPassChangesNothingMore) {
  Deliver(Outbound());
  Resume();
  JobRunnerOptions slow = Options("worker-a");
  const MailStoreOpener open = slow.pass_options.open_mail_store;
  slow.pass_options.open_mail_store = [&](const domain::Setup& setup) {
    // Worker A's pass outlasts its lease before it copies anything, and worker B
    // takes the job over.
    now_ += 121;
    auto taken = db_->LeaseJob("worker-b", now_, now_ + 120, std::nullopt);
    EXPECT_TRUE(taken.ok() && taken->has_value());
    return open(setup);
  };
  auto run = RunDueJob(*db_, slow);
  EXPECT_EQ(run.status().code(), StatusCode::kFailedPrecondition) << "its run is B's to close as abandoned";
  EXPECT_EQ(run.status().message(), "The lease on job 1 was lost.");
  EXPECT_TRUE(Entries().empty());
  EXPECT_EQ(Messages("Queue").size(), 1u) << "left for worker B";
  EXPECT_TRUE(Messages("Storage").empty()) << "no copy made after the lease was lost";
}

// A relog job: the storage folder holds `messages` messages nobody logged.
class RelogJobTest : public JobRunnerTest {
 protected:
  std::int64_t AddReadyRelogJob(int messages) {
    for (int i = 0; i < messages; ++i) Deliver(Outbound("stored" + std::to_string(i) + "@x"), "Storage");
    domain::JobQueueEntry job = domain::RelogJob(now_);
    job.status = JobStatus::kReady;
    auto id = db_->AddJob(job);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  JobRunnerOptions SmallBatches() {
    JobRunnerOptions options = Options();
    options.pass_options.transaction_size = 2;
    return options;
  }
};

TEST_P(RelogJobTest, ARelogJobRecordsItsProgressAndRunsOnce) {
  const std::int64_t id = AddReadyRelogJob(5);
  auto run = RunOrDie(SmallBatches());
  ASSERT_TRUE(run);
  EXPECT_EQ(run->job_id, id);
  EXPECT_EQ(run->status, JobRunStatus::kSucceeded) << run->error;
  EXPECT_NE(run->summary.find("\"logged\":5"), std::string::npos) << run->summary;
  EXPECT_EQ(run->progress_done, 5);
  EXPECT_EQ(run->progress_total, 5);
  auto log = db_->ListJobRuns(id, 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().progress_done, 5) << "the job log keeps it";
  EXPECT_EQ(log->front().progress_total, 5);
  EXPECT_EQ(Entries().size(), 5u);
  EXPECT_EQ(Messages("Storage").size(), 5u);
  auto job = db_->GetJob(id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->status, JobStatus::kFinished);
}

TEST_P(RelogJobTest, AStoppedRelogJobIsRetriedAndResumesWhereItStopped) {
  const std::int64_t id = AddReadyRelogJob(5);
  std::atomic<bool> stop{true};  // the service shuts down during the first batch
  JobRunnerOptions options = SmallBatches();
  options.stop = &stop;
  auto stopped = RunOrDie(options);
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->status, JobRunStatus::kFailed);
  EXPECT_EQ(stopped->error, "The relog stopped after 2 of 5 messages; its next run resumes there.");
  EXPECT_EQ(stopped->progress_done, 2);
  EXPECT_EQ(Entries().size(), 2u);
  auto job = db_->GetJob(id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->status, JobStatus::kReady) << "to be retried";

  stop = false;
  now_ = (*job)->earliest_start;
  auto resumed = RunOrDie(options);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->status, JobRunStatus::kSucceeded) << resumed->error;
  EXPECT_NE(resumed->summary.find("\"logged\":3"), std::string::npos) << resumed->summary;
  EXPECT_EQ(resumed->progress_done, 5);
  EXPECT_EQ(Entries().size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(EveryDatabase, RelogJobTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

INSTANTIATE_TEST_SUITE_P(EveryDatabase, JobRunnerTest, ::testing::ValuesIn(testing::AllDatabaseKinds()),
                         NameAfterDatabase);

}  // namespace
}  // namespace mailtrail::service
