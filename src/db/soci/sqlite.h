// SQLite through SOCI: the dialect, and opening a database file.
#pragma once

#include <soci/soci.h>

#include <filesystem>
#include <memory>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

const Dialect& SqliteDialect();

// The file an SQLite database URL names: sqlite:///ABS/PATH.db,
// sqlite://RELATIVE/PATH.db, or a plain file path. Errors: kInvalidArgument (another
// scheme, which the message names without the rest of the URL; no file).
Result<std::filesystem::path> SqlitePathOfUrl(std::string_view url);

// Checks `path` before SQLite opens it: OK when it is an SQLite database, an empty
// file, or missing in a folder that exists. Errors: kCorruption (a file of
// something else), kNotFound (its folder does not exist), kInvalidArgument (a
// folder), kIOError (unreadable).
Status CheckDatabaseFile(const std::filesystem::path& path);

// A session on the SQLite file at `path`, created when missing, set up for
// durability (WAL, synchronous=FULL: a committed transaction survives a crash or
// power loss), foreign keys and a 5 s wait for locks. An existing file is checked
// to be SQLite before SQLite opens it, so a file of something else is never
// touched. Errors: kCorruption (not an SQLite database), kNotFound (the folder
// does not exist), kInvalidArgument (a folder, or a path SOCI cannot pass on),
// kIOError, kUnavailable.
Result<std::unique_ptr<soci::session>> ConnectSqlite(const std::filesystem::path& path);

// A Database over ConnectSqlite(path). Same errors.
Result<std::unique_ptr<Database>> OpenSqliteDatabase(const std::filesystem::path& path);

}  // namespace mailtrail::db
