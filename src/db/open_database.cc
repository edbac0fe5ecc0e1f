#include <filesystem>
#include <string>
#include <string_view>

#include "db/database.h"
#include "db/soci/postgresql.h"
#include "db/soci/sqlite.h"

namespace mailtrail::db {

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url) {
  if (IsPostgresUrl(url)) {
    MT_ASSIGN_OR_RETURN(const PostgresAddress address, ParsePostgresUrl(url));
    return OpenPostgresDatabase(address);
  }
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
  return OpenSqliteDatabase(std::filesystem::path(path));
}

}  // namespace mailtrail::db
