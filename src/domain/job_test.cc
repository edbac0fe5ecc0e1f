#include "domain/job.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

constexpr UnixTime kMonday9am = 1772442000 + 0;  // 2026-03-02 09:00:00 UTC, a Monday
constexpr UnixTime kMinute = 60;

TEST(JobTest, StatusNamesRoundTrip) {
  for (JobStatus status : {JobStatus::kReady, JobStatus::kInProcess, JobStatus::kError, JobStatus::kOnHold,
                           JobStatus::kFinished}) {
    EXPECT_EQ(ParseJobStatus(ToString(status)), status);
  }
  EXPECT_EQ(ParseJobStatus("busy"), std::nullopt);
}

TEST(JobTest, WeekdaysParseAndPrint) {
  EXPECT_EQ(ParseWeekdays("all"), 0x7f);
  EXPECT_EQ(ParseWeekdays("mon,fri"), 0x11);
  EXPECT_EQ(WeekdaysToString(0x11), "mon,fri");
  EXPECT_EQ(WeekdaysToString(0x7f), "all");
  EXPECT_EQ(ParseWeekdays("monday"), std::nullopt);
  EXPECT_EQ(ParseWeekdays(""), std::nullopt);
}

TEST(JobTest, EveryTenMinutesAroundTheClock) {
  Recurrence every10{.every_minutes = 10};
  EXPECT_EQ(NextRunAfterSuccess(every10, kMonday9am), kMonday9am + 10 * kMinute);
  EXPECT_EQ(NextRunAfterSuccess(Recurrence{}, kMonday9am), std::nullopt) << "runs once";
}

TEST(JobTest, WindowAndWeekdaysMoveTheNextRun) {
  Recurrence office{.every_minutes = 60, .start_minute = 8 * 60, .end_minute = 18 * 60, .weekdays = 0x1f};
  EXPECT_EQ(NextRunAfterSuccess(office, kMonday9am), kMonday9am + 60 * kMinute);
  // Monday 17:30 + 60 min is 18:30: after the window, so Tuesday 08:00.
  const UnixTime monday1730 = kMonday9am + 8 * 60 * kMinute + 30 * kMinute;
  EXPECT_EQ(NextRunAfterSuccess(office, monday1730), kMonday9am + 24 * 60 * kMinute - 60 * kMinute);
  // Friday 17:30: next is Monday 08:00.
  const UnixTime friday1730 = monday1730 + 4 * 24 * 60 * kMinute;
  EXPECT_EQ(NextRunAfterSuccess(office, friday1730), kMonday9am + 7 * 24 * 60 * kMinute - 60 * kMinute);
  // Before the window on an allowed day: the window's start that day.
  EXPECT_EQ(NextAllowedTime(office, kMonday9am - 3 * 60 * kMinute), kMonday9am - 60 * kMinute);
}

TEST(JobTest, RetryBacksOffExponentiallyUpToAnHour) {
  EXPECT_EQ(RetryAt(1, 0), 60);
  EXPECT_EQ(RetryAt(2, 0), 120);
  EXPECT_EQ(RetryAt(3, 0), 240);
  EXPECT_EQ(RetryAt(20, 0), 3600);
}

TEST(JobTest, EmailLoggingJobAsBusinessCentralCreatesIt) {
  JobQueueEntry job = EmailLoggingJob(kMonday9am);
  EXPECT_EQ(job.object_to_run, "email-logging");
  EXPECT_EQ(job.category, "LOGGING");
  EXPECT_EQ(job.recurrence.every_minutes, 10);
  EXPECT_EQ(job.max_attempts, 3);
  EXPECT_EQ(job.status, JobStatus::kOnHold);
}

}  // namespace
}  // namespace mailtrail::domain
