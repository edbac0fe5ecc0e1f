// The dashboard's figures: interactions per ISO week, by salesperson and by
// direction, counted by the database (never by reading the entries), and the
// throughput of the email logging job's recent runs.
//
// Thread-safety: as the Database passed in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/database.h"
#include "domain/job.h"

namespace mailtrail::service {

// One ISO 8601 week (Monday to Sunday) of entries that are not canceled.
struct WeekActivity {
  std::string week;       // "2026-W45"
  std::string first_day;  // its Monday, YYYY-MM-DD
  std::int64_t inbound = 0;
  std::int64_t outbound = 0;
  std::map<std::string, std::int64_t> by_salesperson;  // code → entries; none with 0
};

// One run of the email logging job that ended.
struct RunThroughput {
  domain::JobRun run;
  std::int64_t messages = 0;  // that the pass dealt with (PassSummary::messages); 0 when it failed
};

// The messages of the runs that ended within one clock hour (UTC).
struct HourThroughput {
  domain::UnixTime hour = 0;  // its start
  std::int64_t messages = 0;
};

struct Dashboard {
  std::vector<WeekActivity> weeks;    // oldest first, every week asked for
  std::vector<RunThroughput> runs;    // oldest first
  // Every hour from the one the oldest run ended in to the newest's (empty
  // hours too), at most the last kMaxDashboardHours of them; oldest first.
  std::vector<HourThroughput> hours;
};

// Limits on what LoadDashboard is asked for.
inline constexpr std::int64_t kMaxDashboardWeeks = db::kMaxCountBounds - 1;
inline constexpr std::int64_t kMaxDashboardRuns = 500;
inline constexpr std::int64_t kMaxDashboardHours = 48;

// The `weeks` weeks up to and including the one that holds `until` (YYYY-MM-DD),
// and of the email logging job's last `runs` runs those that ended (none when
// there is no such job).
// Errors: kInvalidArgument (`until` is not a date, `weeks` is not 1 to
// kMaxDashboardWeeks, `runs` not 0 to kMaxDashboardRuns).
Result<Dashboard> LoadDashboard(db::Database& db, std::string_view until, std::int64_t weeks, std::int64_t runs);

// `when` as YYYY-MM-DD (UTC): the `until` of today for LoadDashboard.
std::string DateOf(domain::UnixTime when);

}  // namespace mailtrail::service
