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

TEST(WorkerFaultTest, KilledWorkersLoseNothingAndLogNothingTwice) {
  const char* binary = std::getenv("MAILTRAIL_BIN");
  if (binary == nullptr) binary = MAILTRAIL_BINARY;
  auto server = testing::PostgresServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ASSERT_TRUE((*server)->CreateDatabase("faults").ok());
  const std::string url = (*server)->Url("faults");

  testing::TempDir temp;
  const fs::path root = temp.path() / "mail";
  for (const char* folder : {"", ".Queue", ".Storage"}) {
    for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(root / folder / sub);
  }
  for (int i = 0; i < kMessages; ++i) {
    testing::TestMessage message;
    message.from = "jim.olivo@cronus.example";
    message.to = i % 2 ? "ann.smith@adatum.example" : "info@adatum.example, ann.smith@adatum.example";
    message.message_id = "m" + std::to_string(i) + "@cronus.example";
    testing::WriteFile(root / ".Queue/new" / (std::to_string(1767225600 + i) + ".M" + std::to_string(i) + ".fault"),
                       message.Render());
  }

  auto opened = db::OpenDatabase(url);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  db::Database& db = **opened;
  ASSERT_TRUE(db.Initialize().ok());
  for (auto [key, value] : {std::pair<std::string, std::string>{"mail-store", "maildir://" + root.string()},
                            {"queue-folder", "Queue"},
                            {"storage-folder", "Storage"},
                            {"batch-size", "0"}}) {
    ASSERT_TRUE(SetSetupValue(db, key, value).ok()) << key;
  }
  ASSERT_TRUE(AddSalesperson(db, {"JO", "Jim", "jim.olivo@cronus.example"}).ok());
  auto adatum = AddContact(db, {"", domain::ContactType::kCompany, "Adatum", "info@adatum.example", ""});
  ASSERT_TRUE(adatum.ok());
  ASSERT_TRUE(AddContact(db, {"", domain::ContactType::kPerson, "Ann", "ann.smith@adatum.example", *adatum}).ok());
  auto jobs = db.ListJobs();
  ASSERT_TRUE(jobs.ok() && jobs->size() == 1u);
  domain::JobQueueEntry job = jobs->front();
  job.status = domain::JobStatus::kReady;
  job.recurrence.every_minutes = 1;
  ASSERT_TRUE(db.UpdateJob(job).ok());

  // Workers start, get killed at random moments, and start again.
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

}  // namespace
}  // namespace mailtrail::service
