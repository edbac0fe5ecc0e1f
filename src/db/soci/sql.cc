#include "db/soci/sql.h"

#include <string>

namespace mailtrail::db {

void TakeLock(soci::session& session, std::string_view lock) {
  if (!lock.empty()) session << std::string(lock);
}

WriteTransaction::WriteTransaction(soci::session& session, const Dialect& dialect)
    : session_(session) {
  session_ << std::string(dialect.begin_write);
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK";
  } catch (const soci::soci_error&) {
    // The database may have rolled back already (SQLite does on some I/O errors);
    // either way nothing of the transaction remains.
  }
}

void WriteTransaction::Commit() {
  session_ << "COMMIT";
  open_ = false;
}

Savepoint::Savepoint(soci::session& session) : session_(session) { session_ << "SAVEPOINT nested_write"; }

Savepoint::~Savepoint() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK TO SAVEPOINT nested_write";
    session_ << "RELEASE SAVEPOINT nested_write";
  } catch (const soci::soci_error&) {
    // The transaction around it failed as a whole; it is rolled back in its turn.
  }
}

void Savepoint::Release() {
  session_ << "RELEASE SAVEPOINT nested_write";
  open_ = false;
}

}  // namespace mailtrail::db
