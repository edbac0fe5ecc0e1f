#include <filesystem>
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
  MT_ASSIGN_OR_RETURN(const std::filesystem::path path, SqlitePathOfUrl(url));
  return OpenSqliteDatabase(path);
}

}  // namespace mailtrail::db
