#include "domain/sender_check.h"

#include <algorithm>
#include <string>

#include "domain/address.h"

namespace mailtrail::domain {
namespace {

using MethodResult = AuthenticationResults::MethodResult;

// The domain of an address ("@example.com" too) or of a bare domain, normalized.
std::string DomainOf(std::string_view address_or_domain) {
  const std::size_t at = address_or_domain.rfind('@');
  return NormalizeDomain(at == std::string_view::npos ? address_or_domain : address_or_domain.substr(at + 1));
}

// Relaxed alignment without a public suffix list: the same domain, or one a
// subdomain of the other.
bool Aligned(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  const auto under = [](std::string_view child, std::string_view parent) {
    return child.size() > parent.size() && child.ends_with(parent) && child[child.size() - parent.size() - 1] == '.';
  };
  return under(a, b) || under(b, a);
}

std::string_view Property(const MethodResult& result, std::string_view key) {
  for (const auto& [name, value] : result.properties) {
    if (name == key) return value;
  }
  return {};
}

// The domain a passing result vouches for.
std::string VouchedDomain(const MethodResult& result) {
  if (result.method == "dkim") {
    const std::string_view d = Property(result, "header.d");
    return DomainOf(d.empty() ? Property(result, "header.i") : d);
  }
  return DomainOf(Property(result, "smtp.mailfrom"));
}

struct MethodOutcome {
  std::string result;  // as recorded
  bool counts = false;  // an aligned pass
};

MethodOutcome Outcome(const AuthenticationResults& header, std::string_view method, std::string_view from_domain) {
  MethodOutcome outcome;
  for (const MethodResult& result : header.results) {
    if (result.method != method) continue;
    if (outcome.result.empty()) outcome.result = result.result;
    const bool passes = result.result == "pass" && (method == "dmarc" || Aligned(VouchedDomain(result), from_domain));
    if (passes) return {result.result, true};
  }
  return outcome;
}

}  // namespace

SenderCheck CheckSender(const Envelope& envelope, std::string_view trusted_authserv_id) {
  SenderCheck check;
  const std::string trusted = AsciiLower(trusted_authserv_id);
  if (trusted.empty()) return check;
  const auto header = std::find_if(envelope.authentication_results.begin(), envelope.authentication_results.end(),
                                   [&trusted](const AuthenticationResults& h) { return h.authserv_id == trusted; });
  if (header == envelope.authentication_results.end()) return check;
  const std::string from_domain = DomainOf(envelope.from);
  const MethodOutcome dmarc = Outcome(*header, "dmarc", from_domain);
  const MethodOutcome dkim = Outcome(*header, "dkim", from_domain);
  const MethodOutcome spf = Outcome(*header, "spf", from_domain);
  check.dmarc = dmarc.result;
  check.dkim = dkim.result;
  check.spf = spf.result;
  const bool authenticated = dmarc.result.empty() ? dkim.counts || spf.counts : dmarc.counts;
  check.verdict = authenticated ? SenderVerdict::kAuthenticated : SenderVerdict::kUnauthenticated;
  return check;
}

}  // namespace mailtrail::domain
