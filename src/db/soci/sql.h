// What SociDatabase and the migrations share: the differences between SQL
// dialects, and write transactions.
//
// Everything here runs inside SociDatabase's error translation: functions throw
// soci::soci_error when the database fails.
#pragma once

#include <soci/soci.h>

#include <string_view>

#include "common/status.h"

namespace mailtrail::db {

// The few things the supported SQL dialects spell differently. The rest of the
// SQL is written once, in the subset every supported database understands.
struct Dialect {
  // Column definition of an integer primary key the database assigns, never reusing
  // a number.
  std::string_view generated_key;
  // Starts a transaction that is going to write. It takes the write lock up front
  // where a reader that later writes could otherwise fail instead of waiting.
  std::string_view begin_write;
  // A SELECT COUNT(*) of the tables that the unqualified name :name refers to.
  std::string_view count_tables_named;
  // Run first in each migration's transaction so that programs migrating the same
  // database at once take turns; empty where begin_write already serializes writers.
  std::string_view lock_migrations;
  // Run first in the transaction that leases a job, so that leasing workers take
  // turns: each then sees which categories the others have in process. Empty
  // where begin_write already serializes writers.
  std::string_view lock_job_queue;
  // Whether ALTER TABLE can change a column's constraints (ALTER COLUMN ... DROP
  // NOT NULL). Where it cannot, a migration that changes one rebuilds the table.
  bool alters_columns;
  // The Status for a failed database call; `action` says what was being done,
  // e.g. "add the salesperson".
  Status (*error_status)(const soci::soci_error& error, std::string_view action);
};

// Runs `lock`, one of the Dialect's lock statements, unless the dialect needs none.
void TakeLock(soci::session& session, std::string_view lock);

// A write transaction; rolled back when it dies uncommitted.
class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, const Dialect& dialect);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void Commit();

 private:
  soci::session& session_;
  bool open_ = true;
};

// A savepoint inside a transaction: rolled back to (undoing what was done since,
// and on PostgreSQL clearing a failed statement's error) when it dies unreleased.
class Savepoint {
 public:
  explicit Savepoint(soci::session& session);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void Release();

 private:
  soci::session& session_;
  bool open_ = true;
};

}  // namespace mailtrail::db
