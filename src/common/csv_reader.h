// Reading CSV as RFC 4180 describes it and as spreadsheets write it: fields
// separated by commas (or another delimiter), records by CRLF, LF or a lone CR (old Mac exports);
// fields in double quotes may hold commas, line breaks and doubled quotes; a
// UTF-8 byte order mark at the start (Excel's "CSV UTF-8") is dropped. Empty
// lines between records are skipped. Each record carries the line it starts on,
// so that errors about its values can name it.
//
// Input may arrive in pieces of any size: the records are the same whatever the
// cuts. Thread-safety: one instance per thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace mailtrail {

// The most bytes one field may have: far beyond any name, address or subject,
// and a bound on what a broken quote can make one field swallow.
inline constexpr std::size_t kMaxCsvFieldBytes = 1 << 20;

struct CsvRecord {
  std::size_t line = 0;  // 1-based line of the input the record starts on
  std::vector<std::string> fields;
  bool operator==(const CsvRecord&) const = default;
};

class CsvReader {
 public:
  // `delimiter` separates fields: ',' as RFC 4180 says, or ';' as spreadsheets
  // write CSV where the comma is the decimal separator.
  explicit CsvReader(char delimiter = ',') : delimiter_(delimiter) {}

  // Reads the next piece of the input. Errors (kInvalidArgument, naming the
  // line): a quote inside an unquoted field, anything but a comma or a line
  // break after a closing quote, a field longer than kMaxCsvFieldBytes. After an
  // error the reader takes no more input.
  Status Feed(std::string_view piece);
  // Ends the input; a last record without a line break is complete now. Errors:
  // those of Feed, and a quoted field still open at the end (naming its line).
  Status Finish();
  // The records completed so far, handed over (the reader keeps none of them).
  std::vector<CsvRecord> TakeRecords();

 private:
  enum class State { kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  Status Consume(char c);
  Status Append(char c);
  void EndField();
  void EndRecord();
  // At a delimiter ends the field, at a line break the record too; false for any
  // other character.
  bool EndsFieldAt(char c);
  Status Fail(std::string message);

  const char delimiter_;
  State state_ = State::kRecordStart;
  std::string bom_seen_;  // bytes read while they may still be the byte order mark
  bool past_bom_ = false;
  std::size_t line_ = 1;
  char previous_ = 0;  // the byte before, to count CRLF as one line break
  std::size_t field_line_ = 1;  // where the current (quoted) field opened
  std::string field_;
  CsvRecord record_;
  std::vector<CsvRecord> done_;
  Status failed_;
};

// The records of a whole text: CsvReader fed once.
Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, char delimiter = ',');

}  // namespace mailtrail
