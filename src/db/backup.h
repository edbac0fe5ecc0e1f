// Backing up and restoring the database, for SQLite. A PostgreSQL database is
// backed up and restored with PostgreSQL's own tools (pg_dump, pg_restore): these
// functions refuse its URLs with a message that says so.
//
// Thread-safety: free functions; each call opens connections of its own.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/status.h"

namespace mailtrail::db {

// Writes a copy of the database at `url` to the file `target`, as the database
// was at one commit even while other processes write to it (one read
// transaction: SQLite's VACUUM INTO), compacted, in one file without a
// write-ahead log. The copy is written beside `target` as TARGET.partial, passes
// SQLite's integrity check, is flushed to disk and then renamed over `target`: an
// existing `target` is replaced by a whole copy, never by part of one.
// Errors: kNotFound (no database file at `url`, or no folder for `target`),
// kFailedPrecondition (the database was never initialized; a PostgreSQL URL),
// kInvalidArgument (a URL of another kind; `target` is the database itself or a
// folder), kCorruption (the copy fails the integrity check), kIOError,
// kUnavailable.
Status BackupDatabase(std::string_view url, const std::filesystem::path& target);

// Replaces the whole content of the database at `url` (created when missing) by
// that of the file `backup`, made by BackupDatabase. Checked first, with nothing
// written: `backup` must be an SQLite database that passes the integrity check
// and holds a mailtrail schema no newer than this program's; older ones are
// copied as they are (`mailtrail init` then upgrades them). The database must be
// in use by no other connection, in this process or another (a running `mailtrail
// serve`, say): the restore holds SQLite's exclusive lock on it from the check to
// the end, and copies in one write transaction (SQLite's backup API), so a restore
// cut off anywhere leaves the database as it was before.
// Errors: kNotFound (`backup` or the database's folder missing),
// kFailedPrecondition (the database is in use; `backup` holds no mailtrail schema
// or a newer one; a PostgreSQL URL), kCorruption (`backup` is not an SQLite
// database, or fails the integrity check), kInvalidArgument (a URL of another
// kind; `backup` is the database itself), kIOError, kUnavailable.
Status RestoreDatabase(std::string_view url, const std::filesystem::path& backup);

}  // namespace mailtrail::db
