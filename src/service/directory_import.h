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
// or "Company Name" is given, else company), "Email" (also "E-Mail"), "Company
// No" (a person's company: a contact that exists or a company of the same file),
// "Company Name" (a person's company by name when "Company No" is empty: the
// company contact of that name, ignoring case; added when there is none; an
// error when several have it), "Do Not Log" (yes/no), "Other Emails" (more
// addresses, separated by spaces, commas or semicolons: added as alt addresses
// EMAIL2, EMAIL3... unless the contact has them). Companies are added before
// persons. --update saves the name, email (as `contact set --email` does, with
// inheritance) and do-not-log mark of existing nos; their type and company must
// stay as they are. `added` counts the companies added for a Company Name too.
Result<ImportReport> ImportContactsCsv(db::Database& db, std::string_view csv, const ImportOptions& options);

// Contacts of a vCard file (4.0, 3.0, 2.1; common/vcard_reader.h), one per card,
// made into the rows ImportContactsCsv reads (contact_rows.h) and imported the
// same way: Name is FN (else N's given and family names, else ORG); Email the
// EMAIL with PREF (else the first), Other Emails the other EMAILs; Type from KIND
// (individual: person, org: company; without KIND a company when X-ABShowAs is
// COMPANY, or when FN is the ORG and N is empty; else a person); a person's ORG
// is its Company Name. A card is an existing contact when a contact has its
// email and name, or is the only contact of its type with its email: refused
// without --update, updated with it (keeping its do-not-log mark, and its type
// when the card has no KIND). Errors name the card by its BEGIN:VCARD line and
// the property: "Line N, property "KIND": ...".
Result<ImportReport> ImportContactsVcard(db::Database& db, std::string_view vcard, const ImportOptions& options);

// Whether `text` is a vCard file (its first line, after a byte order mark and
// blank lines, is BEGIN:VCARD), to import it with ImportContactsVcard.
bool LooksLikeVcard(std::string_view text);

// Every error: kInvalidArgument (the file or its rows; the message has one line
// per bad row, "Line N, column "C": ..."), those of the Database.

}  // namespace mailtrail::service
