// What one `mailtrail serve` process has done since it started, for GET /metrics
// in Prometheus's text format: messages by outcome, entries, passes and their
// duration, failed job runs. Each process counts its own passes, as Prometheus
// scrapes each process.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/status.h"
#include "service/email_logging.h"

namespace mailtrail::service {

class PassMetrics {
 public:
  // Counts one pass of the email logging job: its outcomes when it succeeded,
  // a failure when it did not; `seconds` is how long it took.
  void RecordPass(const Result<PassSummary>& pass, double seconds);

  // Counters: mailtrail_messages_processed_total{outcome}, mailtrail_entries_created_total,
  // mailtrail_passes_total, mailtrail_job_failures_total; and
  // mailtrail_pass_duration_seconds_sum / _count.
  std::string PrometheusText() const;

 private:
  std::atomic<std::int64_t> logged_{0}, entries_{0}, sensitive_{0}, never_logged_{0}, unauthenticated_{0}, address_too_long_{0}, unregistered_{0},
      duplicate_{0}, invalid_{0}, failed_messages_{0};
  std::atomic<std::int64_t> passes_{0}, failed_passes_{0};
  std::atomic<std::int64_t> pass_microseconds_{0};
};

// The queue's depth as Prometheus gauges, read at each scrape: mailtrail_queue_messages
// (the messages in the queue folder; left out when it could not be read) and
// mailtrail_mail_store_up (1 when it could, else 0).
std::string QueueDepthText(const Result<std::size_t>& queued);

}  // namespace mailtrail::service
