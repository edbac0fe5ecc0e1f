// The rows a contact import reads, whatever the file: the columns of a contact
// CSV file, and the cards of a vCard file made into rows of the same columns,
// so that one path (directory_import.cc) checks and saves them. Pure; no I/O.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "service/csv_table.h"

namespace mailtrail::service {

// The columns, in the order of the row fields of a table from VcardContactRows.
enum ContactColumn {
  kContactNo,
  kContactType,
  kContactName,
  kContactEmail,
  kContactCompanyNo,
  kContactDoNotLog,
  kContactCompanyName,
  kContactOtherEmails,
};

// The columns of a contact CSV file, by their captions (directory_import.h).
std::vector<CsvColumn> ContactCsvColumns();

// One row per card of `vcard`, the row's line that of its BEGIN:VCARD; errors
// about a row name the card's property. `existing` are the contacts there are: a
// card whose email one of them has, with the card's name (or as the only
// contact of the card's type with that email), gets its no (and keeps its
// do-not-log mark; its type too when the card has no KIND).
// Errors (kInvalidArgument): the VcardReader's, a file without cards.
Result<CsvTable> VcardContactRows(std::string_view vcard, const std::vector<domain::Contact>& existing);

// The addresses of an "Other Emails" value: separated by spaces, commas or semicolons.
std::vector<std::string> OtherEmails(std::string_view value);

}  // namespace mailtrail::service
