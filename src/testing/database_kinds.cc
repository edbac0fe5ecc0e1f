#include "testing/database_kinds.h"

#include "testing/postgres_server.h"

namespace mailtrail::testing {

DatabaseKind SqliteDatabase() {
  return {"SQLite", [](const std::filesystem::path& folder) -> Result<std::string> {
            return "sqlite://" + (folder / "mailtrail.db").string();
          }};
}

DatabaseKind PostgresDatabase() {
  return {"PostgreSQL", [](const std::filesystem::path&) -> Result<std::string> {
            MT_ASSIGN_OR_RETURN(PostgresServer * server, PostgresServer::Shared());
            return server->CreateFreshDatabase("mailtrail");
          }};
}

std::vector<DatabaseKind> AllDatabaseKinds() { return {SqliteDatabase(), PostgresDatabase()}; }

}  // namespace mailtrail::testing
