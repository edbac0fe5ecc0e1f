// The dashboard through the REST API: entries per ISO week by salesperson and
// direction, and the throughput of the email logging job's runs.
#include "service/job_runner.h"
#include "web/api_test_fixture.h"

namespace mailtrail::web {
namespace {

using domain::PermissionSet;
using Json = nlohmann::json;

constexpr domain::UnixTime kMarch2At10 = 1'772'445'600;  // Monday 2026-03-02 10:00 UTC
constexpr domain::UnixTime kHour = 3600;

class DashboardRoutesTest : public RestApiTest {
 protected:
  // Runs the email logging job now, as a worker whose clock says `now`.
  void RunJobAt(domain::UnixTime now) {
    service::JobRunnerOptions options;
    options.worker = "dashboard-test";
    options.clock = [now] { return now; };
    options.pass_options.open_mail_store = Opener();
    auto job = service::FindEmailLoggingJob(*db_);
    ASSERT_TRUE(job.ok() && job->has_value());
    auto run = service::RunDueJob(*db_, options, (*job)->id);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
  }

  static testing::TestMessage Sent(std::string from, std::string to, std::string date, std::string message_id) {
    testing::TestMessage message = Outbound(std::move(message_id));
    message.from = std::move(from);
    message.to = std::move(to);
    message.date = std::move(date);
    return message;
  }
};

TEST_F(DashboardRoutesTest, EntriesAreCountedPerIsoWeekBySalespersonAndDirection) {
  // SetUp logged 5 entries of JO's on Monday 2 March 2026 (week 10).
  Deliver(Sent("ann.smith@adatum.example", "annette.hill@cronus.example", "Tue, 10 Mar 2026 10:00:00 +0000", "in@adatum.example"));
  Deliver(Sent("annette.hill@cronus.example", "ann.smith@adatum.example", "Sun, 15 Mar 2026 23:00:00 +0000", "out@cronus.example"));
  Deliver(Sent("annette.hill@cronus.example", "ann.smith@adatum.example", "Mon, 16 Mar 2026 08:00:00 +0000", "later@cronus.example"));
  PassOrDie();

  const Json dashboard = GetJson("/api/v1/dashboard?weeks=3&until=2026-03-15");
  EXPECT_EQ(dashboard["weeks"],
            Json::array({{{"week", "2026-W09"}, {"first_day", "2026-02-23"}, {"inbound", 0}, {"outbound", 0},
                          {"salespersons", Json::object()}},
                         {{"week", "2026-W10"}, {"first_day", "2026-03-02"}, {"inbound", 0}, {"outbound", 5},
                          {"salespersons", {{"JO", 5}}}},
                         {{"week", "2026-W11"}, {"first_day", "2026-03-09"}, {"inbound", 1}, {"outbound", 1},
                          {"salespersons", {{"AH", 2}}}}}));
  EXPECT_EQ(dashboard["salespersons"], Json::array({"AH", "JO"}));

  // A canceled entry is no interaction any more.
  ASSERT_TRUE(db_->SetEntryCanceled(1, true).ok());
  EXPECT_EQ(GetJson("/api/v1/dashboard?weeks=1&until=2026-03-08")["weeks"][0]["salespersons"], Json({{"JO", 4}}));
}

TEST_F(DashboardRoutesTest, WeeksAreNamedAsIso8601NamesThemAcrossAYearsEnd) {
  auto weeks = [this](const std::string& query) {
    std::vector<std::string> names;
    const Json dashboard = GetJson("/api/v1/dashboard?" + query);
    for (const Json& week : dashboard["weeks"]) {
      names.push_back(week["week"].get<std::string>() + " " + week["first_day"].get<std::string>());
    }
    return names;
  };
  EXPECT_EQ(weeks("weeks=2&until=2027-01-03"),
            (std::vector<std::string>{"2026-W52 2026-12-21", "2026-W53 2026-12-28"}));
  EXPECT_EQ(weeks("weeks=2&until=2027-01-04"),
            (std::vector<std::string>{"2026-W53 2026-12-28", "2027-W01 2027-01-04"}));
  EXPECT_EQ(weeks("weeks=1&until=2026-01-01"), (std::vector<std::string>{"2026-W01 2025-12-29"}));
  EXPECT_EQ(weeks("weeks=1&until=2024-12-30"), (std::vector<std::string>{"2025-W01 2024-12-30"}));
  EXPECT_EQ(GetJson("/api/v1/dashboard")["weeks"].size(), 12u) << "by default, the last 12 up to today's";
  EXPECT_EQ(GetJson("/api/v1/dashboard?weeks=200")["weeks"].size(), 200u);
}

TEST_F(DashboardRoutesTest, WrongParametersAreRefusedWithAReason) {
  for (const char* query : {"weeks=0", "weeks=201", "weeks=-1", "weeks=many", "until=2026-02-30", "until=tomorrow",
                            "until=2026-3-1", "runs=501"}) {
    auto response = client_->Get(std::string("/api/v1/dashboard?") + query, As(PermissionSet::kBasic));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << query;
    EXPECT_FALSE(Json::parse(response->body)["error"].get<std::string>().empty()) << query;
  }
}

TEST_F(DashboardRoutesTest, RunsShowTheirMessagesAndTheHoursTheirSum) {
  EXPECT_EQ(GetJson("/api/v1/dashboard")["runs"], Json::array()) << "no run yet";
  EXPECT_EQ(GetJson("/api/v1/dashboard")["hours"], Json::array());

  Deliver(Outbound("r1@cronus.example"));
  Deliver(Sent("news@newsletter.example", "jim.olivo@cronus.example", "Mon, 02 Mar 2026 09:00:00 +0000", "n@news"));
  RunJobAt(kMarch2At10 + 15 * 60);
  Set("queue-folder", "Missing");
  RunJobAt(kMarch2At10 + kHour + 5 * 60);
  Set("queue-folder", "Queue");
  Deliver(Outbound("r2@cronus.example"));
  RunJobAt(kMarch2At10 + 2 * kHour + 30 * 60);

  const Json dashboard = GetJson("/api/v1/dashboard");
  ASSERT_EQ(dashboard["runs"].size(), 3u) << dashboard.dump();
  EXPECT_EQ(dashboard["runs"][0]["messages"], 2) << "a logged and an unregistered message";
  EXPECT_EQ(dashboard["runs"][0]["status"], "succeeded");
  EXPECT_EQ(dashboard["runs"][0]["ended_at"], "2026-03-02 10:15:00Z");
  EXPECT_EQ(dashboard["runs"][1]["messages"], 0);
  EXPECT_EQ(dashboard["runs"][1]["status"], "failed");
  EXPECT_EQ(dashboard["runs"][2]["messages"], 1);
  EXPECT_EQ(dashboard["hours"], Json::array({{{"hour", "2026-03-02 10:00:00Z"}, {"messages", 2}},
                                             {{"hour", "2026-03-02 11:00:00Z"}, {"messages", 0}},
                                             {{"hour", "2026-03-02 12:00:00Z"}, {"messages", 1}}}));

  const Json last = GetJson("/api/v1/dashboard?runs=1");
  ASSERT_EQ(last["runs"].size(), 1u);
  EXPECT_EQ(last["runs"][0]["id"], dashboard["runs"][2]["id"]);
  EXPECT_EQ(last["hours"], Json::array({{{"hour", "2026-03-02 12:00:00Z"}, {"messages", 1}}}));
}

TEST_F(DashboardRoutesTest, HoursReachBackTwoDaysAtMost) {
  Deliver(Outbound("early@cronus.example"));
  RunJobAt(kMarch2At10);
  Deliver(Outbound("late@cronus.example"));
  RunJobAt(kMarch2At10 + 72 * kHour);
  const Json hours = GetJson("/api/v1/dashboard")["hours"];
  ASSERT_EQ(hours.size(), 48u);
  EXPECT_EQ(hours.front()["hour"], "2026-03-03 11:00:00Z");
  EXPECT_EQ(hours.back(), Json({{"hour", "2026-03-05 10:00:00Z"}, {"messages", 1}}));
}

}  // namespace
}  // namespace mailtrail::web
