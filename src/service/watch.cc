#include "service/watch.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace mailtrail::service {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Sleeps up to `duration`, waking early when `stop` is set.
void SleepUnlessStopped(milliseconds duration, milliseconds step, const std::atomic<bool>& stop) {
  const auto until = Clock::now() + duration;
  while (!stop && Clock::now() < until) {
    std::this_thread::sleep_for(std::min(step, std::chrono::duration_cast<milliseconds>(until - Clock::now())));
  }
}

// Waits until the queue changes, `options.interval` passes, or `stop` is set.
void WaitForQueueChange(QueueWatcher& watcher, const WatchOptions& options, const std::atomic<bool>& stop) {
  const auto next_pass = Clock::now() + options.interval;
  while (!stop && Clock::now() < next_pass) {
    const auto slice =
        std::min(options.stop_check, std::chrono::duration_cast<milliseconds>(next_pass - Clock::now()));
    if (!watcher.armed()) {
      SleepUnlessStopped(slice, slice, stop);  // polling: the next pass comes at the interval
      continue;
    }
    if (watcher.Wait(slice)) return;
    if (!watcher.armed()) return;  // watching failed: run a pass, which says what is wrong
  }
}

}  // namespace

bool QueueWatcher::Arm(db::Database& db) {
  if (store_) return true;
  auto setup = db.LoadSetup();
  if (!setup.ok()) return false;
  auto store = OpenStore(open_mail_store_, *setup);
  if (!store.ok() || !(*store)->WaitForChange(setup->queue_folder, milliseconds(0)).ok()) return false;
  store_ = std::move(store).value();
  folder_ = setup->queue_folder;
  return true;
}

bool QueueWatcher::Wait(milliseconds timeout) {
  auto changed = store_->WaitForChange(folder_, timeout);
  if (changed.ok()) return *changed;
  spdlog::warn("Watching the queue folder failed: {}", changed.status().message());
  store_.reset();
  return false;
}

Status WatchQueue(db::Database& db, const PassOptions& pass_options, const WatchOptions& options,
                  const std::atomic<bool>& stop) {
  QueueWatcher watcher(pass_options.open_mail_store);
  milliseconds backoff = std::chrono::seconds(1);
  while (!stop) {
    watcher.Arm(db);
    Result<PassSummary> pass = RunEmailLoggingPass(db, pass_options);
    if (options.on_pass) options.on_pass(pass);
    if (!pass.ok()) {
      watcher.Disarm();  // the store may be what failed
      spdlog::error("Email logging pass failed, retrying in {:.1f} s: {}", static_cast<double>(backoff.count()) / 1000,
                    pass.status().message());
      SleepUnlessStopped(backoff, options.stop_check, stop);
      backoff = std::min(backoff * 2, options.max_backoff);
      continue;
    }
    backoff = std::chrono::seconds(1);
    WaitForQueueChange(watcher, options, stop);
  }
  return Status::Ok();
}

}  // namespace mailtrail::service
