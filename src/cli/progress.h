// Reports how far a long piece of work got, for a person watching: on a terminal
// one line redrawn in place (count of total, items per second, time left);
// elsewhere (a log file, a pipe) a plain line every few seconds and one at the end.
//
// Thread-safety: one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>

namespace mailtrail::cli {

class ProgressReporter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // Writes to `out`, which the caller keeps alive; `what` names the work and
  // `items` what it counts ("Relog", "messages"). `clock`: default steady_clock.
  ProgressReporter(std::ostream& out, bool terminal, std::string what, std::string items, Clock clock = {},
                   std::chrono::seconds plain_every = std::chrono::seconds(5));

  // `done` of `total` now. The rate counts from the first update, so that work
  // resumed past a start is not counted as done in no time.
  void Update(std::int64_t done, std::int64_t total);
  // The last state, ended with a line break (terminal) or written once more
  // (plain) unless it was just written.
  void Finish();

  // "120/500 messages (24%), 35.2 messages/s, 0:11 left"; the rate and time left
  // only once known.
  std::string Line() const;

 private:
  std::chrono::steady_clock::time_point Now() const;

  std::ostream& out_;
  const bool terminal_;
  const std::string what_;
  const std::string items_;
  const Clock clock_;
  const std::chrono::seconds plain_every_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
  std::optional<std::pair<std::chrono::steady_clock::time_point, std::int64_t>> first_;  // time, done
  std::chrono::steady_clock::time_point now_;
  std::optional<std::chrono::steady_clock::time_point> written_at_;
  bool written_last_ = false;  // the last state is the one on the screen or in the log
};

// Whether standard error is a terminal (the progress line goes there).
bool StderrIsTerminal();

}  // namespace mailtrail::cli
