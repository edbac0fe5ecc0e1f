// Printing rows as an aligned table, as CSV (RFC 4180) or as JSON.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace mailtrail::cli {

enum class Format { kTable, kCsv, kJson };

// Adds `--format` accepting the given names ("table" or its synonym "text", "csv",
// "json"); the first is the default.
void AddFormatOption(CLI::App* command, Format& format, const std::vector<std::string>& allowed);

using Row = std::vector<std::string>;

// Columns padded to the widest cell (counted in characters), header underlined.
void PrintTable(std::ostream& out, const Row& header, const std::vector<Row>& rows);

// A header line, then one line per row; fields quoted where needed.
void PrintCsv(std::ostream& out, const Row& header, const std::vector<Row>& rows);

}  // namespace mailtrail::cli
