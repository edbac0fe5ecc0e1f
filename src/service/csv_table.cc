#include "service/csv_table.h"

#include <glib.h>

#include <algorithm>
#include <utility>


namespace mailtrail::service {
namespace {

// A caption as it is compared: ASCII letters and digits, lower case.
std::string CaptionKey(std::string_view caption) {
  std::string key;
  for (const char c : caption) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key.push_back(c);
    if (c >= 'A' && c <= 'Z') key.push_back(static_cast<char>(c - 'A' + 'a'));
  }
  return key;
}

std::string_view Trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

char Delimiter(std::string_view text) {
  const std::string_view header = text.substr(0, text.find_first_of("\r\n"));
  return header.find(',') == std::string_view::npos && header.find(';') != std::string_view::npos ? ';' : ',';
}

bool IsUtf8(const std::string& text) { return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr); }

}  // namespace

Result<CsvTable> CsvTable::Read(std::string_view text, std::vector<CsvColumn> columns) {
  MT_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ReadCsv(text, Delimiter(text)));
  for (const CsvRecord& record : records) {
    if (!std::all_of(record.fields.begin(), record.fields.end(), IsUtf8)) {
      return Status::InvalidArgument(LineError(record, "the text is not UTF-8; save the file as \"CSV UTF-8\"."));
    }
  }
  if (records.empty()) return Status::InvalidArgument("The file is empty: it needs a header line naming its columns.");
  CsvTable table;
  const CsvRecord& header = records.front();
  table.positions_.resize(columns.size());
  std::vector<std::string> missing;
  for (std::size_t column = 0; column < columns.size(); ++column) {
    std::vector<std::string> keys = {CaptionKey(columns[column].caption)};
    for (const std::string& other : columns[column].also) keys.push_back(CaptionKey(other));
    for (std::size_t position = 0; position < header.fields.size(); ++position) {
      if (std::find(keys.begin(), keys.end(), CaptionKey(header.fields[position])) == keys.end()) continue;
      if (table.positions_[column]) {
        return Status::InvalidArgument(
            LineError(header, "the column \"" + columns[column].caption + "\" is there twice."));
      }
      table.positions_[column] = position;
    }
    if (columns[column].required && !table.positions_[column]) missing.push_back("\"" + columns[column].caption + "\"");
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& name : missing) list += (list.empty() ? "" : ", ") + name;
    return Status::InvalidArgument(LineError(header, "the header line lacks the column(s) " + list + "."));
  }
  for (auto record = records.begin() + 1; record != records.end(); ++record) {
    for (std::size_t position = header.fields.size(); position < record->fields.size(); ++position) {
      if (!Trimmed(record->fields[position]).empty()) {
        return Status::InvalidArgument(LineError(
            *record, "it has " + std::to_string(record->fields.size()) + " fields, the header line " +
                         std::to_string(header.fields.size()) + " (a value with a comma must be in double quotes)."));
      }
    }
  }
  table.columns_ = std::move(columns);
  table.rows_.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

CsvTable CsvTable::FromRows(std::vector<CsvColumn> columns, std::vector<CsvRecord> rows, std::string noun) {
  CsvTable table;
  for (std::size_t column = 0; column < columns.size(); ++column) table.positions_.push_back(column);
  table.columns_ = std::move(columns);
  table.rows_ = std::move(rows);
  table.noun_ = std::move(noun);
  return table;
}

std::string CsvTable::Value(const CsvRecord& row, std::size_t column) const {
  const std::optional<std::size_t> position = positions_[column];
  if (!position || *position >= row.fields.size()) return {};
  return std::string(Trimmed(row.fields[*position]));
}

std::string CsvTable::Error(const CsvRecord& row, std::size_t column, std::string_view message) const {
  return "Line " + std::to_string(row.line) + ", " + noun_ + " \"" + columns_[column].caption + "\": " +
         std::string(message);
}

std::string LineError(const CsvRecord& row, std::string_view message) {
  return "Line " + std::to_string(row.line) + ": " + std::string(message);
}

Status RowErrors(const std::vector<std::string>& errors) {
  if (errors.empty()) return Status::Ok();
  std::string message;
  for (std::size_t i = 0; i < errors.size() && i < kMaxReportedErrors; ++i) {
    message += (i > 0 ? "\n" : "") + errors[i];
  }
  if (errors.size() > kMaxReportedErrors) {
    message += "\n... and " + std::to_string(errors.size() - kMaxReportedErrors) + " more.";
  }
  return Status::InvalidArgument(message);
}

bool IsRowError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return true;
    default:
      return false;
  }
}

std::optional<bool> ParseYesNo(std::string_view text) {
  const std::string key = CaptionKey(text);
  if (key == "yes" || key == "true" || key == "1") return true;
  if (key.empty() || key == "no" || key == "false" || key == "0") return false;
  return std::nullopt;
}

}  // namespace mailtrail::service
