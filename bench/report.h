// The benchmarks' reports: a Markdown section with the machine, a table and notes.
// The pass benchmarks' tables list the contestants, with rates as ratios against
// contestants of the same run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "measurement.h"

namespace mailtrail::bench {

// A column of each row's messages per second divided by `baseline`'s.
struct RatioColumn {
  std::string header;  // "ratio vs imaplib"
  const Measurement* baseline = nullptr;
};

struct Report {
  std::string title;
  std::string machine;  // MachineLine()
  std::vector<Measurement> rows;
  std::vector<RatioColumn> ratios;
  std::vector<std::string> notes;  // Markdown lines after the table
  // The driver's own peak RSS: a child's ru_maxrss cannot be told apart below it.
  double rss_floor_mb = 0;
};

// "Machine: 2 CPUs (nproc), Intel(R) Xeon(R) Processor; Linux 6.1.0; <extra>; 2026-03-02 09:15 UTC"
std::string MachineLine(const std::string& extra);

std::string RenderMarkdown(const Report& report);

// The benchmark's exit status: 0 when every row is valid or could not run here
// (not available), 1 when one gave an invalid result.
int ExitStatus(const Report& report);

// The notes every pass benchmark starts with: "- Queue: N messages, X MB (seed S);
// by the processing contract: COUNTS.", then a line per contestant that ran with
// the counts it reported, what it left in storage and the server CPU it cost.
// `expected`: the corpus's counts by the processing contract.
std::vector<std::string> OutcomeNotes(const Report& report, const OutcomeCounts& expected, std::int64_t corpus_bytes,
                                      std::uint64_t seed);

// "logged 1,234 (1,300 entries), duplicate 12, ...": every outcome's count.
std::string CountsText(const OutcomeCounts& counts);

// A Markdown table: the first column left-aligned, the others (figures) right-aligned.
std::string MarkdownTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
// "## TITLE", the machine line, the table, then the notes (Markdown lines).
std::string MarkdownSection(const std::string& title, const std::string& machine, const std::string& table,
                            const std::vector<std::string>& notes);

// printf-style formatting of one number, e.g. FormatNumber("%.2f", 1.5).
std::string FormatNumber(const char* format, double value);

// 1234567 -> "1,234,567"
std::string Thousands(std::int64_t number);

// Prints `step` on stderr after the seconds since the program started: "[  12.3s] STEP".
void Progress(const std::string& step);

// Prints `section` and appends it to `file` (creating its folder), then says so
// on stderr. Throws std::runtime_error.
void PublishSection(const std::filesystem::path& file, const std::string& section);

}  // namespace mailtrail::bench
