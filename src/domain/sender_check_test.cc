#include "domain/sender_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mailtrail::domain {
namespace {

using MethodResult = AuthenticationResults::MethodResult;

MethodResult Result(std::string method, std::string result,
                    std::vector<std::pair<std::string, std::string>> properties = {}) {
  return {std::move(method), std::move(result), std::move(properties)};
}

Envelope From(std::string from, std::vector<AuthenticationResults> headers) {
  Envelope envelope;
  envelope.from = std::move(from);
  envelope.authentication_results = std::move(headers);
  return envelope;
}

struct SenderCase {
  std::string name;
  Envelope envelope;
  SenderVerdict verdict;
  std::string dkim, spf, dmarc;
};

std::vector<SenderCase> Cases() {
  const std::string ann = "ann@adatum.example";
  return {
      {"no header", From(ann, {}), SenderVerdict::kUnchecked},
      {"only untrusted servers' headers",
       From(ann, {{"relay.adatum.example", {Result("dmarc", "pass")}}}), SenderVerdict::kUnchecked},
      {"dmarc pass", From(ann, {{"mx.cronus.example", {Result("dmarc", "pass"), Result("dkim", "fail")}}}),
       SenderVerdict::kAuthenticated, "fail", "", "pass"},
      {"dmarc fail beats an aligned dkim pass",
       From(ann, {{"mx.cronus.example",
                   {Result("dkim", "pass", {{"header.d", "adatum.example"}}), Result("dmarc", "fail")}}}),
       SenderVerdict::kUnauthenticated, "pass", "", "fail"},
      {"aligned dkim pass without dmarc",
       From(ann, {{"mx.cronus.example",
                   {Result("dkim", "fail", {{"header.d", "adatum.example"}}),
                    Result("dkim", "pass", {{"header.d", "mail.adatum.example"}})}}}),
       SenderVerdict::kAuthenticated, "pass"},
      {"dkim pass of another domain",
       From(ann, {{"mx.cronus.example", {Result("dkim", "pass", {{"header.d", "bulkmailer.example"}})}}}),
       SenderVerdict::kUnauthenticated, "pass"},
      {"dkim pass by header.i",
       From(ann, {{"mx.cronus.example", {Result("dkim", "pass", {{"header.i", "@Adatum.Example"}})}}}),
       SenderVerdict::kAuthenticated, "pass"},
      {"aligned spf pass", From("Ann@Sales.Adatum.Example", {{"mx.cronus.example",
                                                              {Result("spf", "pass", {{"smtp.mailfrom", "bounce@adatum.example"}})}}}),
       SenderVerdict::kAuthenticated, "", "pass"},
      {"a domain that merely ends like the sender's",
       From(ann, {{"mx.cronus.example", {Result("spf", "pass", {{"smtp.mailfrom", "x@evil-adatum.example"}})}}}),
       SenderVerdict::kUnauthenticated, "", "pass"},
      {"spf softfail", From(ann, {{"mx.cronus.example", {Result("spf", "softfail")}}}),
       SenderVerdict::kUnauthenticated, "", "softfail"},
      {"none at all from the trusted server", From(ann, {{"mx.cronus.example", {}}}),
       SenderVerdict::kUnauthenticated},
      {"a forged header below the trusted server's own is not read",
       From(ann, {{"mx.cronus.example", {Result("dmarc", "fail")}}, {"mx.cronus.example", {Result("dmarc", "pass")}}}),
       SenderVerdict::kUnauthenticated, "", "", "fail"},
  };
}

class SenderCheckTest : public ::testing::TestWithParam<SenderCase> {};

TEST_P(SenderCheckTest, Decides) {
  const SenderCase& c = GetParam();
  const SenderCheck check = CheckSender(c.envelope, "MX.Cronus.Example");
  EXPECT_EQ(ToString(check.verdict), ToString(c.verdict));
  EXPECT_EQ(check.dkim, c.dkim);
  EXPECT_EQ(check.spf, c.spf);
  EXPECT_EQ(check.dmarc, c.dmarc);
}

std::string CaseName(const ::testing::TestParamInfo<SenderCase>& info) {
  std::string name;
  for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rfc8601, SenderCheckTest, ::testing::ValuesIn(Cases()), CaseName);

TEST(SenderCheckTest, NoTrustedServerLeavesEverySenderUnchecked) {
  const Envelope envelope = From("ann@adatum.example", {{"", {Result("dmarc", "fail")}}});
  EXPECT_EQ(CheckSender(envelope, "").verdict, SenderVerdict::kUnchecked);
}

}  // namespace
}  // namespace mailtrail::domain
