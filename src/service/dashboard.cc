#include "service/dashboard.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "service/email_logging.h"
#include "service/job_runner.h"

namespace mailtrail::service {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string Format(sys_days day) {
  const year_month_day date{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// A YYYY-MM-DD date that exists; nullopt for anything else.
std::optional<sys_days> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const year_month_day date{std::chrono::year{number(0, 4)}, std::chrono::month(static_cast<unsigned>(number(5, 2))),
                            std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!date.ok()) return std::nullopt;
  return sys_days{date};
}

// "YYYY-Www" of the ISO week that starts on `monday`: the week belongs to the
// year of its Thursday, and is numbered from that year's first such week.
std::string IsoWeek(sys_days monday) {
  const sys_days thursday = monday + days{3};
  const std::chrono::year year = year_month_day{thursday}.year();
  const auto week = (thursday - sys_days{year / 1 / 1}).count() / 7 + 1;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(year), static_cast<int>(week));
  return text;
}

Result<std::vector<WeekActivity>> LoadWeeks(db::Database& db, std::string_view until, std::int64_t weeks) {
  const std::optional<sys_days> last_day = ParseDate(until);
  if (!last_day) return Status::InvalidArgument("'" + std::string(until) + "' is not a date (YYYY-MM-DD).");
  if (weeks < 1 || weeks > kMaxDashboardWeeks) {
    return Status::InvalidArgument("The dashboard shows 1 to " + std::to_string(kMaxDashboardWeeks) + " weeks.");
  }
  const std::chrono::weekday weekday{*last_day};
  const sys_days last_monday = *last_day - days{weekday.iso_encoding() - 1};
  std::vector<WeekActivity> activity;
  std::vector<std::string> bounds;
  for (std::int64_t i = weeks - 1; i >= 0; --i) {
    const sys_days monday = last_monday - days{7 * i};
    activity.push_back({.week = IsoWeek(monday), .first_day = Format(monday)});
    bounds.push_back(activity.back().first_day);
  }
  bounds.push_back(Format(last_monday + days{7}));
  MT_ASSIGN_OR_RETURN(const std::vector<db::EntryCount> counts, db.CountEntries(bounds));
  for (const db::EntryCount& count : counts) {
    WeekActivity& week = activity[count.period];
    (count.information_flow == domain::InformationFlow::kInbound ? week.inbound : week.outbound) += count.entries;
    week.by_salesperson[count.salesperson_code] += count.entries;
  }
  return activity;
}

constexpr domain::UnixTime kHour = 3600;

std::vector<HourThroughput> ByHour(const std::vector<RunThroughput>& runs) {
  std::vector<HourThroughput> hours;
  if (runs.empty()) return hours;
  auto hour_of = [](const RunThroughput& r) { return r.run.ended_at - r.run.ended_at % kHour; };
  const auto [earliest, latest] = std::minmax_element(
      runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.run.ended_at < b.run.ended_at; });
  const domain::UnixTime last = hour_of(*latest);
  const domain::UnixTime first =
      std::max(hour_of(*earliest), last - (kMaxDashboardHours - 1) * kHour);
  for (domain::UnixTime hour = first; hour <= last; hour += kHour) hours.push_back({hour, 0});
  for (const RunThroughput& run : runs) {
    if (hour_of(run) >= first) hours[static_cast<std::size_t>((hour_of(run) - first) / kHour)].messages += run.messages;
  }
  return hours;
}

Result<std::vector<RunThroughput>> LoadRuns(db::Database& db, std::int64_t count) {
  if (count < 0 || count > kMaxDashboardRuns) {
    return Status::InvalidArgument("The dashboard shows 0 to " + std::to_string(kMaxDashboardRuns) + " runs.");
  }
  std::vector<RunThroughput> runs;
  MT_ASSIGN_OR_RETURN(const std::optional<domain::JobQueueEntry> job, FindEmailLoggingJob(db));
  if (!job || count == 0) return runs;
  MT_ASSIGN_OR_RETURN(std::vector<domain::JobRun> newest_first, db.ListJobRuns(job->id, static_cast<std::size_t>(count)));
  for (auto run = newest_first.rbegin(); run != newest_first.rend(); ++run) {
    if (run->status == domain::JobRunStatus::kRunning) continue;
    const std::optional<PassSummary> summary = ParsePassSummaryJson(run->summary);
    runs.push_back({std::move(*run), summary ? summary->messages() : 0});
  }
  return runs;
}

}  // namespace

std::string DateOf(domain::UnixTime when) {
  return Format(std::chrono::floor<days>(std::chrono::sys_seconds{std::chrono::seconds{when}}));
}

Result<Dashboard> LoadDashboard(db::Database& db, std::string_view until, std::int64_t weeks, std::int64_t runs) {
  Dashboard dashboard;
  MT_ASSIGN_OR_RETURN(dashboard.weeks, LoadWeeks(db, until, weeks));
  MT_ASSIGN_OR_RETURN(dashboard.runs, LoadRuns(db, runs));
  dashboard.hours = ByHour(dashboard.runs);
  return dashboard;
}

}  // namespace mailtrail::service
