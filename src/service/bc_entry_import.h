// Importing the interaction log entries of Business Central: its "Interaction
// Log Entries" page exported to Excel and saved as CSV, so that a company can
// bring its history along. Columns are found by their English captions (any
// order; others are ignored):
//
//   required  "Entry No.", "Contact No.", "Date"
//   optional  "Contact Company No." (default: the contact's company),
//             "Time of Interaction", "Salesperson Code", "Interaction Template
//             Code", "Interaction Group Code", "Description", "Subject"
//             (default: the description), "Information Flow" (Inbound |
//             Outbound), "Initiated By" (Us | Them), "Cost (LCY)", "Duration
//             (Min.)", "Evaluation", "Canceled", "E-Mail Logged"
//
// An entry's contact, and its salesperson when it has one, must exist. A blank
// information flow follows the initiator (them: inbound), a blank initiator
// the flow (inbound: them); both blank is outbound, by us. Imported entries
// keep their data but have no stored message. Each is remembered by its Entry
// No., so a file imported again adds only entries it did not add before (and
// never one deleted since). The file goes in whole or not at all.
// Thread-safety: as the Database passed in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "db/database.h"

namespace mailtrail::service {

// What ImportEntries records them under.
inline constexpr std::string_view kBusinessCentralSource = "business-central";

struct SpreadsheetLocale {
  // Dates with slashes are day first (31/01/2025, as British and most European
  // Excel write them) rather than month first (1/31/2025, as US Excel does).
  bool day_first = false;
};

// A date cell as Excel writes it, as YYYY-MM-DD: 2025-01-31 (also 2025/01/31),
// 1/31/2025 or 31/1/2025 (by `locale`), 31.01.2025; a two-digit year is 20YY;
// a time after the date (a space or 'T', then anything) is ignored. nullopt
// when it is none of these or no day of the calendar.
std::optional<std::string> ParseSpreadsheetDate(std::string_view text, const SpreadsheetLocale& locale);

// A time cell, as HH:MM:SS: 14:35, 14:35:07, 2:35 PM, 2:35:07 pm; fractions of
// a second are dropped; "" is 00:00:00. nullopt for anything else.
std::optional<std::string> ParseSpreadsheetTime(std::string_view text);

// A number cell: "12.5", "-3", "1,234.50" (comma as thousands separator),
// "12,5" and "1.234,50" (comma as decimal separator). The last '.' or ',' is
// the decimal separator, unless it is a ',' followed by exactly three digits
// with no '.' anywhere (1,234 is a thousand two hundred thirty-four). "" is 0.
// nullopt for anything else.
std::optional<double> ParseSpreadsheetNumber(std::string_view text);

struct BcImportReport {
  std::size_t imported = 0;          // new entries
  std::size_t already_imported = 0;  // rows imported before, skipped
};

// Errors: kInvalidArgument (the file, or its rows: one line per bad row, "Line
// N, column "C": ..."), those of the Database.
Result<BcImportReport> ImportBusinessCentralEntries(db::Database& db, std::string_view csv,
                                                    const SpreadsheetLocale& locale);

}  // namespace mailtrail::service
