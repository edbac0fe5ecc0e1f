#include "db/soci/sqlite.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/soci/soci_database.h"

namespace mailtrail::db {

namespace {

namespace fs = std::filesystem;

// The first 16 bytes of every SQLite database file, its terminating NUL included.
constexpr char kSqliteHeader[] = "SQLite format 3";

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

StatusCode SqliteStatusCode(int result) {
  switch (result & 0xff) {  // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return StatusCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kCorruption;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return StatusCode::kIOError;
    case SQLITE_CONSTRAINT:
      return StatusCode::kFailedPrecondition;
    default:  // SQL that SQLite rejects is a bug of ours
      return StatusCode::kInternal;
  }
}

// SQLite's own message, as one sentence. SOCI puts its function name before it
// ("sqlite3_statement_backend::loadOne: UNIQUE constraint failed: ...") or, when
// opening, a sentence of its own; a person needs SQLite's part only.
std::string SqliteMessage(const soci::soci_error& error) {
  constexpr std::string_view kOpenFailed = "Cannot establish connection to the database. ";
  std::string message = error.get_error_message();
  const std::size_t colon = message.find(": ");
  if (message.starts_with("sqlite3_") && colon != std::string::npos) message.erase(0, colon + 2);
  if (message.starts_with(kOpenFailed)) message.erase(0, kOpenFailed.size());
  if (!message.ends_with('.')) message += '.';
  return message;
}

Status SqliteErrorStatus(const soci::soci_error& error, std::string_view action) {
  const auto* sqlite_error = dynamic_cast<const soci::sqlite3_soci_error*>(&error);
  const StatusCode code =
      sqlite_error != nullptr ? SqliteStatusCode(sqlite_error->result()) : StatusCode::kInternal;
  return Status(code, "Cannot " + std::string(action) + ": " + SqliteMessage(error));
}

// The first `size` bytes of the file `path` (fewer when it is shorter); nullopt
// when it is empty. Read through SQLite's own file layer, never with a descriptor
// of our own: SQLite's locks are POSIX locks, which a process loses all at once
// when it closes any descriptor of the file, and this process may have the
// database open already (serve opens it for each of its threads). Another
// program would then take itself for the last user of the database and delete
// the write-ahead log that the connections here go on writing to. SQLite's file
// layer keeps a descriptor open until the process holds no more locks on the file.
Result<std::optional<std::string>> ReadHeader(const fs::path& path, std::size_t size) {
  using namespace sqlite_api;  // where SOCI's header puts <sqlite3.h>
  const Status unreadable = Status::IOError("Cannot read " + Quoted(path) + ".");
  sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
  if (vfs == nullptr) return unreadable;
  // xOpen takes the name of a main database file as SQLite makes it.
  const std::unique_ptr<const char, void (*)(const char*)> name(
      sqlite3_create_filename(path.c_str(), "", "", 0, nullptr),
      [](const char* made) { sqlite3_free_filename(made); });
  if (name == nullptr) return unreadable;
  std::vector<std::max_align_t> storage(vfs->szOsFile / sizeof(std::max_align_t) + 1);
  auto* file = reinterpret_cast<sqlite3_file*>(storage.data());
  file->pMethods = nullptr;
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB;
  const int opened = vfs->xOpen(vfs, name.get(), file, flags, &flags);
  // The file is closed whenever xOpen set its methods, even when xOpen failed.
  const std::unique_ptr<sqlite3_file, int (*)(sqlite3_file*)> closer(
      file->pMethods != nullptr ? file : nullptr,
      [](sqlite3_file* open) { return open->pMethods->xClose(open); });
  if (opened != SQLITE_OK) return unreadable;
  sqlite3_int64 file_size = 0;
  if (file->pMethods->xFileSize(file, &file_size) != SQLITE_OK) return unreadable;
  if (file_size == 0) return std::optional<std::string>();
  std::string header(size, '\0');
  const int read = file->pMethods->xRead(file, header.data(), static_cast<int>(size), 0);
  // A short read fills the rest with zeros, which no header ends with.
  if (read != SQLITE_OK && read != SQLITE_IOERR_SHORT_READ) return unreadable;
  return std::optional<std::string>(std::move(header));
}

}  // namespace

const Dialect& SqliteDialect() {
  static constexpr Dialect kSqlite{
      // AUTOINCREMENT: the number of a deleted row is never given out again.
      .generated_key = "INTEGER PRIMARY KEY AUTOINCREMENT",
      .begin_write = "BEGIN IMMEDIATE",
      .count_tables_named =
          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :name",
      .lock_migrations = "",  // BEGIN IMMEDIATE takes the one write lock
      .lock_job_queue = "",
      .alters_columns = false,
      .error_status = SqliteErrorStatus,
  };
  return kSqlite;
}

// SQLite reports a missing folder only as "unable to open database file", and must
// never write to a file of something else.
Status CheckDatabaseFile(const fs::path& path) {
  std::error_code ignored;
  const fs::file_status status = fs::status(path, ignored);
  if (fs::is_directory(status)) {
    return Status::InvalidArgument(Quoted(path) + " is a folder, not an SQLite database.");
  }
  if (!fs::exists(status)) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ignored)) {
      return Status::NotFound("Cannot create the database " + Quoted(path) + ": the folder " +
                              Quoted(folder) + " does not exist.");
    }
    return Status::Ok();
  }
  MT_ASSIGN_OR_RETURN(const std::optional<std::string> header,
                      ReadHeader(path, sizeof kSqliteHeader));
  if (!header) return Status::Ok();  // empty: SQLite makes it a new database
  if (*header != std::string_view(kSqliteHeader, sizeof kSqliteHeader)) {
    return Status::Corruption(Quoted(path) + " is not an SQLite database.");
  }
  return Status::Ok();
}

Result<fs::path> SqlitePathOfUrl(std::string_view url) {
  constexpr std::string_view kSqliteScheme = "sqlite://";
  std::string_view path = url;
  if (url.starts_with(kSqliteScheme)) {
    path.remove_prefix(kSqliteScheme.size());
  } else if (const std::size_t scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    // The scheme only: the rest of a URL may hold a password.
    return Status::InvalidArgument(
        "Unsupported database URL scheme '" + std::string(url.substr(0, scheme_end)) +
        "'. Use sqlite:///ABSOLUTE/PATH.db, sqlite://RELATIVE/PATH.db, a plain file path,"
        " or postgresql://USER@HOST[:PORT]/DATABASE (postgres:// too).");
  }
  if (path.empty()) return Status::InvalidArgument("The database URL names no file.");
  return fs::path(path);
}

Result<std::unique_ptr<soci::session>> ConnectSqlite(const fs::path& path) {
  MT_RETURN_IF_ERROR(CheckDatabaseFile(path));
  const std::string name = path.string();
  // SOCI takes the file name inside double quotes and has no escape for them.
  if (name.find('"') != std::string::npos) {
    return Status::InvalidArgument("The database path " + Quoted(path) +
                                   " contains a double quote, which SOCI cannot pass to SQLite.");
  }
  try {
    auto session = std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=\"" + name + "\"");
    *session << "PRAGMA busy_timeout = 5000";
    std::string journal_mode;
    *session << "PRAGMA journal_mode = WAL", soci::into(journal_mode);
    if (journal_mode != "wal") {
      return Status::IOError("Cannot use write-ahead logging for " + Quoted(path) +
                             " (journal mode '" + journal_mode + "').");
    }
    *session << "PRAGMA synchronous = FULL";
    *session << "PRAGMA foreign_keys = ON";
    // A batch's multi-row statements journal every page they change so that one
    // statement can be undone alone; kept in memory, that journal costs no file I/O
    // (it was most of a pass's writes).
    *session << "PRAGMA temp_store = MEMORY";
    return session;
  } catch (const soci::soci_error& error) {
    return SqliteErrorStatus(error, "open the database " + Quoted(path));
  }
}

Result<std::unique_ptr<Database>> OpenSqliteDatabase(const fs::path& path) {
  return SociDatabase::Open(SqliteDialect(), [path] { return ConnectSqlite(path); });
}

}  // namespace mailtrail::db
