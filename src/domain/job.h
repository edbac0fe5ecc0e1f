// Job queue entries: scheduled work (email logging is one), as Business Central's
// Job Queue keeps it. Pure: recurrence and retry arithmetic, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace mailtrail::domain {

enum class JobStatus { kReady, kInProcess, kError, kOnHold, kFinished };
std::string_view ToString(JobStatus status);  // "ready", "in process", "error", "on hold", "finished"
std::optional<JobStatus> ParseJobStatus(std::string_view text);

// What a job runs.
inline constexpr std::string_view kEmailLoggingJob = "email-logging";
// Relog of the storage folder (service/email_logging.h, RunRelog).
inline constexpr std::string_view kRelogJob = "relog";
// The category email logging runs in; jobs of one category never run at once.
inline constexpr std::string_view kLoggingCategory = "LOGGING";

// One run of a job, as the job log shows it.
enum class JobRunStatus { kRunning, kSucceeded, kFailed, kAbandoned };
std::string_view ToString(JobRunStatus status);  // "running", "succeeded", "failed", "abandoned"
std::optional<JobRunStatus> ParseJobRunStatus(std::string_view text);

struct JobRun {
  std::int64_t id = 0;
  std::int64_t job_id = 0;
  std::string worker;
  UnixTime started_at = 0;
  UnixTime ended_at = 0;  // 0 while running
  JobRunStatus status = JobRunStatus::kRunning;
  std::string summary;        // what the run did, e.g. the pass's counts as JSON
  std::string error;
  std::string error_context;  // e.g. "Validating setup"
  // How far a run got, while it runs and after: messages done of the total, for
  // jobs that know a total in advance (relog); 0 of 0 for the others.
  std::int64_t progress_done = 0;
  std::int64_t progress_total = 0;
};

// When a job comes round again. Times of day and weekdays are UTC.
struct Recurrence {
  int every_minutes = 0;               // 0: runs once, then is finished
  std::optional<int> start_minute;     // of the day, 0-1439; unset: from midnight
  std::optional<int> end_minute;       // of the day, exclusive; unset: until midnight
  std::uint8_t weekdays = 0x7f;        // bit 0 Monday ... bit 6 Sunday
};
// "mon,tue,..." in week order, or "all".
std::string WeekdaysToString(std::uint8_t weekdays);
std::optional<std::uint8_t> ParseWeekdays(std::string_view text);

struct JobQueueEntry {
  std::int64_t id = 0;
  std::string object_to_run;  // kEmailLoggingJob, ...
  std::string description;
  std::string category;
  Recurrence recurrence;
  UnixTime earliest_start = 0;
  JobStatus status = JobStatus::kOnHold;
  int max_attempts = 3;
  int attempts = 0;              // failed attempts of the current run
  std::string last_error;
  std::string last_error_context;  // e.g. "Validating setup"
  std::string lease_owner;         // the worker running it, while in process
  UnixTime lease_until = 0;
};

// The earliest time at or after `after` that `recurrence` allows (its weekdays
// and time-of-day window). REQUIRES: at least one weekday.
UnixTime NextAllowedTime(const Recurrence& recurrence, UnixTime after);

// When a job runs next after a successful run that ended at `now`: `every_minutes`
// later, moved into the allowed window. nullopt for a job that runs once.
std::optional<UnixTime> NextRunAfterSuccess(const Recurrence& recurrence, UnixTime now);

// When a failed attempt is retried: 1, 2, 4 ... minutes after `now` (attempt 1 is
// the first failure), capped at an hour.
UnixTime RetryAt(int failed_attempts, UnixTime now);

// The email logging job Business Central creates with the setup: every 10
// minutes, 3 attempts, on hold until enabled.
JobQueueEntry EmailLoggingJob(UnixTime now);

// A relog of the storage folder: once, in the logging category (never at the
// same time as email logging), 3 attempts, on hold until resumed.
JobQueueEntry RelogJob(UnixTime now);

}  // namespace mailtrail::domain
