// SQLite through SOCI: the dialect, and opening a database file.
#pragma once

#include <soci/soci.h>

#include <filesystem>
#include <memory>

#include "common/status.h"
#include "db/database.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

const Dialect& SqliteDialect();

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
