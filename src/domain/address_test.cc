#include "domain/address.h"

#include <gtest/gtest.h>

namespace mailtrail::domain {
namespace {

TEST(AddressTest, NormalizeGivesEverySpellingOfAMailboxOneForm) {
  struct Case {
    const char* address;
    const char* normalized;
  };
  const Case cases[] = {
      {"  John.Doe@Example.COM \t", "john.doe@example.com"},
      {"", ""},
      {"postmaster", "postmaster"},
      // Quotes that are only syntax go; those a local part needs stay.
      {"\"John.Doe\"@example.com", "john.doe@example.com"},
      {"\"john\\.doe\"@example.com", "john.doe@example.com"},
      {"\"John Doe\"@example.com", "\"john doe\"@example.com"},
      {"\"john\\ doe\"@example.com", "\"john doe\"@example.com"},
      {"\"a@b\"@Example.com", "\"a@b\"@example.com"},
      {"\"john..doe\"@example.com", "john..doe@example.com"},
      {"M..Scott@Enron.com", "m..scott@enron.com"},
      {"\".\"@example.com", "\".\"@example.com"},
      {"\"\"@example.com", "\"\"@example.com"},
      // Internationalized domains: the Unicode and the punycode spelling agree.
      {"ann@bücher.example", "ann@xn--bcher-kva.example"},
      {"ANN@BÜCHER.EXAMPLE", "ann@xn--bcher-kva.example"},
      {"ann@xn--bcher-kva.example", "ann@xn--bcher-kva.example"},
      {"Ann@XN--BCHER-KVA.Example", "ann@xn--bcher-kva.example"},
      {"info@straße.de", "info@xn--strae-oqa.de"},
      {"info@xn--strae-oqa.de", "info@xn--strae-oqa.de"},
      // SMTPUTF8 local parts: case folded, composed and decomposed alike.
      {"JÖRG@example.de", "jörg@example.de"},
      {"jo\xCC\x88rg@example.de", "jörg@example.de"},
      {"ΣΟΦΙΑ@example.gr", "σοφια@example.gr"},
      {"用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v"},
      // Not UTF-8: only ASCII letters change.
      {"Caf\xE9@Example.com", "caf\xE9@example.com"},
      {"x@Caf\xE9.Example", "x@caf\xE9.example"},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeAddress(c.address), c.normalized) << c.address;
}

TEST(AddressTest, QuotesThatAreOnlySyntaxGo) {
  struct Case {
    const char* address;
    const char* without;
  };
  const Case cases[] = {
      {"\"john.doe\"@Example.com", "john.doe@Example.com"},
      {"\"M..Scott\"@enron.com", "M..Scott@enron.com"},
      {"\"w.st.\"@enron.com", "w.st.@enron.com"},
      {"\"j\\.doe\"@example.com", "j.doe@example.com"},
      {"\"jörg\"@example.de", "jörg@example.de"},
      {"\"john doe\"@example.com", "\"john doe\"@example.com"},
      {"\"a@b\"@example.com", "\"a@b\"@example.com"},
      {"\"\"@example.com", "\"\"@example.com"},
      {"\"..\"@example.com", "\"..\"@example.com"},
      {"plain@example.com", "plain@example.com"},
      {"\"no at sign\"", "\"no at sign\""},
  };
  for (const Case& c : cases) EXPECT_EQ(WithoutNeedlessQuotes(c.address), c.without) << c.address;
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
