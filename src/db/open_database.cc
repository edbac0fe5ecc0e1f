#include <filesystem>
#include <string>
#include <string_view>

#include "db/database.h"
#include "db/soci/sqlite.h"

namespace mailtrail::db {

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url) {
  constexpr std::string_view kSqliteScheme = "sqlite://";
  std::string_view path = url;
  if (url.starts_with(kSqliteScheme)) {
    path.remove_prefix(kSqliteScheme.size());
  } else if (url.find("://") != std::string_view::npos) {
    return Status::InvalidArgument("Unsupported database URL '" + std::string(url) +
                                   "'. Use sqlite:///ABSOLUTE/PATH.db, sqlite://RELATIVE/PATH.db"
                                   " or a plain file path.");
  }
  if (path.empty()) return Status::InvalidArgument("The database URL names no file.");
  return OpenSqliteDatabase(std::filesystem::path(path));
}

}  // namespace mailtrail::db
