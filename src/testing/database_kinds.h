// Databases for parameterized tests: each kind makes a new, empty database per
// call, so tests stay independent.
//
// Kinds: SQLite, a file in a folder the test owns; PostgreSQL, a new database on
// the server this program shares (PostgresServer::Shared), started by the first
// test that needs it and stopped when the program exits.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"

namespace mailtrail::testing {

struct DatabaseKind {
  std::string name;  // "SQLite", "PostgreSQL": a test-name suffix
  // The URL of a new, empty database; SQLite puts its file into `folder`.
  // Errors: kUnavailable (PostgreSQL did not start, or refused the database).
  std::function<Result<std::string>(const std::filesystem::path& folder)> new_database;
};
inline void PrintTo(const DatabaseKind& kind, std::ostream* out) { *out << kind.name; }

DatabaseKind SqliteDatabase();
DatabaseKind PostgresDatabase();
// SQLite and PostgreSQL.
std::vector<DatabaseKind> AllDatabaseKinds();

}  // namespace mailtrail::testing
