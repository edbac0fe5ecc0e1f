#include "domain/address.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

TEST(AddressTest, NormalizeLowersWholeAddressAndTrims) {
  EXPECT_EQ(NormalizeAddress("  John.Doe@Example.COM \t"), "john.doe@example.com");
  EXPECT_EQ(NormalizeAddress(""), "");
}

TEST(AddressTest, TooLongCountsCharactersNotBytes) {
  EXPECT_FALSE(IsTooLongToMatch(std::string(80, 'a')));
  EXPECT_TRUE(IsTooLongToMatch(std::string(81, 'a')));
  std::string eighty_umlauts;
  for (int i = 0; i < 80; ++i) eighty_umlauts += "ü";
  EXPECT_FALSE(IsTooLongToMatch(eighty_umlauts));
}

// Found by fuzz/rules_fuzz: an 80-character address with white space around it
// matched its salesperson, yet counted as too long.
TEST(AddressTest, TooLongIgnoresWhiteSpaceAround) {
  const std::string eighty = std::string(68, 'j') + "@cronus.test";
  EXPECT_FALSE(IsTooLongToMatch(" \t" + eighty + "\r\n"));
  EXPECT_TRUE(IsTooLongToMatch(" j" + eighty));
}

TEST(AddressTest, Utf8PrefixNeverSplitsACharacter) {
  EXPECT_EQ(Utf8Prefix("abc", 2), "ab");
  EXPECT_EQ(Utf8Prefix("abc", 5), "abc");
  EXPECT_EQ(Utf8Prefix("äöü", 2), "äö");
  EXPECT_EQ(Utf8Prefix("a€b", 2), "a€");
  EXPECT_EQ(Utf8Prefix("", 0), "");
  EXPECT_EQ(Utf8Length("a€b"), 3u);
}

}  // namespace
}  // namespace mailtrail::domain
