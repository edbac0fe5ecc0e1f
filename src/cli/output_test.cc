#include "cli/output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace mailtrail::cli {
namespace {

TEST(OutputTest, TableAlignsByCharacters) {
  std::ostringstream out;
  PrintTable(out, {"No", "Name"}, {{"CT000001", "Müller"}, {"CT2", "Al"}});
  EXPECT_EQ(out.str(),
            "No        Name\n"
            "--------  ------\n"
            "CT000001  Müller\n"
            "CT2       Al\n");
}

TEST(OutputTest, CsvQuotesOnlyWhatNeedsIt) {
  std::ostringstream out;
  PrintCsv(out, {"a", "b"}, {{"plain", "with, comma"}, {"say \"hi\"", "two\nlines"}});
  EXPECT_EQ(out.str(), "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
}

}  // namespace
}  // namespace mailtrail::cli
