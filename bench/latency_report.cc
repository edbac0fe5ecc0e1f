#include "latency_report.h"

#include <algorithm>
#include <cmath>

#include "report.h"

namespace mailtrail::bench {
namespace {

constexpr double kQuantiles[] = {0.5, 0.9, 0.99, 1.0};  // median, p90, p99, max

std::vector<std::string> Row(const LatencySample& sample) {
  std::vector<std::string> cells = {sample.valid() ? sample.pickup : sample.pickup + " — INVALID: " + sample.invalid,
                                    Thousands(static_cast<std::int64_t>(sample.messages)), Thousands(sample.passes)};
  for (const double q : kQuantiles) {
    cells.push_back(sample.seconds.empty() ? "–" : FormatSeconds(Quantile(sample.seconds, q)));
  }
  return cells;
}

// Mail arriving at random times waits for the next run of a job polling every T:
// its latency is uniform over [0, T], so the q-quantile is q·T.
std::vector<std::string> ReferenceRow(const LatencyReport& report) {
  const double interval = std::chrono::duration<double>(report.reference_interval).count();
  std::vector<std::string> cells = {report.reference_name, "–", "–"};
  for (const double q : kQuantiles) cells.push_back(FormatSeconds(q * interval));
  return cells;
}

}  // namespace

double Quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  // Less a hair, so that 0.99 × 200 is rank 198 whatever the rounding of 0.99.
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()) - 1e-9));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

std::string FormatSeconds(double seconds) {
  return FormatNumber(seconds < 10 ? "%.3f" : seconds < 100 ? "%.1f" : "%.0f", seconds);
}

std::string RenderLatencyMarkdown(const LatencyReport& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& sample : report.samples) rows.push_back(Row(sample));
  rows.push_back(ReferenceRow(report));
  return MarkdownSection(
      report.title, report.machine,
      MarkdownTable({"how new mail is picked up", "messages", "passes", "median s", "p90 s", "p99 s", "max s"}, rows),
      report.notes);
}

}  // namespace mailtrail::bench
