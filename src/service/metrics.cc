#include "service/metrics.h"

#include <cstdio>
#include <utility>

namespace mailtrail::service {

void PassMetrics::RecordPass(const Result<PassSummary>& pass, double seconds) {
  passes_ += 1;
  pass_microseconds_ += static_cast<std::int64_t>(seconds * 1e6);
  if (!pass.ok()) {
    failed_passes_ += 1;
    return;
  }
  logged_ += pass->logged;
  entries_ += pass->entries;
  sensitive_ += pass->sensitive;
  never_logged_ += pass->never_logged;
  unauthenticated_ += pass->unauthenticated;
  address_too_long_ += pass->address_too_long;
  unregistered_ += pass->unregistered;
  duplicate_ += pass->duplicate;
  invalid_ += pass->invalid;
  failed_messages_ += pass->failed;
}

std::string PassMetrics::PrometheusText() const {
  std::string text =
      "# HELP mailtrail_messages_processed_total Queue messages processed by this process, by outcome.\n"
      "# TYPE mailtrail_messages_processed_total counter\n";
  for (const auto& [outcome, count] :
       {std::pair{"logged", &logged_}, {"sensitive", &sensitive_}, {"never_logged", &never_logged_},
        {"address_too_long", &address_too_long_},
        {"unregistered", &unregistered_}, {"duplicate", &duplicate_}, {"invalid", &invalid_},
        {"unauthenticated", &unauthenticated_}, {"failed", &failed_messages_}}) {
    text += "mailtrail_messages_processed_total{outcome=\"" + std::string(outcome) + "\"} " +
            std::to_string(count->load()) + "\n";
  }
  char duration[64];
  std::snprintf(duration, sizeof duration, "%.6f", static_cast<double>(pass_microseconds_.load()) / 1e6);
  text += "# HELP mailtrail_entries_created_total Interaction log entries created by this process.\n"
          "# TYPE mailtrail_entries_created_total counter\n"
          "mailtrail_entries_created_total " + std::to_string(entries_.load()) + "\n" +
          "# HELP mailtrail_passes_total Email logging passes run by this process.\n"
          "# TYPE mailtrail_passes_total counter\n"
          "mailtrail_passes_total " + std::to_string(passes_.load()) + "\n" +
          "# HELP mailtrail_job_failures_total Email logging job runs that failed.\n"
          "# TYPE mailtrail_job_failures_total counter\n"
          "mailtrail_job_failures_total " + std::to_string(failed_passes_.load()) + "\n" +
          "# HELP mailtrail_pass_duration_seconds Time the passes took.\n"
          "# TYPE mailtrail_pass_duration_seconds summary\n"
          "mailtrail_pass_duration_seconds_sum " + duration + "\n" +
          "mailtrail_pass_duration_seconds_count " + std::to_string(passes_.load()) + "\n";
  return text;
}

std::string QueueDepthText(const Result<std::size_t>& queued) {
  std::string text =
      "# HELP mailtrail_mail_store_up Whether the queue folder could be read at this scrape.\n"
      "# TYPE mailtrail_mail_store_up gauge\n"
      "mailtrail_mail_store_up " + std::string(queued.ok() ? "1" : "0") + "\n";
  if (queued.ok()) {
    text += "# HELP mailtrail_queue_messages Messages waiting in the queue folder.\n"
            "# TYPE mailtrail_queue_messages gauge\n"
            "mailtrail_queue_messages " + std::to_string(*queued) + "\n";
  }
  return text;
}

}  // namespace mailtrail::service
