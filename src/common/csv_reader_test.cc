#include "common/csv_reader.h"

#include <gtest/gtest.h>

namespace mailtrail {
namespace {

using Records = std::vector<CsvRecord>;

struct Case {
  std::string name;
  std::string input;
  Records expected;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"empty", "", {}},
      {"one field", "a", {{1, {"a"}}}},
      {"lf", "a,b\nc,d\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"crlf", "a,b\r\nc,d\r\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"lone cr", "a\rb\r", {{1, {"a"}}, {2, {"b"}}}},
      {"no final line break", "a,b\r\nc", {{1, {"a", "b"}}, {2, {"c"}}}},
      {"empty fields", ",a,,\n", {{1, {"", "a", "", ""}}}},
      {"trailing comma at the end", "a,", {{1, {"a", ""}}}},
      {"quoted comma", "\"a,b\",c\n", {{1, {"a,b", "c"}}}},
      {"doubled quote", "\"say \"\"hi\"\"\"\n", {{1, {"say \"hi\""}}}},
      {"empty quoted", "\"\",x\n", {{1, {"", "x"}}}},
      {"line breaks in quotes", "\"one\r\ntwo\nthree\",x\r\nnext\r\n",
       {{1, {"one\r\ntwo\nthree", "x"}}, {4, {"next"}}}},
      {"empty lines skipped", "\r\na\r\n\r\n\nb\n", {{2, {"a"}}, {5, {"b"}}}},
      {"byte order mark", "\xEF\xBB\xBFNo.,Name\r\n", {{1, {"No.", "Name"}}}},
      {"partial byte order mark is text", "\xEF\xBBx", {{1, {"\xEF\xBBx"}}}},
      {"quote inside an unquoted field", "5\" disk,x\n", {{1, {"5\" disk", "x"}}}},
      {"utf-8 kept", "Åsa,Müller\n", {{1, {"Åsa", "Müller"}}}},
      {"quoted last field, no break", "a,\"b\"", {{1, {"a", "b"}}}},
  };
  return cases;
}

Records ReadInPieces(const std::string& input, std::size_t piece) {
  CsvReader reader;
  Records records;
  for (std::size_t at = 0; at < input.size(); at += piece) {
    EXPECT_TRUE(reader.Feed(std::string_view(input).substr(at, piece)).ok());
    for (auto& record : reader.TakeRecords()) records.push_back(std::move(record));
  }
  EXPECT_TRUE(reader.Finish().ok());
  for (auto& record : reader.TakeRecords()) records.push_back(std::move(record));
  return records;
}

TEST(CsvReaderTest, ReadsRecordsWhateverThePieces) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    auto whole = ReadCsv(c.input);
    ASSERT_TRUE(whole.ok()) << whole.status().message();
    EXPECT_EQ(*whole, c.expected);
    for (std::size_t piece = 1; piece <= 4; ++piece) {
      SCOPED_TRACE(piece);
      EXPECT_EQ(ReadInPieces(c.input, piece), c.expected);
    }
  }
}

TEST(CsvReaderTest, ReadsAnotherDelimiter) {
  auto records = ReadCsv("a;\"b;c,d\"\r\n1,5;2\r\n", ';');
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(*records, (Records{{1, {"a", "b;c,d"}}, {2, {"1,5", "2"}}}));
}

TEST(CsvReaderTest, ErrorsNameTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a\n\"b\"c\n", "Line 2: text after the closing quote"},
      {"a\nb\n\"open\nstill open", "Line 3: a quoted field is not closed"},
      {"\xEF\xBB\xBF\"x\"y", "Line 1: text after the closing quote"},
  };
  for (const auto& [input, message] : cases) {
    SCOPED_TRACE(input);
    auto records = ReadCsv(input);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(records.status().message().starts_with(message)) << records.status().message();
  }
}

TEST(CsvReaderTest, ALongFieldIsRefusedAndTheReaderStops) {
  CsvReader reader;
  const std::string big(kMaxCsvFieldBytes, 'x');
  ASSERT_TRUE(reader.Feed("a\n\"").ok());
  ASSERT_TRUE(reader.Feed(big).ok());
  const Status status = reader.Feed("y");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(status.message().starts_with("Line 2: a field is longer than")) << status.message();
  EXPECT_EQ(reader.Feed("z").code(), StatusCode::kInvalidArgument) << "no more input after an error";
  EXPECT_EQ(reader.Finish().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mailtrail
