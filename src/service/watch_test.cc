#include "service/watch.h"

#include <gtest/gtest.h>

#include <thread>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

using std::chrono::milliseconds;

class WatchTest : public LoggingFixture, public ::testing::WithParamInterface<mailstore::BackendKind> {
 protected:
  const mailstore::BackendKind& Kind() const override { return GetParam(); }

  // Runs WatchQueue on its own thread, with its own database connection.
  void StartWatching() {
    auto opened = db::OpenDatabase(db_url_);
    ASSERT_TRUE(opened.ok());
    watch_db_ = std::move(opened).value();
    WatchOptions options;
    options.interval = std::chrono::hours(1);  // only a change may trigger a pass
    options.stop_check = milliseconds(50);
    options.max_backoff = milliseconds(200);
    options.on_pass = [this](const Result<PassSummary>& pass) {
      (pass.ok() ? passes_ : failures_)++;
    };
    PassOptions pass_options;
    pass_options.open_mail_store = Opener();
    thread_ = std::thread([this, options, pass_options] {
      EXPECT_TRUE(WatchQueue(*watch_db_, pass_options, options, stop_).ok());
    });
  }

  void TearDown() override {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // Polls for a condition with a generous limit: what is measured is that it
  // happens at all without the interval passing; latency belongs to benchmarks.
  template <typename Condition>
  bool Eventually(Condition condition) {
    for (int i = 0; i < 400 && !condition(); ++i) std::this_thread::sleep_for(milliseconds(25));
    return condition();
  }

  std::unique_ptr<db::Database> watch_db_;
  std::atomic<bool> stop_{false};
  std::atomic<int> passes_{0};
  std::atomic<int> failures_{0};
  std::thread thread_;
};

TEST_P(WatchTest, NewMailIsLoggedWithoutWaitingForTheInterval) {
  Deliver(Outbound("before@cronus.example"));
  StartWatching();
  ASSERT_TRUE(Eventually([&] { return Entries().size() == 1; })) << "the first pass runs at once";
  Deliver(Outbound("after@cronus.example"));
  ASSERT_TRUE(Eventually([&] { return Entries().size() == 2; })) << "a delivery wakes the watcher";
  EXPECT_TRUE(Messages("Queue").empty());
  EXPECT_EQ(failures_, 0);
}

TEST_P(WatchTest, FailingPassesAreRetriedUntilTheSetupWorks) {
  Set("queue-folder", "Missing");
  Deliver(Outbound());
  StartWatching();
  ASSERT_TRUE(Eventually([&] { return failures_ >= 2; })) << "retried with backoff";
  Set("queue-folder", "Queue");
  ASSERT_TRUE(Eventually([&] { return Entries().size() == 1; }));
}

TEST_P(WatchTest, StopsPromptly) {
  StartWatching();
  ASSERT_TRUE(Eventually([&] { return passes_ >= 1; }));
  stop_ = true;
  thread_.join();
  EXPECT_GE(passes_, 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, WatchTest, ::testing::ValuesIn(mailstore::AllBackendKinds()), KindName);

}  // namespace
}  // namespace mailtrail::service
