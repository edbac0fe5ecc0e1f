// PostgreSQL through SOCI: the dialect, database URLs, and connecting to a server.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/database.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

const Dialect& PostgresDialect();

// Where a PostgreSQL database is: the parts of its URL.
struct PostgresAddress {
  std::string user;  // empty: libpq's default (PGUSER, else the login name)
  std::string host;  // a name or an IP address; IPv6 without brackets
  int port = 5432;
  std::string database;
};

// Whether `url` starts with postgresql:// or postgres://.
bool IsPostgresUrl(std::string_view url);

// Parses postgresql://[USER@]HOST[:PORT]/DATABASE or postgres://… . USER and
// DATABASE may hold %XX escapes; an IPv6 HOST is written in brackets.
// A password in the URL is refused: URLs show in command lines, process lists and
// logs, so the password comes from the environment (see ConnectPostgres). Error
// messages never repeat a URL that holds one.
// Errors: kInvalidArgument (not of that form; a password, a query or a fragment).
Result<PostgresAddress> ParsePostgresUrl(std::string_view url);

// "HOST:PORT", or "[HOST]:PORT" for IPv6: how messages name a server.
std::string HostAndPort(const PostgresAddress& address);

// A session on the database at `address`, exchanging text as UTF-8. The password,
// when the server asks for one, is MAILTRAIL_DATABASE_PASSWORD when set, else what
// libpq finds itself: PGPASSWORD, then ~/.pgpass. libpq's other environment
// variables (PGSSLMODE, PGSSLROOTCERT, ...) apply. Connecting gives up after 10 s.
// Errors: kUnavailable "Cannot connect to the database at HOST:PORT: REASON." for
// every failure (refused, unreachable, authentication failed, no such database);
// the message never holds the password.
Result<std::unique_ptr<soci::session>> ConnectPostgres(const PostgresAddress& address);

// A Database over ConnectPostgres(address), which connects again when it finds the
// connection lost (see soci_database.h). Same errors.
Result<std::unique_ptr<Database>> OpenPostgresDatabase(const PostgresAddress& address);

}  // namespace mailtrail::db
