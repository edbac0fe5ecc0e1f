// Writing CSV as RFC 4180 describes it (and csv_reader.h reads it back).
#pragma once

#include <string>
#include <vector>

namespace mailtrail {

// One record: fields separated by commas, those holding a comma, a double quote
// or a line break in double quotes (a quote inside written twice), then CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace mailtrail
