// Several `mailtrail serve` processes on one PostgreSQL database and one queue,
// killed with SIGKILL at random moments and restarted: every loggable message is
// stored once and logged once, the queue ends empty, and every run is in the job
// log. The real binary, a real PostgreSQL, a real Maildir.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "db/database.h"
#include "service/directory_admin.h"
#include "service/setup_keys.h"
#include "service/worker.h"
#include "testing/postgres_server.h"
#include "testing/test_util.h"

namespace mailtrail::service {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr int kMessages = 5000;
constexpr int kWorkers = 3;

pid_t StartServe(const std::string& binary, const std::string& url, int worker) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string name = "worker-" + std::to_string(worker);
    ::execl(binary.c_str(), "mailtrail", "--db", url.c_str(), "serve", "--worker", name.c_str(), "--lease", "2",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

std::size_t CountFiles(const fs::path& folder) {
  std::size_t count = 0;
  for (const char* sub : {"new", "cur"}) {
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder / sub)) ++count;
  }
  return count;
}

class WorkerFaultTest : public ::testing::Test {
 protected:
  // A PostgreSQL database with the directory and setup, a Maildir queue of
  // kMessages loggable messages, and the email logging job enabled.
  void SetUp() override {
    auto server = testing::PostgresServer::Start();
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_TRUE(server_->CreateDatabase("faults").ok());
    url_ = server_->Url("faults");
    root_ = temp_.path() / "mail";
    for (const char* folder : {"", ".Queue", ".Storage"}) {
      for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(root_ / folder / sub);
    }
    for (int i = 0; i < kMessages; ++i) {
      testing::TestMessage message;
      message.from = "jim.olivo@cronus.example";
      message.to = i % 2 ? "ann.smith@adatum.example" : "info@adatum.example, ann.smith@adatum.example";
      message.message_id = "m" + std::to_string(i) + "@cronus.example";
      testing::WriteFile(
          root_ / ".Queue/new" / (std::to_string(1767225600 + i) + ".M" + std::to_string(i) + ".fault"),
          message.Render());
    }
    auto opened = db::OpenDatabase(url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->Initialize().ok());
    for (auto [key, value] : {std::pair<std::string, std::string>{"mail-store", "maildir://" + root_.string()},
                              {"queue-folder", "Queue"},
                              {"storage-folder", "Storage"}}) {
      ASSERT_TRUE(SetSetupValue(*db_, key, value).ok()) << key;
    }
    ASSERT_TRUE(AddSalesperson(*db_, {"JO", "Jim", "jim.olivo@cronus.example"}).ok());
    auto adatum = AddContact(*db_, {"", domain::ContactType::kCompany, "Adatum", "info@adatum.example", ""});
    ASSERT_TRUE(adatum.ok());
    ASSERT_TRUE(AddContact(*db_, {"", domain::ContactType::kPerson, "Ann", "ann.smith@adatum.example", *adatum}).ok());
    auto jobs = db_->ListJobs();
    ASSERT_TRUE(jobs.ok() && jobs->size() == 1u);
    job_ = jobs->front();
    job_.status = domain::JobStatus::kReady;
    job_.recurrence.every_minutes = 1;
    ASSERT_TRUE(db_->UpdateJob(job_).ok());
  }

  std::unique_ptr<testing::PostgresServer> server_;
  std::string url_;
  testing::TempDir temp_;
  fs::path root_;
  std::unique_ptr<db::Database> db_;
  domain::JobQueueEntry job_;
};

TEST_F(WorkerFaultTest, KilledWorkersLoseNothingAndLogNothingTwice) {
  const char* binary = std::getenv("MAILTRAIL_BIN");
  if (binary == nullptr) binary = MAILTRAIL_BINARY;
  const std::string& url = url_;
  const fs::path& root = root_;
  db::Database& db = *db_;
  const domain::JobQueueEntry& job = job_;

  // Workers start, and are killed and started again.
  std::mt19937 random(20261125);
  std::vector<pid_t> workers;
  for (int w = 0; w < kWorkers; ++w) workers.push_back(StartServe(binary, url, w));
  // Each round waits until a live worker runs the job, lets it work a moment,
  // and kills it with SIGKILL; the others take the job back when its lease runs out.
  int kills = 0;
  std::set<int> dead;  // workers killed since they last started
  for (int round = 0; round < 6 && CountFiles(root / ".Queue") > 0; ++round) {
    int victim = -1;
    for (int i = 0; i < 500 && victim < 0; ++i) {
      auto running = db.GetJob(job.id);
      if (running.ok() && *running && (*running)->lease_owner.starts_with("worker-")) {
        const int owner = std::stoi((*running)->lease_owner.substr(7));
        if (!dead.contains(owner)) victim = owner;
      }
      if (victim < 0) std::this_thread::sleep_for(milliseconds(10));
    }
    if (victim < 0) break;
    std::this_thread::sleep_for(milliseconds(20 + random() % 150));
    ::kill(workers[victim], SIGKILL);
    ::waitpid(workers[victim], nullptr, 0);
    ++kills;
    workers[victim] = StartServe(binary, url, victim);
    dead.clear();
    dead.insert(victim);  // its new process has a fresh pid but the same name: skip until another leases
  }
  // Then they finish the queue (a killed worker's lease runs out after 2 s).
  for (int i = 0; i < 600 && CountFiles(root / ".Queue") > 0; ++i) std::this_thread::sleep_for(milliseconds(100));
  std::this_thread::sleep_for(milliseconds(2500));  // leases of the last victims run out and are taken back
  for (pid_t pid : workers) ::kill(pid, SIGTERM);
  for (pid_t pid : workers) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "SIGTERM stops a worker cleanly";
  }

  EXPECT_GT(kills, 0);
  EXPECT_EQ(CountFiles(root / ".Queue"), 0u) << "the queue ends empty";
  EXPECT_EQ(CountFiles(root / ".Storage"), static_cast<std::size_t>(kMessages)) << "each message stored once";
  auto entries = db.ListEntries({});
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), static_cast<std::size_t>(kMessages + kMessages / 2)) << "each logged once";
  std::set<std::pair<std::string, std::string>> distinct;
  for (const auto& e : *entries) distinct.insert({e.message_id, e.contact_no});
  EXPECT_EQ(distinct.size(), entries->size()) << "no entry twice";
  auto runs = db.ListJobRuns(job.id, 10000);
  ASSERT_TRUE(runs.ok());
  std::size_t abandoned = 0;
  for (const auto& run : *runs) {
    EXPECT_NE(run.status, domain::JobRunStatus::kRunning) << "run " << run.id << " is closed";
    abandoned += run.status == domain::JobRunStatus::kAbandoned ? 1 : 0;
  }
  EXPECT_GE(abandoned, 2u) << "workers died in the middle of runs";
  RecordProperty("kills", kills);
  RecordProperty("runs", static_cast<int>(runs->size()));
  RecordProperty("abandoned", static_cast<int>(abandoned));
}

// With the database down, runs fail with a clear error and back off; no queue
// message is touched. When it is back, the queue is logged.
TEST_F(WorkerFaultTest, DatabaseDownTouchesNoMessageAndIsRetried) {
  ASSERT_TRUE(server_->Stop().ok());
  std::atomic<bool> stop{false};
  WorkerOptions options;
  options.jobs.worker = "worker-db-down";
  options.poll = milliseconds(100);
  options.max_backoff = milliseconds(500);
  std::thread worker([&] {
    EXPECT_TRUE(RunWorker([this] { return db::OpenDatabase(url_); }, options, stop).ok());
  });
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(CountFiles(root_ / ".Queue"), static_cast<std::size_t>(kMessages)) << "no queue message touched";
  EXPECT_EQ(CountFiles(root_ / ".Storage"), 0u);
  ASSERT_TRUE(server_->Restart().ok());
  for (int i = 0; i < 300 && CountFiles(root_ / ".Queue") > 0; ++i) std::this_thread::sleep_for(milliseconds(100));
  stop = true;
  worker.join();
  EXPECT_EQ(CountFiles(root_ / ".Queue"), 0u) << "logged once the database is back";
  auto reopened = db::OpenDatabase(url_);
  ASSERT_TRUE(reopened.ok());
  auto entries = (*reopened)->ListEntries({});
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), static_cast<std::size_t>(kMessages + kMessages / 2));
}

}  // namespace
}  // namespace mailtrail::service
