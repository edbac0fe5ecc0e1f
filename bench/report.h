// The benchmark's report: a Markdown section with the machine, a table of the
// contestants (rates as ratios against the baselines of the same run) and notes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "measurement.h"

namespace mailtrail::bench {

struct Report {
  std::string title;
  std::string machine;  // MachineLine()
  std::vector<Measurement> rows;
  const Measurement* per_message_baseline = nullptr;  // ratio column "vs imaplib"
  const Measurement* server_side_baseline = nullptr;  // ratio column "vs doveadm move"
  std::vector<std::string> notes;                     // Markdown lines after the table
  // The driver's own peak RSS: a child's ru_maxrss cannot be told apart below it.
  double rss_floor_mb = 0;
};

// "Machine: 2 CPUs (nproc), Intel(R) Xeon(R) Processor; Linux 6.1.0; <extra>; 2026-03-02 09:15 UTC"
std::string MachineLine(const std::string& extra);

std::string RenderMarkdown(const Report& report);

// printf-style formatting of one number, e.g. FormatNumber("%.2f", 1.5).
std::string FormatNumber(const char* format, double value);

// 1234567 -> "1,234,567"
std::string Thousands(std::int64_t number);

// Appends `section` to `file`, creating its folder. Throws std::runtime_error.
void AppendSection(const std::filesystem::path& file, const std::string& section);

}  // namespace mailtrail::bench
