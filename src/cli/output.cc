#include "cli/output.h"

#include <algorithm>
#include <map>

#include "common/csv_writer.h"
#include "domain/address.h"

namespace mailtrail::cli {
namespace {

void PrintPadded(std::ostream& out, const Row& row, const std::vector<std::size_t>& widths) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    out << row[i];
    if (i + 1 < row.size()) out << std::string(widths[i] - domain::Utf8Length(row[i]) + 2, ' ');
  }
  out << '\n';
}

}  // namespace

void AddFormatOption(CLI::App* command, Format& format, const std::vector<std::string>& allowed) {
  static const std::map<std::string, Format> kNames = {
      {"text", Format::kTable}, {"table", Format::kTable}, {"csv", Format::kCsv}, {"json", Format::kJson}};
  std::string names;
  for (const auto& name : allowed) names += (names.empty() ? "" : "|") + name;
  command
      ->add_option_function<std::string>(
          "--format", [&format](const std::string& name) { format = kNames.at(name); }, "Output format: " + names)
      ->check(CLI::IsMember(allowed))
      ->default_str(allowed.front());
}

void PrintTable(std::ostream& out, const Row& header, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) widths[i] = domain::Utf8Length(header[i]);
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], domain::Utf8Length(row[i]));
    }
  }
  PrintPadded(out, header, widths);
  Row rule;
  for (std::size_t width : widths) rule.push_back(std::string(width, '-'));
  PrintPadded(out, rule, widths);
  for (const Row& row : rows) PrintPadded(out, row, widths);
}

void PrintCsv(std::ostream& out, const Row& header, const std::vector<Row>& rows) {
  out << CsvLine(header);
  for (const Row& row : rows) out << CsvLine(row);
}

}  // namespace mailtrail::cli
