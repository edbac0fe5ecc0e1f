// Exporting interaction log entries as CSV or JSON, for the CLI's `entries
// --format csv|json` and the REST API's /entries/export alike: the fields of
// EntryJson (json_views.h), in its order and under its names. Thread-safety: as
// the Database passed in.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "common/status.h"
#include "db/database.h"

namespace mailtrail::service {

enum class ExportFormat { kCsv, kJson };

// "csv" or "json"; nullopt otherwise.
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

// How many entries one read of the database fetches while exporting.
inline constexpr std::size_t kExportPageSize = 1000;

// Writes every entry `filter` matches (its after_entry_no and limit are ignored)
// to `write`, in pieces, reading the database `page_size` (> 0) entries at a time.
// CSV: a header line of the field names, then one line per entry (CRLF, fields
// quoted where needed; booleans and numbers as JSON writes them, null as "null").
// JSON: an array of objects, one entry per line. Errors: those of the Database
// (what was written by then is incomplete).
Status ExportEntries(db::Database& db, db::EntryFilter filter, ExportFormat format,
                     const std::function<void(std::string_view)>& write, std::size_t page_size = kExportPageSize);

}  // namespace mailtrail::service
