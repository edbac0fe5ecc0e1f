// The latency benchmark's figures and its Markdown section: per way of picking up
// new mail, the latencies from a message's APPEND to its entries being readable,
// next to what polling on a fixed interval is expected to give.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace mailtrail::bench {

struct LatencySample {
  std::string pickup;           // how `serve` picked the mail up, e.g. "push (IMAP IDLE)"
  std::size_t messages = 0;     // appended
  std::vector<double> seconds;  // latency of each message that was logged in time
  std::int64_t passes = 0;      // email logging runs of `serve` while the messages came
  std::string invalid;          // set: a message was not logged in time or serve failed, and why

  bool valid() const { return invalid.empty(); }
};

// The nearest-rank quantile: the smallest value with at least a share `q` of the
// values at or below it. REQUIRES: !values.empty(), 0 < q <= 1.
double Quantile(std::vector<double> values, double q);

struct LatencyReport {
  std::string title;
  std::string machine;  // MachineLine()
  std::vector<LatencySample> samples;
  // A row of what polling every this often is expected to give (not measured).
  std::string reference_name;
  std::chrono::minutes reference_interval{0};
  std::vector<std::string> notes;  // Markdown lines after the table
};

std::string RenderLatencyMarkdown(const LatencyReport& report);

// Latency in seconds for the table and notes: three decimals below 10 s, fewer above.
std::string FormatSeconds(double seconds);

}  // namespace mailtrail::bench
