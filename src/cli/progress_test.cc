#include "cli/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace mailtrail::cli {
namespace {

using std::chrono::seconds;

class ProgressTest : public ::testing::Test {
 protected:
  ProgressReporter Reporter(bool terminal) {
    return ProgressReporter(out_, terminal, "Relog", "messages", [this] { return now_; });
  }
  std::ostringstream out_;
  std::chrono::steady_clock::time_point now_;
};

TEST_F(ProgressTest, LineSaysCountRateAndTimeLeft) {
  ProgressReporter reporter = Reporter(false);
  reporter.Update(0, 1000);
  EXPECT_EQ(reporter.Line(), "0/1000 messages (0%)") << "no rate before any work";
  now_ += seconds(10);
  reporter.Update(250, 1000);
  EXPECT_EQ(reporter.Line(), "250/1000 messages (25%), 25.0 messages/s, 0:30 left");
  now_ += seconds(30);
  reporter.Update(1000, 1000);
  EXPECT_EQ(reporter.Line(), "1000/1000 messages (100%), 25.0 messages/s");
}

TEST_F(ProgressTest, RateCountsFromWhereAResumedRunStarted) {
  ProgressReporter reporter = Reporter(false);
  reporter.Update(9000, 10000);
  now_ += seconds(100);
  reporter.Update(9500, 10000);
  EXPECT_EQ(reporter.Line(), "9500/10000 messages (95%), 5.0 messages/s, 1:40 left");
  now_ += seconds(1);
  reporter.Update(9501, 200000);
  EXPECT_EQ(reporter.Line(), "9501/200000 messages (4%), 5.0 messages/s, 10:40:04 left") << "hours when long";
}

TEST_F(ProgressTest, PlainOutputWritesALineEveryFewSecondsAndTheLast) {
  ProgressReporter reporter = Reporter(false);
  reporter.Update(0, 30);
  for (int done = 1; done <= 30; ++done) {
    now_ += seconds(1);
    reporter.Update(done, 30);
  }
  reporter.Finish();
  std::string text = out_.str();
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  // At 0, 5, 10, 15, 20, 25 and 30 s; the last one is not written twice.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 7) << text;
  EXPECT_EQ(text.rfind("Relog: 30/30 messages (100%), 1.0 messages/s\n"), text.size() - 45) << text;
}

TEST_F(ProgressTest, TerminalOutputRedrawsOneLine) {
  ProgressReporter reporter = Reporter(true);
  reporter.Update(0, 2);
  now_ += seconds(1);
  reporter.Update(1, 2);
  now_ += seconds(1);
  reporter.Update(2, 2);
  reporter.Finish();
  EXPECT_EQ(out_.str(),
            "\rRelog: 0/2 messages (0%)\x1b[K"
            "\rRelog: 1/2 messages (50%), 1.0 messages/s, 0:01 left\x1b[K"
            "\rRelog: 2/2 messages (100%), 1.0 messages/s\x1b[K\n");
}

TEST_F(ProgressTest, NothingWrittenWithoutAnUpdate) {
  Reporter(true).Finish();
  Reporter(false).Finish();
  EXPECT_EQ(out_.str(), "");
}

}  // namespace
}  // namespace mailtrail::cli
