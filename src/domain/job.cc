#include "domain/job.h"

#include <algorithm>
#include <array>

namespace mailtrail::domain {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr UnixTime kMinute = 60;
constexpr UnixTime kDay = 24 * 60 * kMinute;

// 0 = Monday. 1970-01-01 was a Thursday.
int WeekdayOf(UnixTime time) { return static_cast<int>(((time / kDay) % 7 + 7 + 3) % 7); }

bool Allowed(const Recurrence& recurrence, UnixTime time) {
  if ((recurrence.weekdays & (1u << WeekdayOf(time))) == 0) return false;
  const int minute = static_cast<int>((time % kDay) / kMinute);
  return minute >= recurrence.start_minute.value_or(0) && minute < recurrence.end_minute.value_or(24 * 60);
}

}  // namespace

std::string_view ToString(JobStatus status) {
  switch (status) {
    case JobStatus::kReady: return "ready";
    case JobStatus::kInProcess: return "in process";
    case JobStatus::kError: return "error";
    case JobStatus::kOnHold: return "on hold";
    case JobStatus::kFinished: return "finished";
  }
  return "error";
}

std::optional<JobStatus> ParseJobStatus(std::string_view text) {
  for (JobStatus status : {JobStatus::kReady, JobStatus::kInProcess, JobStatus::kError, JobStatus::kOnHold,
                           JobStatus::kFinished}) {
    if (ToString(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view ToString(JobRunStatus status) {
  switch (status) {
    case JobRunStatus::kRunning: return "running";
    case JobRunStatus::kSucceeded: return "succeeded";
    case JobRunStatus::kFailed: return "failed";
    case JobRunStatus::kAbandoned: return "abandoned";
  }
  return "failed";
}

std::optional<JobRunStatus> ParseJobRunStatus(std::string_view text) {
  for (JobRunStatus status :
       {JobRunStatus::kRunning, JobRunStatus::kSucceeded, JobRunStatus::kFailed, JobRunStatus::kAbandoned}) {
    if (ToString(status) == text) return status;
  }
  return std::nullopt;
}

std::string WeekdaysToString(std::uint8_t weekdays) {
  if ((weekdays & 0x7f) == 0x7f) return "all";
  std::string text;
  for (std::size_t day = 0; day < kWeekdayNames.size(); ++day) {
    if (weekdays & (1u << day)) text += (text.empty() ? "" : ",") + std::string(kWeekdayNames[day]);
  }
  return text;
}

std::optional<std::uint8_t> ParseWeekdays(std::string_view text) {
  if (text == "all") return 0x7f;
  std::uint8_t weekdays = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    const auto found = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), name);
    if (found == kWeekdayNames.end()) return std::nullopt;
    weekdays |= static_cast<std::uint8_t>(1u << (found - kWeekdayNames.begin()));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return weekdays == 0 ? std::nullopt : std::optional<std::uint8_t>(weekdays);
}

UnixTime NextAllowedTime(const Recurrence& recurrence, UnixTime after) {
  // Minute steps would do, but jump to the window's start when outside it; a week
  // of days bounds the search.
  UnixTime time = after;
  for (int day = 0; day <= 8; ++day) {
    if (Allowed(recurrence, time)) return time;
    const UnixTime midnight = time - time % kDay;
    const UnixTime window_start = midnight + recurrence.start_minute.value_or(0) * kMinute;
    time = time < window_start && (recurrence.weekdays & (1u << WeekdayOf(time))) ? window_start
                                                                                   : midnight + kDay;
  }
  return after;  // no weekday allowed: nothing better to offer
}

std::optional<UnixTime> NextRunAfterSuccess(const Recurrence& recurrence, UnixTime now) {
  if (recurrence.every_minutes <= 0) return std::nullopt;
  return NextAllowedTime(recurrence, now + recurrence.every_minutes * kMinute);
}

UnixTime RetryAt(int failed_attempts, UnixTime now) {
  const int exponent = std::clamp(failed_attempts - 1, 0, 6);
  return now + std::min<UnixTime>(kMinute << exponent, 60 * kMinute);
}

JobQueueEntry EmailLoggingJob(UnixTime now) {
  JobQueueEntry job;
  job.object_to_run = std::string(kEmailLoggingJob);
  job.description = "Email logging";
  job.category = std::string(kLoggingCategory);
  job.recurrence.every_minutes = 10;
  job.earliest_start = now;
  job.status = JobStatus::kOnHold;
  job.max_attempts = 3;
  return job;
}

JobQueueEntry RelogJob(UnixTime now) {
  JobQueueEntry job = EmailLoggingJob(now);
  job.object_to_run = std::string(kRelogJob);
  job.description = "Relog the storage folder";
  job.recurrence.every_minutes = 0;
  return job;
}

}  // namespace mailtrail::domain
