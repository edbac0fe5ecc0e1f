#include "mime/authentication_results.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace mailtrail::mime {
namespace {

using Properties = std::vector<std::pair<std::string, std::string>>;

TEST(AuthenticationResultsTest, ReadsTheExamplesOfRfc8601) {
  const auto results = ParseAuthenticationResults(
      "example.com;\r\n"
      "          dkim=pass (good signature) header.d=mail-router.example.net;\r\n"
      "          dkim=fail (bad signature) header.d=newyork.example.com");
  ASSERT_TRUE(results.has_value());
  EXPECT_EQ(results->authserv_id, "example.com");
  ASSERT_EQ(results->results.size(), 2u);
  EXPECT_EQ(results->results[0].method, "dkim");
  EXPECT_EQ(results->results[0].result, "pass");
  EXPECT_EQ(results->results[0].properties, (Properties{{"header.d", "mail-router.example.net"}}));
  EXPECT_EQ(results->results[1].result, "fail");

  const auto none = ParseAuthenticationResults("example.org 1; none");
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->authserv_id, "example.org");
  EXPECT_TRUE(none->results.empty());
}

TEST(AuthenticationResultsTest, ReadsWhatMajorProvidersWrite) {
  // As Microsoft 365 and Google write them.
  const auto microsoft = ParseAuthenticationResults(
      "spf=pass (sender IP is 40.107.22.41) smtp.mailfrom=Contoso.com; dkim=pass (signature was verified)\n"
      " header.d=contoso.com;dmarc=pass action=none header.from=contoso.com;compauth=pass reason=100");
  ASSERT_TRUE(microsoft.has_value());
  EXPECT_EQ(microsoft->authserv_id, "") << "Microsoft 365 writes no authserv-id";
  ASSERT_EQ(microsoft->results.size(), 4u);
  EXPECT_EQ(microsoft->results[0].method, "spf");
  EXPECT_EQ(microsoft->results[0].properties, (Properties{{"smtp.mailfrom", "Contoso.com"}}));
  EXPECT_EQ(microsoft->results[2].properties, (Properties{{"action", "none"}, {"header.from", "contoso.com"}}));

  const auto google = ParseAuthenticationResults(
      "mx.google.com;\n       dkim=pass header.i=@adatum.example header.s=s1 header.b=\"aB/c+d=\";\n"
      "       spf=pass (google.com: domain of ann@adatum.example designates 192.0.2.1 as permitted sender) "
      "smtp.mailfrom=ann@adatum.example;\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=adatum.example");
  ASSERT_TRUE(google.has_value());
  EXPECT_EQ(google->authserv_id, "mx.google.com");
  ASSERT_EQ(google->results.size(), 3u);
  EXPECT_EQ(google->results[0].properties,
            (Properties{{"header.i", "@adatum.example"}, {"header.s", "s1"}, {"header.b", "aB/c+d="}}));
  EXPECT_EQ(google->results[1].method, "spf");
  EXPECT_EQ(google->results[1].properties, (Properties{{"smtp.mailfrom", "ann@adatum.example"}}));
  EXPECT_EQ(google->results[2].method, "dmarc");
  EXPECT_EQ(google->results[2].result, "pass");
}

TEST(AuthenticationResultsTest, ToleratesOddSpacingCaseVersionsAndQuotedSemicolons) {
  const auto results = ParseAuthenticationResults(
      " (comment (nested) \\) ) MX.Example.COM ; DKIM/1 = Pass reason=\"ok; really\" Header.D = Example.com ;"
      " spf=; =pass; bare; dmarc=fail");
  ASSERT_TRUE(results.has_value());
  EXPECT_EQ(results->authserv_id, "mx.example.com");
  ASSERT_EQ(results->results.size(), 2u);
  EXPECT_EQ(results->results[0].method, "dkim");
  EXPECT_EQ(results->results[0].result, "pass");
  EXPECT_EQ(results->results[0].properties, (Properties{{"header.d", "Example.com"}}));
  EXPECT_EQ(results->results[1].method, "dmarc");
}

TEST(AuthenticationResultsTest, NoAuthservIdIsNothing) {
  for (const char* value : {"", "   ", "(only a comment)", "; dkim=pass", "=pass"}) {
    EXPECT_FALSE(ParseAuthenticationResults(value).has_value()) << value;
  }
}

TEST(AuthenticationResultsTest, ReadsAtMostTheLimitOfResults) {
  std::string value = "mx.example.com";
  for (std::size_t i = 0; i < kMaxMethodResults + 10; ++i) value += "; dkim=fail";
  const auto results = ParseAuthenticationResults(value);
  ASSERT_TRUE(results.has_value());
  EXPECT_EQ(results->results.size(), kMaxMethodResults);
}

TEST(AuthenticationResultsTest, UnclosedQuotesAndCommentsEndTheValue) {
  for (const char* value : {"mx.example.com; dkim=pass reason=\"open", "mx.example.com; dkim=pass (open",
                            "mx.example.com; dkim=pass \\", "\"", "(", "\\"}) {
    ParseAuthenticationResults(value);  // no crash, no hang
  }
  const auto open = ParseAuthenticationResults("mx.example.com; dkim=pass (never closed; spf=pass");
  ASSERT_TRUE(open.has_value());
  ASSERT_EQ(open->results.size(), 1u);
}

}  // namespace
}  // namespace mailtrail::mime
