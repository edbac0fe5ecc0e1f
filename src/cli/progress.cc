#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace mailtrail::cli {

ProgressReporter::ProgressReporter(std::ostream& out, bool terminal, std::string what, std::string items,
                                   Clock clock, std::chrono::seconds plain_every)
    : out_(out),
      terminal_(terminal),
      what_(std::move(what)),
      items_(std::move(items)),
      clock_(std::move(clock)),
      plain_every_(plain_every) {}

std::chrono::steady_clock::time_point ProgressReporter::Now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

void ProgressReporter::Update(std::int64_t done, std::int64_t total) {
  done_ = done;
  total_ = total;
  now_ = Now();
  if (!first_) first_.emplace(now_, done);
  written_last_ = false;
  if (terminal_) {
    // Back to the line's start, and clear what a longer line left.
    out_ << '\r' << what_ << ": " << Line() << "\x1b[K" << std::flush;
    written_last_ = true;
    return;
  }
  if (written_at_ && now_ - *written_at_ < plain_every_) return;
  out_ << what_ << ": " << Line() << '\n' << std::flush;
  written_at_ = now_;
  written_last_ = true;
}

void ProgressReporter::Finish() {
  if (!first_) return;
  if (terminal_) {
    out_ << '\n' << std::flush;
  } else if (!written_last_) {
    out_ << what_ << ": " << Line() << '\n' << std::flush;
  }
}

namespace {

// "1:02:03", or "2:03" under an hour.
std::string Duration(std::int64_t seconds) {
  char text[32];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  }
  return text;
}

}  // namespace

std::string ProgressReporter::Line() const {
  std::string line = std::to_string(done_) + "/" + std::to_string(total_) + " " + items_;
  if (total_ > 0) line += " (" + std::to_string(done_ * 100 / total_) + "%)";
  if (!first_) return line;
  const double seconds = std::chrono::duration<double>(now_ - first_->first).count();
  const std::int64_t counted = done_ - first_->second;
  if (seconds <= 0 || counted <= 0) return line;
  const double rate = static_cast<double>(counted) / seconds;
  char rate_text[64];
  std::snprintf(rate_text, sizeof rate_text, ", %.1f %s/s", rate, items_.c_str());
  line += rate_text;
  if (done_ < total_) {
    line += ", " + Duration(static_cast<std::int64_t>(static_cast<double>(total_ - done_) / rate + 0.5)) + " left";
  }
  return line;
}

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace mailtrail::cli
