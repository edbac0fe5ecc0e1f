// The Job Queue through the REST API: the entries and their run logs, hold and
// resume as the CLI does them, and run now in the background of the server.
#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "web/api_test_fixture.h"

namespace mailtrail::web {
namespace {

using domain::PermissionSet;
using Json = nlohmann::json;

constexpr PermissionSet kAdmin = PermissionSet::kEmailLoggingAdmin;

// Holds back whoever waits on it until it is opened.
class Gate {
 public:
  void Open() {
    std::call_once(opened_, [this] { promise_.set_value(); });
  }
  void Wait() const { future_.wait(); }

 private:
  std::promise<void> promise_;
  std::shared_future<void> future_ = promise_.get_future().share();
  std::once_flag opened_;
};

class JobRoutesTest : public RestApiTest {
 protected:
  void TearDown() override { gate_.Open(); }  // before the starter waits for its run

  // A server of its own with `options` (jobs run by `starter`, when given).
  httplib::Client& ServeWith(ApiOptions options, std::unique_ptr<service::JobStarter> starter = nullptr) {
    own_starter_ = std::move(starter);
    if (own_starter_) {
      options.start_job_now = [starter = own_starter_.get()](std::int64_t id) { return starter->Start(id); };
    }
    auto server = HttpServer::Start("127.0.0.1", 0, std::move(options));
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    own_server_ = std::move(server).value();
    own_client_ = std::make_unique<httplib::Client>("127.0.0.1", own_server_->port());
    return *own_client_;
  }

  httplib::Result Put(httplib::Client& client, const std::string& path, const std::string& body) {
    return client.Put(path, As(kAdmin), body, "application/json");
  }
  httplib::Result RunNow(httplib::Client& client, std::int64_t id) {
    return client.Post("/api/v1/jobs/" + std::to_string(id) + "/run", As(kAdmin), "{}", "application/json");
  }

  // What GET `path` answers once `done` says it is what the test waits for (up to 20 s).
  Json WaitFor(const std::string& path, const std::function<bool(const Json&)>& done) {
    Json body;
    for (int i = 0; i < 200; ++i) {
      body = GetJson(path, kAdmin);
      if (done(body)) return body;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "waited in vain; " << path << " is " << body.dump();
    return body;
  }

  // Job 1's `nth` run (from 1), once it has ended.
  Json EndedRun(std::size_t nth) {
    const Json runs = WaitFor("/api/v1/jobs/1/runs", [nth](const Json& log) {
      return log.size() == nth && log[0]["status"] != "running";
    });
    return runs.size() == nth ? runs[0] : Json();
  }

  Gate gate_;
  std::unique_ptr<service::JobStarter> own_starter_;
  std::unique_ptr<HttpServer> own_server_;  // calls own_starter_
  std::unique_ptr<httplib::Client> own_client_;
};

TEST_F(JobRoutesTest, TheJobQueueListsTheEmailLoggingJobThatSetupCreated) {
  const Json jobs = GetJson("/api/v1/jobs", kAdmin);
  ASSERT_EQ(jobs.size(), 1u) << jobs.dump();
  EXPECT_EQ(jobs[0]["object_to_run"], "email-logging");
  EXPECT_EQ(jobs[0]["category"], "LOGGING");
  EXPECT_EQ(jobs[0]["every_minutes"], 10);
  EXPECT_EQ(jobs[0]["status"], "on hold");
  EXPECT_EQ(GetJson("/api/v1/jobs/1", kAdmin), jobs[0]);
  EXPECT_EQ(GetJson("/api/v1/jobs/1/runs", kAdmin), Json::array());

  auto missing = client_->Get("/api/v1/jobs/7", As(kAdmin));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(Json::parse(missing->body)["error"], "Job 7 does not exist.");
  EXPECT_EQ(client_->Get("/api/v1/jobs/7/runs", As(kAdmin))->status, 404);
  EXPECT_EQ(client_->Get("/api/v1/jobs/one", As(kAdmin))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/jobs/1/runs?limit=0", As(kAdmin))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/jobs/1/runs?limit=1001", As(kAdmin))->status, 400);
  EXPECT_EQ(client_->Get("/api/v1/jobs", As(PermissionSet::kRelationshipMgmt))->status, 403);
}

TEST_F(JobRoutesTest, AJobIsResumedAndPutOnHoldAsTheCliDoes) {
  auto resumed = Put(*client_, "/api/v1/jobs/1/status", R"({"value": "ready"})");
  ASSERT_TRUE(resumed);
  ASSERT_EQ(resumed->status, 200) << resumed->body;
  EXPECT_EQ(Json::parse(resumed->body)["status"], "ready");
  EXPECT_EQ(Json::parse(resumed->body)["attempts"], 0);
  auto held = Put(*client_, "/api/v1/jobs/1/status", R"({"value": "on hold"})");
  ASSERT_TRUE(held);
  ASSERT_EQ(held->status, 200) << held->body;
  EXPECT_EQ(Json::parse(held->body)["status"], "on hold");
  EXPECT_EQ(GetJson("/api/v1/jobs/1", kAdmin)["status"], "on hold");

  for (const char* body : {R"({"value": "error"})", R"({"value": "finished"})", R"({"value": true})", "{}", "[]"}) {
    SCOPED_TRACE(body);
    auto refused = Put(*client_, "/api/v1/jobs/1/status", body);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << refused->body;
  }
  EXPECT_EQ(Json::parse(Put(*client_, "/api/v1/jobs/1/status", "{}")->body)["error"],
            R"(The body is {"value": "on hold"} or {"value": "ready"}.)");
  EXPECT_EQ(Put(*client_, "/api/v1/jobs/7/status", R"({"value": "ready"})")->status, 404);
  EXPECT_EQ(GetJson("/api/v1/jobs/1", kAdmin)["status"], "on hold");
}

TEST_F(JobRoutesTest, RunNowLogsTheQueueInTheBackgroundAndTheRunShowsInTheLog) {
  Deliver(Outbound("run-now@cronus.example"));
  auto started = RunNow(*client_, 1);
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 202) << started->body;

  const Json run = EndedRun(1);
  EXPECT_EQ(run["status"], "succeeded") << run.dump();
  EXPECT_EQ(run["worker"], "web-test");
  EXPECT_EQ(run["summary"]["logged"], 1) << run.dump();
  EXPECT_EQ(run["summary"]["entries"], 1) << run.dump();
  EXPECT_NE(run["ended_at"], "");
  EXPECT_EQ(GetJson("/api/v1/entries")["entries"].size(), 6u);
  EXPECT_TRUE(Messages("Queue").empty());
  EXPECT_EQ(GetJson("/api/v1/jobs/1", kAdmin)["status"], "on hold") << "run now keeps the job's status";
  EXPECT_EQ(RunNow(*client_, 7)->status, 404);
}

TEST_F(JobRoutesTest, RunNowIsRefusedWhileTheJobOrAnotherRunNowIsRunning) {
  domain::JobQueueEntry other = domain::EmailLoggingJob(0);
  other.category = "OTHER";
  ASSERT_TRUE(db_->AddJob(other).ok());
  // Job 1's run waits at its first step, opening the mail store, until the gate opens.
  httplib::Client& client = ServeWith(
      OptionsWithoutJobs(), NewJobStarter([this, open = Opener()](const domain::Setup& setup) {
        gate_.Wait();
        return open(setup);
      }));
  Deliver(Outbound("held-back@cronus.example"));
  ASSERT_EQ(RunNow(client, 1)->status, 202);
  WaitFor("/api/v1/jobs/1", [](const Json& job) { return job["status"] == "in process"; });

  auto again = RunNow(client, 1);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(Json::parse(again->body)["error"], "Job 1 cannot run now: it or another job of its category is running.");
  auto held = Put(client, "/api/v1/jobs/1/status", R"({"value": "on hold"})");
  ASSERT_TRUE(held);
  EXPECT_EQ(held->status, 409);
  EXPECT_EQ(Json::parse(held->body)["error"], "Job 1 is running on web-test; try again when it has finished.");
  auto second = RunNow(client, 2);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409);
  EXPECT_EQ(Json::parse(second->body)["error"],
            "A job started with run now is still running in this process; try again when it has finished.");

  gate_.Open();
  const Json run = EndedRun(1);
  EXPECT_EQ(run["status"], "succeeded") << run.dump();
  EXPECT_EQ(run["summary"]["logged"], 1) << run.dump();
}

TEST_F(JobRoutesTest, ARelogJobShowsItsProgressWhileItRunsAndAfter) {
  // Storage holds the 5 messages SetUp logged and 5 that nobody did.
  for (int i = 0; i < 5; ++i) Deliver(Outbound("stored" + std::to_string(i) + "@x"), "Storage");
  auto id = db_->AddJob(domain::RelogJob(0));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const std::string runs = "/api/v1/jobs/" + std::to_string(*id) + "/runs";
  // Batches of 2, so that the relog opens its helper connections after it has
  // listed the folder; they wait until the gate opens.
  service::JobRunnerOptions jobs;
  jobs.worker = "web-test";
  jobs.pass_options.transaction_size = 2;
  jobs.pass_options.open_mail_store = [this, open = Opener(), opened = std::make_shared<std::atomic<int>>(0)](
                                          const domain::Setup& setup) {
    if (++*opened > 1) gate_.Wait();
    return open(setup);
  };
  httplib::Client& client =
      ServeWith(OptionsWithoutJobs(), std::make_unique<service::JobStarter>(
                                          [url = db_url_] { return db::OpenDatabase(url); }, jobs));
  ASSERT_EQ(RunNow(client, *id)->status, 202);

  const Json running = WaitFor(runs, [](const Json& log) { return log.size() == 1 && log[0]["progress"]["total"] == 10; });
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0]["status"], "running") << running.dump();
  EXPECT_EQ(running[0]["progress"], Json({{"done", 0}, {"total", 10}})) << running.dump();

  gate_.Open();
  const Json ended = WaitFor(runs, [](const Json& log) { return log.size() == 1 && log[0]["status"] != "running"; });
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0]["status"], "succeeded") << ended.dump();
  EXPECT_EQ(ended[0]["progress"], Json({{"done", 10}, {"total", 10}}));
  EXPECT_EQ(ended[0]["summary"]["logged"], 5);
  EXPECT_EQ(GetJson("/api/v1/jobs/" + std::to_string(*id), kAdmin)["object_to_run"], "relog");
}

TEST_F(JobRoutesTest, AProcessThatRunsNoJobsSaysSo) {
  httplib::Client& client = ServeWith(OptionsWithoutJobs());
  auto refused = RunNow(client, 1);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(Json::parse(refused->body)["error"], "This process runs no jobs.");
  EXPECT_EQ(GetJson("/api/v1/jobs/1/runs", kAdmin), Json::array());
}

}  // namespace
}  // namespace mailtrail::web
