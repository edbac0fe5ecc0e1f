// The dashboard's figures: interactions per week by salesperson and direction,
// and the email logging job's recent throughput.
#include <chrono>
#include <set>
#include <string>

#include "service/dashboard.h"
#include "service/json_views.h"
#include "web/api_support.h"

namespace mailtrail::web {
namespace {

using domain::Permission;

// A whole-number query parameter, `fallback` when the request has none.
Result<std::int64_t> NumberParam(const Call& call, const char* name, std::int64_t fallback) {
  if (!call.request.has_param(name)) return fallback;
  return Number(call.request.get_param_value(name), name);
}

Json WeekJson(const service::WeekActivity& week) {
  Json salespersons = Json::object();
  for (const auto& [code, entries] : week.by_salesperson) salespersons[code] = entries;
  return {{"week", week.week},
          {"first_day", week.first_day},
          {"inbound", week.inbound},
          {"outbound", week.outbound},
          {"salespersons", salespersons}};
}

Status GetDashboard(Call& call) {
  MT_ASSIGN_OR_RETURN(const std::int64_t weeks, NumberParam(call, "weeks", 12));
  MT_ASSIGN_OR_RETURN(const std::int64_t runs, NumberParam(call, "runs", 20));
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  const std::string until =
      call.request.has_param("until") ? call.request.get_param_value("until") : service::DateOf(now);
  MT_ASSIGN_OR_RETURN(const service::Dashboard dashboard, service::LoadDashboard(call.db, until, weeks, runs));
  Json week_list = Json::array();
  std::set<std::string> codes;
  for (const service::WeekActivity& week : dashboard.weeks) {
    week_list.push_back(WeekJson(week));
    for (const auto& [code, entries] : week.by_salesperson) codes.insert(code);
  }
  Json run_list = Json::array();
  for (const service::RunThroughput& run : dashboard.runs) {
    run_list.push_back({{"id", run.run.id},
                        {"started_at", service::FormatTime(run.run.started_at)},
                        {"ended_at", service::FormatTime(run.run.ended_at)},
                        {"status", domain::ToString(run.run.status)},
                        {"seconds", run.run.ended_at - run.run.started_at},
                        {"messages", run.messages}});
  }
  Json hour_list = Json::array();
  for (const service::HourThroughput& hour : dashboard.hours) {
    hour_list.push_back({{"hour", service::FormatTime(hour.hour)}, {"messages", hour.messages}});
  }
  SendJson(call.response, {{"weeks", week_list},
                           {"salespersons", codes},
                           {"runs", run_list},
                           {"hours", hour_list}});
  return Status::Ok();
}

}  // namespace

std::vector<RouteHandler> DashboardRoutes() {
  return {
      {{"GET", "/api/v1/dashboard", Permission::kReadEntries,
        "Entries per ISO week by salesperson and direction (?weeks=12&until=YYYY-MM-DD, canceled ones left "
        "out) and the email logging job's last runs (?runs=20) with their messages, also per hour"},
       GetDashboard},
  };
}

}  // namespace mailtrail::web
