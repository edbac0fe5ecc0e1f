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

}  // namespace mailtrail::db
