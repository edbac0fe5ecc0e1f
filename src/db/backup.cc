#include "db/backup.h"

#include <fcntl.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "db/soci/migrations.h"
#include "db/soci/postgresql.h"
#include "db/soci/sqlite.h"

namespace mailtrail::db {

namespace {

namespace fs = std::filesystem;

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

Status SqliteError(const soci::soci_error& error, const std::string& action) {
  return SqliteDialect().error_status(error, action);
}

// The SQLite file `url` names; PostgreSQL has tools of its own.
Result<fs::path> SqliteFileOf(std::string_view url, std::string_view pg_tool) {
  if (IsPostgresUrl(url)) {
    return Status::FailedPrecondition(
        "mailtrail backs up and restores SQLite databases only; for PostgreSQL use " +
        std::string(pg_tool) + " (see the PostgreSQL manual).");
  }
  return SqlitePathOfUrl(url);
}

// SOCI's connection string for the SQLite file `path`, with `options`.
Result<std::string> ConnectionString(const fs::path& path, std::string_view options = "") {
  // SOCI takes the file name inside double quotes and has no escape for them.
  if (path.string().find('"') != std::string::npos) {
    return Status::InvalidArgument("The path " + Quoted(path) +
                                   " contains a double quote, which SOCI cannot pass to SQLite.");
  }
  return "db=\"" + path.string() + "\" " + std::string(options);
}

// A session on `path` for reading only, after checking that it is SQLite.
Result<std::unique_ptr<soci::session>> OpenForReading(const fs::path& path) {
  MT_RETURN_IF_ERROR(CheckDatabaseFile(path));
  MT_ASSIGN_OR_RETURN(const std::string connection, ConnectionString(path, "readonly=true"));
  try {
    return std::make_unique<soci::session>(*soci::factory_sqlite3(), connection);
  } catch (const soci::soci_error& error) {
    return SqliteError(error, "open " + Quoted(path));
  }
}

// The schema version of the SQLite database `path` after SQLite's integrity check
// passed on it. kCorruption naming the first problem the check found.
Result<int> CheckedSchemaVersion(const fs::path& path) {
  MT_ASSIGN_OR_RETURN(const std::unique_ptr<soci::session> session, OpenForReading(path));
  try {
    std::vector<std::string> problems;
    const soci::rowset<std::string> rows = (session->prepare << "PRAGMA integrity_check");
    for (const std::string& row : rows) {
      if (row != "ok") problems.push_back(row);
    }
    if (!problems.empty()) {
      return Status::Corruption(Quoted(path) + " fails SQLite's integrity check (" +
                                std::to_string(problems.size()) + " problem(s)), first: " +
                                problems.front());
    }
    return ReadSchemaVersion(*session, SqliteDialect());
  } catch (const soci::soci_error& error) {
    return SqliteError(error, "check " + Quoted(path));
  }
}

// Flushes the file or folder `path` to disk.
Status Sync(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::error_code error(errno, std::generic_category());
    if (fd >= 0) ::close(fd);
    return Status::IOError("Cannot flush " + Quoted(path) + " to disk: " + error.message() + ".");
  }
  ::close(fd);
  return Status::Ok();
}

// The folder of `file`, "." for a bare name.
fs::path FolderOf(const fs::path& file) { return file.has_parent_path() ? file.parent_path() : fs::path("."); }

bool SameFile(const fs::path& a, const fs::path& b) {
  std::error_code ignored;
  return fs::equivalent(a, b, ignored);
}

// Makes `partial` a checked copy of the database `session` is on, flushed to disk.
Status WriteCheckedCopy(soci::session& session, const fs::path& database, const fs::path& partial) {
  try {
    const std::string file = partial.string();
    session << "VACUUM INTO :file", soci::use(file);
  } catch (const soci::soci_error& error) {
    return SqliteError(error, "copy " + Quoted(database) + " to " + Quoted(partial));
  }
  MT_RETURN_IF_ERROR(CheckedSchemaVersion(partial).status());
  return Sync(partial);
}

// The exclusive lock on the database `session` is on, held until the session
// closes: no other connection may then read or write it. kFailedPrecondition when
// another connection has the database open.
Status LockExclusively(soci::session& session, const fs::path& database) {
  try {
    session << "PRAGMA locking_mode = EXCLUSIVE";
    // The first transaction takes the lock, and exclusive locking mode keeps it.
    session << "BEGIN EXCLUSIVE";
    session << "COMMIT";
    return Status::Ok();
  } catch (const soci::soci_error& error) {
    const Status status = SqliteError(error, "lock " + Quoted(database));
    if (status.code() != StatusCode::kUnavailable) return status;
    return Status::FailedPrecondition(
        "The database " + Quoted(database) +
        " is in use: stop 'mailtrail serve' (systemctl stop mailtrail) and every other mailtrail"
        " command using it, then restore again. Nothing was changed.");
  }
}

// Copies every page of `source` over the database `destination` is on, in one
// write transaction of `destination`.
Status CopyPages(soci::session& source, soci::session& destination, const fs::path& database) {
  using namespace sqlite_api;  // where SOCI's header puts <sqlite3.h>
  auto handle = [](soci::session& session) {
    return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
  };
  sqlite3* const target = handle(destination);
  sqlite3_backup* const backup = sqlite3_backup_init(target, "main", handle(source), "main");
  if (backup == nullptr) {
    return Status::IOError("Cannot restore " + Quoted(database) + ": " + sqlite3_errmsg(target) + ".");
  }
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    // backup_finish rolls back the write transaction of a copy cut off.
    const int failure = finished != SQLITE_OK ? finished : stepped;
    return Status::IOError("Cannot restore " + Quoted(database) + ": " + sqlite3_errstr(failure) +
                           ". The database is as it was before.");
  }
  return Status::Ok();
}

}  // namespace

Status BackupDatabase(std::string_view url, const fs::path& target) {
  MT_ASSIGN_OR_RETURN(const fs::path database, SqliteFileOf(url, "pg_dump"));
  std::error_code ignored;
  if (!fs::is_regular_file(database, ignored)) {
    return Status::NotFound("There is no database file " + Quoted(database) + " to back up.");
  }
  if (fs::is_directory(target, ignored)) {
    return Status::InvalidArgument(Quoted(target) + " is a folder; name the backup file in it.");
  }
  if (SameFile(database, target)) {
    return Status::InvalidArgument(Quoted(target) + " is the database itself; name another file.");
  }
  if (!fs::is_directory(FolderOf(target), ignored)) {
    return Status::NotFound("The folder " + Quoted(FolderOf(target)) + " of the backup does not exist.");
  }
  MT_ASSIGN_OR_RETURN(const std::unique_ptr<soci::session> session, ConnectSqlite(database));
  int version = 0;
  try {
    version = ReadSchemaVersion(*session, SqliteDialect());
  } catch (const soci::soci_error& error) {
    return SqliteError(error, "read " + Quoted(database));
  }
  if (version == 0) {
    return Status::FailedPrecondition("The database " + Quoted(database) +
                                      " was never initialized: there is nothing to back up.");
  }
  // VACUUM INTO writes only to a missing or empty file: a copy a backup cut off
  // left behind goes first.
  const fs::path partial = target.string() + ".partial";
  fs::remove(partial, ignored);
  if (Status copied = WriteCheckedCopy(*session, database, partial); !copied.ok()) {
    fs::remove(partial, ignored);
    return copied;
  }
  std::error_code renamed;
  fs::rename(partial, target, renamed);
  if (renamed) {
    fs::remove(partial, ignored);
    return Status::IOError("Cannot rename " + Quoted(partial) + " to " + Quoted(target) + ": " +
                           renamed.message() + ".");
  }
  return Sync(FolderOf(target));
}

Status RestoreDatabase(std::string_view url, const fs::path& backup) {
  MT_ASSIGN_OR_RETURN(const fs::path database, SqliteFileOf(url, "pg_restore"));
  std::error_code ignored;
  if (!fs::exists(backup, ignored)) return Status::NotFound("There is no backup file " + Quoted(backup) + ".");
  if (SameFile(database, backup)) {
    return Status::InvalidArgument(Quoted(backup) + " is the database itself, not a backup of it.");
  }
  MT_ASSIGN_OR_RETURN(const int version, CheckedSchemaVersion(backup));
  if (version == 0) {
    return Status::FailedPrecondition(Quoted(backup) + " is not a mailtrail database: it has no schema.");
  }
  if (version > kLatestSchemaVersion) {
    return Status::FailedPrecondition(Quoted(backup) +
                                      " was made by a newer mailtrail; restore it with that version.");
  }
  MT_ASSIGN_OR_RETURN(const std::unique_ptr<soci::session> source, OpenForReading(backup));
  MT_RETURN_IF_ERROR(CheckDatabaseFile(database));
  MT_ASSIGN_OR_RETURN(const std::string connection, ConnectionString(database));
  try {
    // No wait for locks: a `serve` holds the database open for as long as it runs.
    soci::session destination(*soci::factory_sqlite3(), connection);
    MT_RETURN_IF_ERROR(LockExclusively(destination, database));
    destination << "PRAGMA synchronous = FULL";
    MT_RETURN_IF_ERROR(CopyPages(*source, destination, database));
  } catch (const soci::soci_error& error) {
    return SqliteError(error, "restore " + Quoted(database));
  }
  return CheckedSchemaVersion(database).status();
}

}  // namespace mailtrail::db
