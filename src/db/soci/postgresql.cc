#include "db/soci/postgresql.h"

#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <utility>

#include "db/soci/soci_database.h"

namespace mailtrail::db {

namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};
constexpr std::string_view kUrlForm = "postgresql://USER@HOST[:PORT]/DATABASE";
constexpr std::string_view kPasswordVariable = "MAILTRAIL_DATABASE_PASSWORD";

// The code for an SQLSTATE (PostgreSQL's appendix "Error Codes"), by its class
// (the first two characters) where the class says enough.
StatusCode PostgresStatusCode(std::string_view sqlstate) {
  if (sqlstate == "53100") return StatusCode::kIOError;  // disk full
  if (sqlstate == "XX001" || sqlstate == "XX002") {      // data or index corrupted
    return StatusCode::kCorruption;
  }
  const std::string_view sqlstate_class = sqlstate.substr(0, 2);
  if (sqlstate_class == "08" ||  // connection exception (SOCI: 08000 when the connection is lost)
      sqlstate_class == "40" ||  // transaction rollback: deadlock, serialization failure
      sqlstate_class == "53" ||  // insufficient resources: memory, connections
      sqlstate_class == "57" ||  // operator intervention: shutdown, query canceled
      sqlstate == "55P03") {     // lock not available
    return StatusCode::kUnavailable;
  }
  if (sqlstate_class == "23") return StatusCode::kFailedPrecondition;  // integrity constraint
  if (sqlstate_class == "58") return StatusCode::kIOError;             // system error
  return StatusCode::kInternal;  // SQL that PostgreSQL rejects is a bug of ours
}

// Removes everything up to and including `part` from `text`, when it is there.
void EraseThrough(std::string& text, std::string_view part) {
  if (const std::size_t at = text.find(part); at != std::string::npos) {
    text.erase(0, at + part.size());
  }
}

// libpq's reason, as one sentence. SOCI puts what it was doing first ("Cannot
// execute query. Fatal error. Connection failed. ", or "Cannot establish connection
// to the database.\n"); libpq puts a server location first when connecting
// ("connection to server at "HOST", port 5432 failed: "), a severity ("ERROR:  "),
// and more lines after (DETAIL, HINT), none of which a person needs here.
std::string PostgresReason(const soci::soci_error& error) {
  std::string reason = error.get_error_message();
  for (std::string_view soci_part :
       {"Cannot establish connection to the database.\n", "Fatal error. ", "Connection failed. "}) {
    EraseThrough(reason, soci_part);
  }
  reason.erase(std::min(reason.find('\n'), reason.size()));
  if (reason.starts_with("connection to server")) EraseThrough(reason, "failed: ");
  for (std::string_view severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
    if (reason.starts_with(severity)) reason.erase(0, severity.size());
  }
  if (!reason.ends_with('.')) reason += '.';
  return reason;
}

Status PostgresErrorStatus(const soci::soci_error& error, std::string_view action) {
  const auto* postgres_error = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  const StatusCode code = postgres_error != nullptr ? PostgresStatusCode(postgres_error->sqlstate())
                                                    : StatusCode::kInternal;
  return Status(code, "Cannot " + std::string(action) + ": " + PostgresReason(error));
}

// `text` with its %XX escapes decoded; nullopt when an escape is malformed.
std::optional<std::string> PercentDecoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 3 > text.size()) return std::nullopt;
    unsigned value = 0;
    const char* const end = text.data() + i + 3;
    const auto [stop, error] = std::from_chars(text.data() + i + 1, end, value, 16);
    if (error != std::errc() || stop != end) return std::nullopt;
    decoded += static_cast<char>(value);
    i += 2;
  }
  return decoded;
}

std::optional<int> ParsePort(std::string_view text) {
  int port = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, port);
  if (error != std::errc() || stop != end || port < 1 || port > 65535) return std::nullopt;
  return port;
}

// `text` with every byte but letters, digits and -._~ %XX-escaped.
std::string PercentEncoded(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += c;
    } else {
      encoded += {'%', kHex[byte >> 4], kHex[byte & 0xf]};
    }
  }
  return encoded;
}

// What libpq connects with, as a URI: SOCI splits a keyword=value connection
// string at spaces, even quoted ones. It holds the password when one is set, so it
// is never shown.
std::string ConnectionUri(const PostgresAddress& address) {
  std::string uri = "postgresql://";
  const char* const password = std::getenv(std::string(kPasswordVariable).c_str());
  const bool has_password = password != nullptr && *password != '\0';
  if (!address.user.empty() || has_password) {
    uri += PercentEncoded(address.user);
    if (has_password) uri += ":" + PercentEncoded(password);
    uri += "@";
  }
  return uri + HostAndPort(address) + "/" + PercentEncoded(address.database) +
         "?client_encoding=UTF8&connect_timeout=10&application_name=mailtrail"
         // NOTICEs ("relation ... already exists, skipping") would go to stderr.
         "&options=-c%20client_min_messages%3Dwarning";
}

}  // namespace

const Dialect& PostgresDialect() {
  static constexpr Dialect kPostgres{
      // A sequence never gives out a number twice.
      .generated_key = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
      // Read committed: rows are locked as they are written, and a writer that
      // inserts a key another one holds uncommitted waits for it, then sees it.
      .begin_write = "BEGIN",
      // Looked up as a query would, on the search path; information_schema would
      // hide a table the user has no rights on.
      .count_tables_named = "SELECT COUNT(to_regclass(:name))",
      // Held until the transaction ends. The key is "mail" in ASCII: any number
      // other programs sharing the database are unlikely to lock.
      .lock_migrations = "SELECT pg_advisory_xact_lock(1835100524)",
      // Same, with the key "mailjobs" in ASCII. Under read committed each statement
      // after it sees what the previous holder committed.
      .lock_job_queue = "SELECT pg_advisory_xact_lock(7881696737238147699)",
      .alters_columns = true,
      .error_status = PostgresErrorStatus,
  };
  return kPostgres;
}

bool IsPostgresUrl(std::string_view url) {
  for (const std::string_view scheme : kSchemes) {
    if (url.starts_with(scheme)) return true;
  }
  return false;
}

Result<PostgresAddress> ParsePostgresUrl(std::string_view url) {
  auto invalid = [url](std::string_view reason) {
    return Status::InvalidArgument("The database URL '" + std::string(url) + "' " +
                                   std::string(reason) + ". Use " + std::string(kUrlForm) + ".");
  };
  std::string_view rest = url;
  for (const std::string_view scheme : kSchemes) {
    if (rest.starts_with(scheme)) rest.remove_prefix(scheme.size());
  }
  if (rest.size() == url.size()) {
    return Status::InvalidArgument("Not a PostgreSQL URL. Use " + std::string(kUrlForm) + ".");
  }

  const std::string_view authority = rest.substr(0, rest.find('/'));
  const std::size_t at = authority.rfind('@');
  const std::string_view user_info =
      at == std::string_view::npos ? std::string_view() : authority.substr(0, at);
  if (user_info.find(':') != std::string_view::npos) {
    return Status::InvalidArgument("The database URL must not hold a password: set " +
                                   std::string(kPasswordVariable) + " (or PGPASSWORD) instead.");
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return invalid(
        "has a query or fragment; set connection options with libpq's environment"
        " variables (PGSSLMODE, ...)");
  }

  PostgresAddress address;
  std::string_view host_port = at == std::string_view::npos ? authority : authority.substr(at + 1);
  std::string_view port;
  if (host_port.starts_with('[')) {  // [IPv6]
    const std::size_t close = host_port.find(']');
    if (close == std::string_view::npos) return invalid("has a '[' without ']'");
    address.host = host_port.substr(1, close - 1);
    port = host_port.substr(close + 1);
  } else {
    const std::size_t colon = host_port.find(':');
    address.host = host_port.substr(0, colon);
    port = colon == std::string_view::npos ? std::string_view() : host_port.substr(colon);
  }
  if (address.host.empty()) return invalid("names no host");
  if (!port.empty()) {
    const std::optional<int> number =
        port.starts_with(':') ? ParsePort(port.substr(1)) : std::nullopt;
    if (!number) return invalid("has an invalid port");
    address.port = *number;
  }

  const std::optional<std::string> user = PercentDecoded(user_info);
  const std::optional<std::string> database =
      authority.size() < rest.size() ? PercentDecoded(rest.substr(authority.size() + 1))
                                     : std::string();
  if (!user || !database) return invalid("has an invalid %-escape");
  if (database->empty()) return invalid("names no database");
  if (database->find('/') != std::string::npos) return invalid("has a '/' in the database name");
  address.user = *user;
  address.database = *database;
  return address;
}

std::string HostAndPort(const PostgresAddress& address) {
  const bool ipv6 = address.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

Result<std::unique_ptr<soci::session>> ConnectPostgres(const PostgresAddress& address) {
  try {
    return std::make_unique<soci::session>(*soci::factory_postgresql(), ConnectionUri(address));
  } catch (const soci::soci_error& error) {
    return Status::Unavailable("Cannot connect to the database at " + HostAndPort(address) + ": " +
                               PostgresReason(error));
  }
}

Result<std::unique_ptr<Database>> OpenPostgresDatabase(const PostgresAddress& address) {
  return SociDatabase::Open(PostgresDialect(), [address] { return ConnectPostgres(address); });
}

}  // namespace mailtrail::db
