// Notes when the interaction log entries of each logged message become readable in
// mailtrail's SQLite database: a thread polls the database on a read-only
// connection of its own for attachments with entries that appeared since its last
// look. A look is one short read transaction; in WAL mode (which mailtrail
// uses) a reader never blocks the writer.
//
// Reads mailtrail's schema directly (attachments, interaction_log_entries): an
// attachment and its entries are committed in one transaction, so an attachment
// seen with entries means all of them are readable.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

namespace mailtrail::bench {

// The Message-ID of `message` (RFC 5322) as mailtrail keeps it: without the angle
// brackets. Throws std::runtime_error when its header has none.
std::string MessageIdOf(const std::string& message);

class EntryWatcher {
 public:
  using Clock = std::chrono::steady_clock;

  // Opens `database` read-only and starts looking every `interval`. Throws
  // std::runtime_error when it cannot be opened.
  EntryWatcher(const std::filesystem::path& database, std::chrono::milliseconds interval);
  ~EntryWatcher();
  EntryWatcher(const EntryWatcher&) = delete;
  EntryWatcher& operator=(const EntryWatcher&) = delete;

  // When the entries of the message with `message_id` (MessageIdOf) were first
  // seen; empty while they were not.
  std::optional<Clock::time_point> SeenAt(const std::string& message_id) const;
  // Why looking stopped (a query failed), or "" while it goes on.
  std::string error() const;

 private:
  void Watch(std::chrono::milliseconds interval);
  // One look; false when the query failed.
  bool Look();

  sqlite3* database_ = nullptr;
  sqlite3_stmt* new_entries_ = nullptr;
  std::int64_t last_attachment_no_ = 0;  // seen up to here
  mutable std::mutex mutex_;             // guards seen_ and error_
  std::unordered_map<std::string, Clock::time_point> seen_;
  std::string error_;
  std::atomic<bool> stop_ = false;
  std::thread thread_;
};

}  // namespace mailtrail::bench
