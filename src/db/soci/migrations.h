// The schema's history as an ordered list of steps. Step N brings the schema from
// version N-1 to N; the table schema_version records every step applied. A
// released step is never edited: a change of schema is a new step.
//
// ApplyMigrations and ReadSchemaVersion throw soci::soci_error when the database fails.
#pragma once

#include <soci/soci.h>

#include "common/status.h"
#include "db/soci/sql.h"

namespace mailtrail::db {

// The version this program's steps bring the schema to.
inline constexpr int kLatestSchemaVersion = 12;

// The version of the schema in the database; 0 when it has none.
int ReadSchemaVersion(soci::session& session, const Dialect& dialect);

// OK when a schema at version `found` is the `expected` one. Otherwise
// kFailedPrecondition, with a message that tells the user what to do.
Status CheckSchemaVersion(int found, int expected);

// Applies the missing steps up to version `target` (tests make the schemas of
// older programs this way), each in its own transaction, so that an interrupted
// upgrade resumes where it stopped. Safe against another program migrating the
// same database at the same time. kFailedPrecondition when the schema is newer
// than this program.
// REQUIRES: 1 <= target <= kLatestSchemaVersion
Status ApplyMigrations(soci::session& session, const Dialect& dialect, int target = kLatestSchemaVersion);

}  // namespace mailtrail::db
