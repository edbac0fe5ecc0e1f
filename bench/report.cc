#include "report.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace mailtrail::bench {
namespace {

const auto kStart = std::chrono::steady_clock::now();

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.starts_with("model name")) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

// A table cell must not break the row.
std::string Cell(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

std::string Ratio(const Measurement& row, const Measurement* baseline) {
  if (baseline == nullptr || !baseline->valid() || !row.valid() || baseline->MessagesPerSecond() <= 0) return "–";
  const double ratio = row.MessagesPerSecond() / baseline->MessagesPerSecond();
  // Two significant digits at least, however small the ratio.
  return FormatNumber(ratio >= 10 ? "%.0f×" : ratio >= 0.1 ? "%.2f×" : "%.2g×", ratio);
}

std::string PeakRss(const Measurement& row, double floor_mb) {
  if (row.peak_rss_mb <= floor_mb + 0.05) return "≤ " + FormatNumber("%.1f", floor_mb);
  return FormatNumber("%.1f", row.peak_rss_mb);
}

constexpr std::size_t kFigureColumns = 5;  // messages, seconds, messages/s, CPU s, peak RSS

// A row with the name and dashes for the figures.
std::vector<std::string> WithoutFigures(const std::string& name, const Report& report) {
  std::vector<std::string> cells(1 + kFigureColumns + report.ratios.size(), "–");
  cells[0] = name;
  return cells;
}

std::vector<std::string> Row(const Measurement& row, const Report& report) {
  if (!row.unavailable.empty()) {
    return WithoutFigures(row.contestant + " — not available: " + row.unavailable, report);
  }
  const std::string name = row.valid() ? row.contestant : row.contestant + " — INVALID: " + row.invalid;
  if (row.seconds <= 0) return WithoutFigures(name, report);  // did not get to run
  std::vector<std::string> cells = {name,
                                    Thousands(row.messages),
                                    FormatNumber("%.2f", row.seconds),
                                    FormatNumber("%.0f", row.MessagesPerSecond()),
                                    FormatNumber("%.2f", row.cpu_seconds),
                                    PeakRss(row, report.rss_floor_mb)};
  for (const auto& column : report.ratios) cells.push_back(Ratio(row, column.baseline));
  return cells;
}


}  // namespace

std::string CountsText(const OutcomeCounts& c) {
  return "logged " + Thousands(c.logged) + " (" + Thousands(c.entries) + " entries), duplicate " +
         Thousands(c.duplicate) + ", sensitive " + Thousands(c.sensitive) + ", invalid " + Thousands(c.invalid) +
         ", unregistered " + Thousands(c.unregistered) + ", address too long " + Thousands(c.address_too_long) +
         ", failed " + Thousands(c.failed);
}

std::string FormatNumber(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string Thousands(std::int64_t number) {
  const std::string digits = std::to_string(number < 0 ? -number : number);
  std::string grouped = number < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string MachineLine(const std::string& extra) {
  utsname system{};
  ::uname(&system);
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &parts);
  return "Machine: " + std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + " CPUs (nproc), " + CpuModel() + "; " +
         system.sysname + " " + system.release + (extra.empty() ? "" : "; " + extra) + "; " + date;
}

std::string MarkdownTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const auto line = [](const std::vector<std::string>& cells) {
    std::string text = "|";
    for (const auto& cell : cells) text += ' ' + Cell(cell) + " |";
    return text + "\n";
  };
  std::string text = line(header) + "|---|";
  for (std::size_t i = 1; i < header.size(); ++i) text += "---:|";
  text += "\n";
  for (const auto& row : rows) text += line(row);
  return text;
}

std::string MarkdownSection(const std::string& title, const std::string& machine, const std::string& table,
                            const std::vector<std::string>& notes) {
  std::string text = "## " + title + "\n\n" + machine + "\n\n" + table;
  if (!notes.empty()) text += "\n";
  for (const auto& note : notes) text += note + "\n";
  return text + "\n";
}

int ExitStatus(const Report& report) {
  for (const auto& row : report.rows) {
    if (!row.valid() && row.unavailable.empty()) return 1;
  }
  return 0;
}

std::string RenderMarkdown(const Report& report) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : report.rows) rows.push_back(Row(row, report));
  std::vector<std::string> header = {"contestant", "messages", "seconds", "messages/s", "CPU s", "peak RSS MB"};
  for (const auto& column : report.ratios) header.push_back(column.header);
  return MarkdownSection(report.title, report.machine, MarkdownTable(header, rows), report.notes);
}

std::vector<std::string> OutcomeNotes(const Report& report, const OutcomeCounts& expected, std::int64_t corpus_bytes,
                                      std::uint64_t seed) {
  std::vector<std::string> notes;
  notes.push_back("- Queue: " + Thousands(expected.Messages()) + " messages, " +
                  FormatNumber("%.1f", static_cast<double>(corpus_bytes) / (1024 * 1024)) + " MB (seed " +
                  std::to_string(seed) + "); by the processing contract: " + CountsText(expected) + ".");
  for (const auto& row : report.rows) {
    if (!row.unavailable.empty()) continue;
    std::string line = "- " + row.contestant + ": ";
    if (row.counts) {
      line += CountsText(*row.counts) + (*row.counts == expected ? "" : " (differs from the contract's counts)") + "; ";
    }
    line += Thousands(row.stored) + " " + row.stored_what;
    if (row.server_cpu_seconds) {
      line += "; Dovecot's imap processes used " + FormatNumber("%.2f", *row.server_cpu_seconds) + " CPU s serving it";
    }
    notes.push_back(line + ".");
  }
  return notes;
}

void Progress(const std::string& step) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - kStart).count();
  std::fprintf(stderr, "[%6.1fs] %s\n", elapsed, step.c_str());
}

void PublishSection(const std::filesystem::path& file, const std::string& section) {
  std::cout << section << std::flush;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::app);
  out << section;
  if (!out) throw std::runtime_error("cannot write " + file.string());
  Progress("written to " + file.string());
}

}  // namespace mailtrail::bench
