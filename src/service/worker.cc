#include "service/worker.h"

#include "service/watch.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace mailtrail::service {
namespace {

using std::chrono::milliseconds;

// Wakes the job thread when the push thread saw new mail.
class Doorbell {
 public:
  void Ring() {
    {
      std::lock_guard lock(mutex_);
      rung_ = true;
    }
    ring_.notify_all();
  }
  // Waits up to `timeout` for a ring; true (and cleared) when there was one.
  bool Wait(milliseconds timeout) {
    std::unique_lock lock(mutex_);
    ring_.wait_for(lock, timeout, [this] { return rung_; });
    return std::exchange(rung_, false);
  }

 private:
  std::mutex mutex_;
  std::condition_variable ring_;
  bool rung_ = false;
};

// The email logging job's id while it is enabled (ready, or running somewhere).
std::optional<std::int64_t> EnabledEmailLoggingJob(db::Database& db) {
  auto job = FindEmailLoggingJob(db);
  if (!job.ok() || !*job) return std::nullopt;
  const domain::JobStatus status = (*job)->status;
  if (status != domain::JobStatus::kReady && status != domain::JobStatus::kInProcess) return std::nullopt;
  return (*job)->id;
}

// Keeps a database connection, reopening it with backoff after failures.
class Connection {
 public:
  Connection(const DatabaseOpener& open, milliseconds max_backoff, const std::atomic<bool>& stop)
      : open_(open), max_backoff_(max_backoff), stop_(stop) {}

  db::Database* Get() {
    while (!db_ && !stop_) {
      auto opened = open_();
      if (opened.ok()) {
        db_ = std::move(opened).value();
        backoff_ = std::chrono::seconds(1);
        break;
      }
      Failed(opened.status());
    }
    return db_.get();
  }

  // Logs `status`, drops the connection and waits before the next try.
  void Failed(const Status& status) {
    spdlog::error("Database: {} (retrying in {:.1f} s)", status.message(), static_cast<double>(backoff_.count()) / 1000);
    db_.reset();
    for (auto waited = milliseconds(0); waited < backoff_ && !stop_; waited += milliseconds(100)) {
      std::this_thread::sleep_for(milliseconds(100));
    }
    backoff_ = std::min(backoff_ * 2, max_backoff_);
  }

 private:
  const DatabaseOpener& open_;
  const milliseconds max_backoff_;
  const std::atomic<bool>& stop_;
  std::unique_ptr<db::Database> db_;
  milliseconds backoff_ = std::chrono::seconds(1);
};

void RunJobs(const DatabaseOpener& open, const WorkerOptions& options, const std::atomic<bool>& stop,
             Doorbell& doorbell) {
  Connection connection(open, options.max_backoff, stop);
  bool pushed = false;
  while (!stop) {
    db::Database* db = connection.Get();
    if (db == nullptr) break;
    std::optional<std::int64_t> only_job;
    if (pushed) only_job = EnabledEmailLoggingJob(*db);
    auto ran = RunDueJob(*db, options.jobs, only_job);
    if (!ran.ok()) {
      connection.Failed(ran.status());
      continue;
    }
    // A push is served once this worker ran the job; while another worker holds
    // it, try again shortly so that mail it may have missed is not left waiting.
    if (pushed && only_job && !*ran) {
      std::this_thread::sleep_for(milliseconds(200));
      continue;
    }
    pushed = false;
    if (*ran) continue;  // more may be due
    pushed = doorbell.Wait(options.poll);
  }
}

// Rings the doorbell whenever mail reaches the queue, while email logging is enabled.
void WatchForMail(const DatabaseOpener& open, const WorkerOptions& options, const std::atomic<bool>& stop,
                  Doorbell& doorbell) {
  Connection connection(open, options.max_backoff, stop);
  QueueWatcher watcher(options.jobs.pass_options.open_mail_store);
  while (!stop) {
    db::Database* db = connection.Get();
    if (db == nullptr) break;
    if (!EnabledEmailLoggingJob(*db)) {
      watcher.Disarm();
      std::this_thread::sleep_for(options.poll);
      continue;
    }
    if (!watcher.Arm(*db)) {
      std::this_thread::sleep_for(std::chrono::seconds(5));  // the job's own run reports what is wrong
      continue;
    }
    if (watcher.Wait(std::chrono::seconds(2))) doorbell.Ring();
  }
}

}  // namespace

Status RunWorker(const DatabaseOpener& open_database, const WorkerOptions& options, const std::atomic<bool>& stop) {
  if (options.jobs.worker.empty()) return Status::InvalidArgument("A worker needs a name.");
  WorkerOptions with_stop = options;
  with_stop.jobs.stop = &stop;
  Doorbell doorbell;
  std::thread watcher;
  if (options.push) watcher = std::thread([&] { WatchForMail(open_database, with_stop, stop, doorbell); });
  RunJobs(open_database, with_stop, stop, doorbell);
  if (watcher.joinable()) watcher.join();
  return Status::Ok();
}

}  // namespace mailtrail::service
