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

// A store connection of its own for watching the queue (IMAP IDLE occupies it),
// armed so that mail arriving during the next pass is noticed. nullptr when the
// store cannot be opened; the pass then finds out what is wrong.
std::unique_ptr<mailstore::MailStore> ArmWatcher(db::Database& db, const PassOptions& pass_options) {
  auto setup = db.LoadSetup();
  if (!setup.ok()) return nullptr;
  auto store = OpenStore(pass_options.open_mail_store, *setup);
  if (!store.ok() || !(*store)->WaitForChange(setup->queue_folder, milliseconds(0)).ok()) return nullptr;
  return std::move(store).value();
}

// Waits until the queue changes, `options.interval` passes, or `stop` is set.
// Drops the watcher when watching fails.
void WaitForQueueChange(db::Database& db, const WatchOptions& options, const std::atomic<bool>& stop,
                        std::unique_ptr<mailstore::MailStore>& watcher) {
  auto setup = db.LoadSetup();
  const auto next_pass = Clock::now() + options.interval;
  while (!stop && Clock::now() < next_pass) {
    const auto slice =
        std::min(options.stop_check, std::chrono::duration_cast<milliseconds>(next_pass - Clock::now()));
    if (!watcher || !setup.ok()) {
      SleepUnlessStopped(slice, slice, stop);  // polling: the next pass comes at the interval
      continue;
    }
    auto changed = watcher->WaitForChange(setup->queue_folder, slice);
    if (!changed.ok()) {
      spdlog::warn("Watching the queue folder failed: {}", changed.status().message());
      watcher.reset();
      return;
    }
    if (*changed) return;
  }
}

}  // namespace

Status WatchQueue(db::Database& db, const PassOptions& pass_options, const WatchOptions& options,
                  const std::atomic<bool>& stop) {
  std::unique_ptr<mailstore::MailStore> watcher;
  milliseconds backoff = std::chrono::seconds(1);
  while (!stop) {
    if (!watcher) watcher = ArmWatcher(db, pass_options);
    Result<PassSummary> pass = RunEmailLoggingPass(db, pass_options);
    if (options.on_pass) options.on_pass(pass);
    if (!pass.ok()) {
      watcher.reset();  // the store may be what failed
      spdlog::error("Email logging pass failed, retrying in {:.1f} s: {}", static_cast<double>(backoff.count()) / 1000,
                    pass.status().message());
      SleepUnlessStopped(backoff, options.stop_check, stop);
      backoff = std::min(backoff * 2, options.max_backoff);
      continue;
    }
    backoff = std::chrono::seconds(1);
    WaitForQueueChange(db, options, stop, watcher);
  }
  return Status::Ok();
}

}  // namespace mailtrail::service
