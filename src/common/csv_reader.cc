#include "common/csv_reader.h"

#include <utility>

namespace mailtrail {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsLineBreak(char c) { return c == '\r' || c == '\n'; }

}  // namespace

Status CsvReader::Fail(std::string message) {
  failed_ = Status::InvalidArgument(std::move(message));
  return failed_;
}

Status CsvReader::Append(char c) {
  if (field_.size() >= kMaxCsvFieldBytes) {
    return Fail("Line " + std::to_string(field_line_) + ": a field is longer than " +
                std::to_string(kMaxCsvFieldBytes) + " bytes.");
  }
  field_.push_back(c);
  return Status::Ok();
}

bool CsvReader::EndsFieldAt(char c) {
  if (c == delimiter_) {
    EndField();
    state_ = State::kFieldStart;
    return true;
  }
  if (!IsLineBreak(c)) return false;
  EndField();
  EndRecord();
  state_ = State::kRecordStart;
  return true;
}

void CsvReader::EndField() {
  record_.fields.push_back(std::move(field_));
  field_.clear();
}

void CsvReader::EndRecord() {
  done_.push_back(std::move(record_));
  record_ = {};
}

Status CsvReader::Consume(char c) {
  Status status;
  switch (state_) {
    case State::kRecordStart:
      if (IsLineBreak(c)) break;  // an empty line, or the LF of a CRLF
      record_.line = line_;
      [[fallthrough]];
    case State::kFieldStart:
      field_line_ = line_;
      if (c == '"') {
        state_ = State::kQuoted;
      } else if (!EndsFieldAt(c)) {
        status = Append(c);
        state_ = State::kUnquoted;
      }
      break;
    case State::kUnquoted:
      // A quote inside an unquoted field is kept as text, as spreadsheets read it.
      if (!EndsFieldAt(c)) status = Append(c);
      break;
    case State::kQuoted:
      if (c == '"') {
        state_ = State::kQuoteInQuoted;
      } else {
        status = Append(c);
      }
      break;
    case State::kQuoteInQuoted:
      if (c == '"') {  // a doubled quote stands for one
        status = Append(c);
        state_ = State::kQuoted;
      } else if (!EndsFieldAt(c)) {
        return Fail("Line " + std::to_string(line_) +
                    ": text after the closing quote of a field (a quote inside a quoted field is written twice).");
      }
      break;
  }
  // CRLF is one line break; so are a lone CR and a lone LF.
  if (c == '\r' || (c == '\n' && previous_ != '\r')) ++line_;
  previous_ = c;
  return status;
}

Status CsvReader::Feed(std::string_view piece) {
  if (!failed_.ok()) return failed_;
  for (const char c : piece) {
    if (!past_bom_) {
      bom_seen_.push_back(c);
      if (bom_seen_ == kByteOrderMark) {
        past_bom_ = true;
        continue;
      }
      if (kByteOrderMark.starts_with(bom_seen_)) continue;
      past_bom_ = true;
      for (const char seen : std::exchange(bom_seen_, {})) MT_RETURN_IF_ERROR(Consume(seen));
      continue;
    }
    MT_RETURN_IF_ERROR(Consume(c));
  }
  return Status::Ok();
}

Status CsvReader::Finish() {
  if (!failed_.ok()) return failed_;
  if (!past_bom_) {
    past_bom_ = true;
    for (const char seen : std::exchange(bom_seen_, {})) MT_RETURN_IF_ERROR(Consume(seen));
  }
  switch (state_) {
    case State::kRecordStart:
      break;
    case State::kQuoted:
      return Fail("Line " + std::to_string(field_line_) + ": a quoted field is not closed before the end of the file.");
    case State::kFieldStart:
    case State::kUnquoted:
    case State::kQuoteInQuoted:
      EndField();
      EndRecord();
      state_ = State::kRecordStart;
      break;
  }
  return Status::Ok();
}

std::vector<CsvRecord> CsvReader::TakeRecords() { return std::exchange(done_, {}); }

Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, char delimiter) {
  CsvReader reader(delimiter);
  MT_RETURN_IF_ERROR(reader.Feed(text));
  MT_RETURN_IF_ERROR(reader.Finish());
  return reader.TakeRecords();
}

}  // namespace mailtrail
