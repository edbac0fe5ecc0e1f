// Importing salespersons and contacts from CSV files (a header line naming the
// columns) and contacts from vCard files, through the same checks as adding
// them one at a time (directory_admin.h). A file is imported whole or not at
// all: one transaction, and every bad row reported at once, by line and column.
// Thread-safety: as the Database passed in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "db/database.h"

namespace mailtrail::service {

struct ImportOptions {
  // Overwrite salespersons and contacts that exist already. Without it, a file
  // naming an existing code or no is refused, and the error names each one.
  bool update = false;
};

struct ImportReport {
  std::size_t added = 0;
  std::size_t updated = 0;
};

// Salesperson columns: "Code" (required), "Name" (required), "Email" (also
// "E-Mail"). --update saves the name and email of existing codes.
Result<ImportReport> ImportSalespersonsCsv(db::Database& db, std::string_view csv, const ImportOptions& options);

// Contact columns: "Name" (required), "No" (also "No."; empty: the next of the
// CT000001 series), "Type" (company or person; empty: person when "Company No"
// is given, else company), "Email" (also "E-Mail"), "Company No" (a person's
// company: a contact that exists or a company of the same file), "Do Not Log"
// (yes/no). Companies are added before persons. --update saves the name, email
// (as `contact set --email` does, with inheritance) and do-not-log mark of
// existing nos; their type and company must stay as they are.
Result<ImportReport> ImportContactsCsv(db::Database& db, std::string_view csv, const ImportOptions& options);

// Every error: kInvalidArgument (the file or its rows; the message has one line
// per bad row, "Line N, column "C": ..."), those of the Database.

}  // namespace mailtrail::service
