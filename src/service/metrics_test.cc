#include "service/metrics.h"

#include <gtest/gtest.h>

namespace mailtrail::service {
namespace {

TEST(PassMetricsTest, CountsOutcomesPassesFailuresAndDuration) {
  PassMetrics metrics;
  metrics.RecordPass(PassSummary{.logged = 3, .entries = 4, .sensitive = 1, .duplicate = 2}, 0.25);
  metrics.RecordPass(PassSummary{.logged = 1, .entries = 1}, 0.5);
  metrics.RecordPass(Status::Unavailable("IMAP server down"), 1.0);
  const std::string text = metrics.PrometheusText();
  for (const char* line : {"mailtrail_messages_processed_total{outcome=\"logged\"} 4\n",
                           "mailtrail_messages_processed_total{outcome=\"sensitive\"} 1\n",
                           "mailtrail_messages_processed_total{outcome=\"duplicate\"} 2\n",
                           "mailtrail_messages_processed_total{outcome=\"failed\"} 0\n",
                           "mailtrail_entries_created_total 5\n", "mailtrail_passes_total 3\n",
                           "mailtrail_job_failures_total 1\n", "mailtrail_pass_duration_seconds_sum 1.750000\n",
                           "mailtrail_pass_duration_seconds_count 3\n",
                           "# TYPE mailtrail_messages_processed_total counter\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

TEST(QueueDepthTest, IsLeftOutWhenTheQueueCannotBeRead) {
  const std::string read = QueueDepthText(std::size_t{42});
  EXPECT_NE(read.find("mailtrail_mail_store_up 1\n"), std::string::npos) << read;
  EXPECT_NE(read.find("# TYPE mailtrail_queue_messages gauge\nmailtrail_queue_messages 42\n"), std::string::npos)
      << read;
  const std::string unread = QueueDepthText(Status::Unavailable("connection refused"));
  EXPECT_NE(unread.find("mailtrail_mail_store_up 0\n"), std::string::npos) << unread;
  EXPECT_EQ(unread.find("mailtrail_queue_messages"), std::string::npos) << "no made-up depth: " << unread;
}

}  // namespace
}  // namespace mailtrail::service
