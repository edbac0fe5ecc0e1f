#include "entry_watcher.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mailtrail::bench {
namespace {

constexpr char kNewEntries[] =
    "SELECT a.attachment_no, a.message_id FROM attachments a"
    " WHERE a.attachment_no > ?1"
    "   AND EXISTS (SELECT 1 FROM interaction_log_entries e WHERE e.attachment_no = a.attachment_no)"
    " ORDER BY a.attachment_no";

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::string MessageIdOf(const std::string& message) {
  const std::string header = '\n' + Lower(message.substr(0, message.find("\n\n")));
  const std::size_t field = header.find("\nmessage-id:");
  const std::size_t open = field == std::string::npos ? field : header.find('<', field);
  const std::size_t close = open == std::string::npos ? open : header.find('>', open);
  if (close == std::string::npos) throw std::runtime_error("a corpus message has no Message-ID");
  // Positions in `header` are one past those in `message`.
  return message.substr(open, close - open - 1);
}

EntryWatcher::EntryWatcher(const std::filesystem::path& database, std::chrono::milliseconds interval) {
  if (sqlite3_open_v2(database.c_str(), &database_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(database_, kNewEntries, -1, &new_entries_, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(database_);
    sqlite3_close(database_);
    throw std::runtime_error("cannot read " + database.string() + ": " + why);
  }
  thread_ = std::thread([this, interval] { Watch(interval); });
}

EntryWatcher::~EntryWatcher() {
  stop_ = true;
  thread_.join();
  sqlite3_finalize(new_entries_);
  sqlite3_close(database_);
}

std::optional<EntryWatcher::Clock::time_point> EntryWatcher::SeenAt(const std::string& message_id) const {
  std::lock_guard lock(mutex_);
  const auto found = seen_.find(message_id);
  if (found == seen_.end()) return std::nullopt;
  return found->second;
}

std::string EntryWatcher::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void EntryWatcher::Watch(std::chrono::milliseconds interval) {
  while (!stop_ && Look()) std::this_thread::sleep_for(interval);
}

bool EntryWatcher::Look() {
  // Just before the read transaction starts (with the first step): what it finds
  // was committed by then, at most one interval and one look earlier.
  const Clock::time_point now = Clock::now();
  sqlite3_bind_int64(new_entries_, 1, last_attachment_no_);
  std::vector<std::pair<std::int64_t, std::string>> found;
  int result;
  while ((result = sqlite3_step(new_entries_)) == SQLITE_ROW) {
    const auto* message_id = reinterpret_cast<const char*>(sqlite3_column_text(new_entries_, 1));
    found.emplace_back(sqlite3_column_int64(new_entries_, 0), message_id == nullptr ? "" : message_id);
  }
  sqlite3_reset(new_entries_);
  // A reader in WAL mode is refused now and then (e.g. while the writer restarts
  // the log); the next look sees the same rows.
  if (result == SQLITE_BUSY || result == SQLITE_LOCKED) return true;
  std::lock_guard lock(mutex_);
  if (result != SQLITE_DONE) {
    error_ = std::string("reading the entries failed: ") + sqlite3_errmsg(database_);
    return false;
  }
  for (const auto& [attachment_no, message_id] : found) {
    seen_.emplace(message_id, now);
    last_attachment_no_ = attachment_no;
  }
  return true;
}

}  // namespace mailtrail::bench
