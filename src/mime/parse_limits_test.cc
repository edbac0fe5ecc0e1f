#include "mime/parse_limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mailtrail::mime {
namespace {

using ::testing::ElementsAre;

TEST(ParseLimitsTest, EverySettingHasItsName) {
  EXPECT_EQ(std::size(kParseLimitSettings), 6u);
  for (const ParseLimitSetting& setting : kParseLimitSettings) EXPECT_EQ(LimitName(setting.value), setting.name);
  EXPECT_EQ(LimitName(&ParseLimits::max_line_bytes), "max_line_bytes");
}

TEST(ParseLimitsTest, LimitsPassedAreNotedOnceInTheOrderOfTheSettings) {
  std::vector<std::string> passed;
  NoteLimitPassed(&ParseLimits::max_mime_parts, &passed);
  NoteLimitPassed(&ParseLimits::max_message_bytes, &passed);
  NoteLimitPassed(&ParseLimits::max_line_bytes, &passed);
  NoteLimitPassed(&ParseLimits::max_message_bytes, &passed);
  EXPECT_THAT(passed, ElementsAre("max_message_bytes", "max_line_bytes", "max_mime_parts"));
}

TEST(ParseLimitsTest, DescribedWithTheirValues) {
  EXPECT_EQ(DescribeLimits({"max_line_bytes", "max_header_bytes"}, {}),
            "max_header_bytes (1048576), max_line_bytes (65536)");
  EXPECT_EQ(DescribeLimits({"max_mime_depth"}, {.max_mime_depth = 5}), "max_mime_depth (5)");
  EXPECT_EQ(DescribeLimits({}, {}), "");
}

}  // namespace
}  // namespace mailtrail::mime
