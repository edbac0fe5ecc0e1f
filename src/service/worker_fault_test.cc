// Several `mailtrail serve` processes on one PostgreSQL database and one queue,
// killed with SIGKILL at random moments and restarted: every loggable message is
// stored once and logged once, the queue ends empty, and every run is in the job
// log. The real binary, a real PostgreSQL, and the queue and storage folders in a
// real Maildir or on a real Dovecot over IMAP.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/database.h"
#include "mailstore/mail_store_backends.h"
#include "mailstore/maildir/maildir_store.h"
#include "service/directory_admin.h"
#include "service/email_logging.h"
#include "service/setup_keys.h"
#include "service/worker.h"
#include "testing/postgres_server.h"
#include "testing/test_util.h"

namespace mailtrail::service {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr int kWorkers = 3;
constexpr std::string_view kWorkerPrefix = "worker-";  // worker N is "worker-N" in the job log
constexpr int kKillRounds = 8;
// Once a killed worker's lease runs out, another takes the job back within this
// time: workers look at the job queue every second.
constexpr milliseconds kTakeBackTimeout(5000);
// How long the workers get to empty the queue once the killing stops.
constexpr milliseconds kDrainTimeout(90000);
constexpr milliseconds kQueuePoll(200);

// Where the workers find the queue and storage folders.
struct MailSite {
  std::string url;  // the setup's mail store
  mailstore::ConnectOptions credentials;
  // The Maildir++ root holding the folders on disk. The queue is filled there, as
  // a delivery agent fills it: thousands of messages in a moment, where as many
  // IMAP APPENDs would take most of the test's time.
  fs::path root;
};

struct MailSiteKind {
  std::string name;  // "Maildir", "Imap": a test-name suffix
  int messages;      // the queue's length: IMAP passes take longer
  // How long a worker's lease on the job lasts (`serve --lease`): short, so that
  // a killed worker's job is taken back soon, yet well above the time a batch
  // takes, or a live worker loses the job to another in the middle of a batch.
  std::chrono::seconds lease;
  std::function<MailSite(const fs::path& scratch)> make;
};
void PrintTo(const MailSiteKind& kind, std::ostream* out) { *out << kind.name; }

MailSite LocalMaildir(const fs::path& scratch) {
  const fs::path root = scratch / "mail";
  const Status created = mailstore::MaildirStore::CreateRoot(root.string());
  EXPECT_TRUE(created.ok()) << created.ToString();
  return {"maildir://" + root.string(), {}, root};
}

// An account of the Dovecot this program shares, over STARTTLS.
MailSite DovecotImap(const fs::path&) {
  const testing::DovecotServer& dovecot = mailstore::SharedDovecot();
  const testing::DovecotServer::User user = mailstore::NewDovecotUser();
  return {dovecot.Url(user.name),
          {.require_tls = true, .ca_file = dovecot.ca_file().string(), .password = user.password},
          dovecot.maildir(user.name)};
}

// `mailtrail serve` as worker-N, with the mail store's password in its
// environment, as an operator gives it.
pid_t StartServe(const std::string& db_url, const std::string& password, std::chrono::seconds lease, int worker) {
  const char* binary = std::getenv("MAILTRAIL_BIN");
  if (binary == nullptr) binary = MAILTRAIL_BINARY;
  const std::string name = std::string(kWorkerPrefix) + std::to_string(worker);
  const std::string lease_seconds = std::to_string(lease.count());
  std::vector<std::string> environment = {"MAILTRAIL_IMAP_PASSWORD=" + password};  // first, so it wins
  for (char** variable = environ; *variable != nullptr; ++variable) environment.emplace_back(*variable);
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execle(binary, "mailtrail", "--db", db_url.c_str(), "serve", "--worker", name.c_str(), "--lease",
             lease_seconds.c_str(), static_cast<char*>(nullptr), envp.data());
    ::_exit(127);
  }
  return pid;
}

class WorkerFaultTest : public ::testing::TestWithParam<MailSiteKind> {
 protected:
  // A PostgreSQL database with the directory and setup, a queue of messages()
  // loggable messages, and the email logging job enabled.
  void SetUp() override {
    auto server = testing::PostgresServer::Start();  // a server of its own: a test stops it
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    auto url = server_->CreateFreshDatabase("faults");
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    db_url_ = *url;

    site_ = GetParam().make(temp_.path());
    auto store = mailstore::OpenMailStore(site_.url, site_.credentials);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    for (const char* folder : {"Queue", "Storage"}) ASSERT_TRUE(store_->CreateFolder(folder).ok()) << folder;
    for (int i = 0; i < messages(); ++i) {
      testing::WriteFile(site_.root / ".Queue/new" /
                             (std::to_string(1767225600 + i) + ".M" + std::to_string(i) + ".fault"),
                         LoggableMessage(i).Render());
    }

    auto opened = db::OpenDatabase(db_url_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->Initialize().ok());
    for (auto [key, value] : {std::pair<std::string, std::string>{"mail-store", site_.url},
                              {"require-tls", site_.credentials.require_tls ? "true" : "false"},
                              {"ca-file", site_.credentials.ca_file},
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

  int messages() const { return GetParam().messages; }

  // Message i: to Ann, or (every other one) to Adatum and Ann: two entries.
  static testing::TestMessage LoggableMessage(int i) {
    testing::TestMessage message;
    message.from = "jim.olivo@cronus.example";
    message.to = i % 2 ? "ann.smith@adatum.example" : "info@adatum.example, ann.smith@adatum.example";
    message.message_id = MessageId(i);
    return message;
  }
  static std::string MessageId(int i) { return "m" + std::to_string(i) + "@cronus.example"; }

  // The messages of `folder`, as the store lists them.
  std::vector<mailstore::MessageRef> Listed(std::string_view folder) {
    auto listed = store_->ListMessages(folder, 0);
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    return listed.ok() ? *listed : std::vector<mailstore::MessageRef>{};
  }

  bool QueueEmpty() { return Listed("Queue").empty(); }

  void WaitUntilQueueEmpty() {
    for (auto waited = milliseconds(0); waited < kDrainTimeout && !QueueEmpty(); waited += kQueuePoll) {
      std::this_thread::sleep_for(kQueuePoll);
    }
  }

  // Waits until no run of the job is still running, up to `timeout`.
  void WaitUntilNoRunIsOpen(milliseconds timeout) {
    for (auto waited = milliseconds(0); waited < timeout; waited += kQueuePoll) {
      auto runs = db_->ListJobRuns(job_.id, 10000);
      if (runs.ok() && std::none_of(runs->begin(), runs->end(), [](const domain::JobRun& run) {
            return run.status == domain::JobRunStatus::kRunning;
          })) {
        return;
      }
      std::this_thread::sleep_for(kQueuePoll);
    }
  }

  // The Message-ID of each message of `folder`, read through the store, sorted.
  std::vector<std::string> MessageIds(std::string_view folder) {
    const std::vector<mailstore::MessageRef> listed = Listed(folder);
    std::vector<std::string> headers(listed.size());
    auto read = store_->ReadMessages(folder, listed, mailstore::ReadExtent::kHeader,
                                     [&headers](std::size_t index, std::string_view chunk) {
                                       headers[index].append(chunk);
                                       return true;
                                     });
    EXPECT_TRUE(read.ok()) << read.status().ToString();
    std::vector<std::string> ids;
    for (const std::string& header : headers) {
      constexpr std::string_view kField = "Message-ID: <";
      const std::size_t start = header.find(kField);
      ids.push_back(start == std::string::npos
                        ? std::string()
                        : header.substr(start + kField.size(), header.find('>', start) - start - kField.size()));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::vector<std::string> EveryMessageId() const {
    std::vector<std::string> ids;
    for (int i = 0; i < messages(); ++i) ids.push_back(MessageId(i));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::vector<domain::InteractionLogEntry> Entries(db::Database& db) {
    auto entries = db.ListEntries({});
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return entries.ok() ? *entries : std::vector<domain::InteractionLogEntry>{};
  }

  std::size_t EntriesOfEveryMessage() const { return static_cast<std::size_t>(messages() + messages() / 2); }

  testing::TempDir temp_;
  std::unique_ptr<testing::PostgresServer> server_;
  std::string db_url_;
  MailSite site_;
  std::unique_ptr<mailstore::MailStore> store_;
  std::unique_ptr<db::Database> db_;
  domain::JobQueueEntry job_;
};

TEST_P(WorkerFaultTest, KilledWorkersLoseNothingAndLogNothingTwice) {
  // Workers start, and are killed and started again.
  std::mt19937 random(20261125);
  const auto start_serve = [&](int worker) {
    return StartServe(db_url_, site_.credentials.password, GetParam().lease, worker);
  };
  std::vector<pid_t> workers;
  for (int w = 0; w < kWorkers; ++w) workers.push_back(start_serve(w));
  // Each round waits until a worker starts a run of the job, lets it work for a
  // random moment (up to half a lease: a batch or two), and kills it with SIGKILL;
  // the others take the job back when its lease runs out.
  int kills = 0;
  std::int64_t killed_run = 0;
  for (int round = 0; round < kKillRounds && !QueueEmpty(); ++round) {
    std::optional<domain::JobRun> running;
    const milliseconds timeout = GetParam().lease + kTakeBackTimeout;
    for (auto waited = milliseconds(0); waited < timeout && !running; waited += milliseconds(10)) {
      auto runs = db_->ListJobRuns(job_.id, 1);
      // A run newer than the last killed one is a live worker's.
      if (runs.ok() && !runs->empty() && runs->front().id > killed_run &&
          runs->front().status == domain::JobRunStatus::kRunning) {
        running = runs->front();
      } else {
        std::this_thread::sleep_for(milliseconds(10));
      }
    }
    if (!running) break;
    std::this_thread::sleep_for(milliseconds(20 + random() % (milliseconds(GetParam().lease).count() / 2)));
    const int victim = std::stoi(running->worker.substr(kWorkerPrefix.size()));
    ::kill(workers[victim], SIGKILL);
    ::waitpid(workers[victim], nullptr, 0);
    ++kills;
    killed_run = running->id;
    workers[victim] = start_serve(victim);
  }
  // Then they finish the queue, and the last victim's lease runs out and its run
  // is closed: a worker takes the job back within a lease and its poll (the
  // victim may have emptied the queue itself just before it was killed).
  // The pause also lets the last restarted worker finish starting up before
  // SIGTERM comes.
  WaitUntilQueueEmpty();
  std::this_thread::sleep_for(GetParam().lease + milliseconds(500));
  WaitUntilNoRunIsOpen(kTakeBackTimeout);
  for (pid_t pid : workers) ::kill(pid, SIGTERM);
  for (pid_t pid : workers) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "SIGTERM stops a worker cleanly";
  }

  EXPECT_GT(kills, 0);
  EXPECT_TRUE(QueueEmpty()) << "the queue ends empty";
  EXPECT_EQ(MessageIds("Storage"), EveryMessageId()) << "each message stored once";
  const std::vector<domain::InteractionLogEntry> entries = Entries(*db_);
  EXPECT_EQ(entries.size(), EntriesOfEveryMessage()) << "each logged once";
  std::set<std::pair<std::string, std::string>> distinct;
  for (const auto& e : entries) distinct.insert({e.message_id, e.contact_no});
  EXPECT_EQ(distinct.size(), entries.size()) << "no entry twice";
  auto runs = db_->ListJobRuns(job_.id, 10000);
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
TEST_P(WorkerFaultTest, DatabaseDownTouchesNoMessageAndIsRetried) {
  ASSERT_TRUE(server_->Stop().ok());
  std::atomic<bool> stop{false};
  WorkerOptions options;
  options.jobs.worker = "worker-db-down";
  options.jobs.pass_options.open_mail_store = [credentials = site_.credentials](const domain::Setup& setup) {
    return OpenSetupMailStore(setup, credentials);
  };
  options.poll = milliseconds(100);
  options.max_backoff = milliseconds(500);
  std::thread worker([&] {
    EXPECT_TRUE(RunWorker([this] { return db::OpenDatabase(db_url_); }, options, stop).ok());
  });
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(Listed("Queue").size(), static_cast<std::size_t>(messages())) << "no queue message touched";
  EXPECT_TRUE(Listed("Storage").empty());
  ASSERT_TRUE(server_->Restart().ok());
  WaitUntilQueueEmpty();
  stop = true;
  worker.join();
  EXPECT_TRUE(QueueEmpty()) << "logged once the database is back";
  auto reopened = db::OpenDatabase(db_url_);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(Entries(**reopened).size(), EntriesOfEveryMessage());
}

INSTANTIATE_TEST_SUITE_P(EveryStore, WorkerFaultTest,
                         ::testing::Values(MailSiteKind{"Maildir", 20000, std::chrono::seconds(5), LocalMaildir},
                                           MailSiteKind{"Imap", 5000, std::chrono::seconds(5), DovecotImap}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace mailtrail::service
