// A CSV file whose first record names its columns (its captions), read by
// caption: the order of the columns does not matter, columns nobody asked for
// are ignored, and captions match ignoring case, spaces and punctuation
// ("E-Mail" is "email", "Company No." is "company_no"). The delimiter is ','
// unless the header line has no comma and has a semicolon (Excel in locales
// whose decimal separator is the comma). Pure; no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv_reader.h"
#include "common/status.h"

namespace mailtrail::service {

// A column a reader asks for.
struct CsvColumn {
  std::string caption;                 // as errors name it, e.g. "Contact No."
  std::vector<std::string> also;       // other captions it goes by, e.g. "contact_no"
  bool required = false;
};

class CsvTable {
 public:
  // Reads `text` (the whole file) for `columns`. Errors (kInvalidArgument): the
  // CSV reader's (naming the line), text that is not UTF-8 (naming the line), no
  // header line, required columns missing (naming each), a column twice, a
  // record with non-empty fields past the header's.
  static Result<CsvTable> Read(std::string_view text, std::vector<CsvColumn> columns);
  // A table of rows made from another format: each row has one field per column,
  // in the order of `columns`. Errors name a column as `noun` "CAPTION" (e.g.
  // property "EMAIL").
  static CsvTable FromRows(std::vector<CsvColumn> columns, std::vector<CsvRecord> rows, std::string noun);

  // The records after the header.
  const std::vector<CsvRecord>& rows() const { return rows_; }
  // Whether the file has column `column` (an index into the columns asked for).
  bool Has(std::size_t column) const { return positions_[column].has_value(); }
  // The value of `column` in `row`, without the white space around it; "" when
  // the file lacks the column.
  std::string Value(const CsvRecord& row, std::size_t column) const;
  // "Line N, column "CAPTION": `message`", to report a bad value (another noun
  // than "column" for a table FromRows).
  std::string Error(const CsvRecord& row, std::size_t column, std::string_view message) const;

 private:
  std::vector<CsvColumn> columns_;
  std::vector<std::optional<std::size_t>> positions_;
  std::vector<CsvRecord> rows_;
  std::string noun_ = "column";
};

// "Line N: `message`".
std::string LineError(const CsvRecord& row, std::string_view message);

// Several row errors as one status: kInvalidArgument with one line per error
// (at most kMaxReportedErrors of them, then how many more); OK when there are none.
inline constexpr std::size_t kMaxReportedErrors = 20;
Status RowErrors(const std::vector<std::string>& errors);

// Whether `status`, returned while importing a row, is about that row (bad or
// conflicting values: reported with its line), rather than about the database.
bool IsRowError(const Status& status);

// A yes/no cell as spreadsheets and Business Central write it: yes, true, 1 or
// no, false, 0, "" (false), in any case; nullopt for anything else.
std::optional<bool> ParseYesNo(std::string_view text);

}  // namespace mailtrail::service
