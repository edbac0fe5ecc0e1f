// The CSV reader on any input, fed in pieces whose sizes the input chooses: the
// records (or the error) must not depend on the cuts, lines only go forward,
// and records written back as CSV read back the same.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/csv_reader.h"
#include "fuzz/fuzz_check.h"

namespace {

using mailtrail::CsvReader;
using mailtrail::CsvRecord;
using mailtrail::fuzz::Check;

struct Outcome {
  std::vector<CsvRecord> records;
  mailtrail::Status status;
};

Outcome ReadInPieces(std::string_view text, std::string_view cuts, char delimiter) {
  CsvReader reader(delimiter);
  Outcome outcome;
  outcome.status = mailtrail::fuzz::FeedInPieces(reader, text, cuts, [&] {
    for (auto& record : reader.TakeRecords()) outcome.records.push_back(std::move(record));
  });
  return outcome;
}

std::string Written(const std::vector<CsvRecord>& records) {
  std::string text;
  for (const CsvRecord& record : records) {
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      text += i > 0 ? "," : "";
      text += '"';
      for (const char c : record.fields[i]) text += c == '"' ? std::string("\"\"") : std::string(1, c);
      text += '"';
    }
    text += "\r\n";
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const char delimiter = (data[0] & 1) != 0 ? ';' : ',';
  const std::size_t cut_bytes = std::min<std::size_t>(data[1] % 8, size - 2);
  const std::string_view cuts(reinterpret_cast<const char*>(data) + 2, cut_bytes);
  const std::string_view text(reinterpret_cast<const char*>(data) + 2 + cut_bytes, size - 2 - cut_bytes);

  const Outcome whole = ReadInPieces(text, {}, delimiter);
  const Outcome pieces = ReadInPieces(text, cuts, delimiter);
  Check(whole.status.code() == pieces.status.code() && whole.status.message() == pieces.status.message(),
        "the same error whatever the pieces");
  if (!whole.status.ok()) return 0;
  Check(whole.records == pieces.records, "the same records whatever the pieces");
  std::size_t line = 0;
  for (const CsvRecord& record : whole.records) {
    Check(record.line > line, "each record starts on a later line");
    Check(!record.fields.empty(), "a record has a field");
    line = record.line;
  }
  if (delimiter == ',') {
    auto again = mailtrail::ReadCsv(Written(whole.records));
    Check(again.ok(), "written records read back");
    bool same = again->size() == whole.records.size();
    for (std::size_t i = 0; same && i < again->size(); ++i) same = (*again)[i].fields == whole.records[i].fields;
    Check(same, "written records read back the same");
  }
  return 0;
}
