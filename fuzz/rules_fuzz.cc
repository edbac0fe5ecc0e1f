// Fuzzes domain::Decide and domain::MakeEntries: envelopes built from the input,
// with addresses mostly drawn from a small fixed directory (in any case, with
// white space around them) and otherwise arbitrary, against that directory.
//
// Invariants: a message is logged only when it is not sensitive, not a draft, has
// a sender, a considered recipient and no address over 80 characters, and is not
// already logged; a logged message's sender is registered and each party comes
// from a distinct registered considered recipient of the other kind, so there are
// never more parties than considered recipients; an unregistered message has no
// such pair; ASCII case and surrounding white space never change a decision, nor
// do Cc addresses when only To is considered; entries are one per party with a
// YYYY-MM-DD date, an HH:MM:SS time and a description of at most 100 characters.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/address.h"
#include "domain/rules.h"
#include "fuzz/fuzz_check.h"

namespace mailtrail::fuzz {
namespace {

using domain::Decision;
using domain::Directory;
using domain::Envelope;
using domain::Outcome;
using domain::Party;

// Salespersons, contacts sharing an address, an address that is both a
// salesperson's and a contact's, and alt addresses (one shadowed by a primary).
const Directory& TestDirectory() {
  static const Directory directory(
      {{"JO", "Jim Olivo", "jo@cronus.example"},
       {"AL", "Annette Hill", "Al@Cronus.Example"},
       {"DUAL", "Dual Role", "dual@cronus.example"}},
      {{"CT000001", domain::ContactType::kCompany, "Adatum", "info@adatum.example", "CT000001"},
       {"CT000002", domain::ContactType::kPerson, "Ann Lee", "ann@adatum.example", "CT000001"},
       {"CT000003", domain::ContactType::kCompany, "Fabrikam", "shared@fabrikam.example", "CT000003"},
       {"CT000004", domain::ContactType::kPerson, "Bob Shared", "shared@fabrikam.example", "CT000003"},
       {"CT000005", domain::ContactType::kPerson, "No Mail", "", ""},
       {"CT000006", domain::ContactType::kPerson, "Dual Contact", "dual@cronus.example", ""}},
      {{"CT000005", "HOME", "nomail.home@example.net"}, {"CT000001", "ZZ", "ann@adatum.example"}});
  return directory;
}

const std::vector<std::string>& KnownAddresses() {
  static const std::vector<std::string> addresses = {
      "jo@cronus.example", "al@cronus.example", "dual@cronus.example", "info@adatum.example",
      "ann@adatum.example", "shared@fabrikam.example", "nomail.home@example.net", "stranger@example.org",
      std::string(68, 'j') + "@cronus.test",  // 80 characters: still matched
      std::string(69, 'j') + "@cronus.test",  // 81 characters: too long
  };
  return addresses;
}

std::string FlipAsciiCase(std::string address, std::uint64_t mask) {
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (((mask >> (i % 64)) & 1) == 0) continue;
    const char c = address[i];
    address[i] = g_ascii_isupper(c) ? g_ascii_tolower(c) : g_ascii_toupper(c);
  }
  return address;
}

std::string ConsumeAddress(FuzzedDataProvider* input) {
  if (input->ConsumeIntegralInRange(0, 7) == 0) return input->ConsumeRandomLengthString(100);
  const std::vector<std::string>& known = KnownAddresses();
  std::string address = known[input->ConsumeIntegralInRange<std::size_t>(0, known.size() - 1)];
  address = FlipAsciiCase(std::move(address), input->ConsumeIntegral<std::uint64_t>());
  if (input->ConsumeBool()) address = " \t" + address + "\r\n";
  return address;
}

std::vector<std::string> ConsumeAddresses(FuzzedDataProvider* input) {
  std::vector<std::string> addresses(input->ConsumeIntegralInRange(0, 6));
  for (std::string& address : addresses) address = ConsumeAddress(input);
  return addresses;
}

// Dates GMime can give: years 1 to 9999 (GDateTime's range).
std::optional<domain::UnixTime> ConsumeDate(FuzzedDataProvider* input) {
  constexpr domain::UnixTime kYear1 = -62135596800, kEndOfYear9999 = 253402300799;
  if (!input->ConsumeBool()) return std::nullopt;
  return input->ConsumeIntegralInRange(kYear1, kEndOfYear9999);
}

Envelope ConsumeEnvelope(FuzzedDataProvider* input) {
  static const std::vector<std::string> kSensitivities = {"", "Normal", "nOrMaL", "Private", "Personal",
                                                          "Company-Confidential"};
  Envelope envelope;
  envelope.from = ConsumeAddress(input);
  envelope.to = ConsumeAddresses(input);
  envelope.cc = ConsumeAddresses(input);
  envelope.sensitivity = input->ConsumeIntegralInRange(0, 15) == 0
                             ? input->ConsumeRandomLengthString(30)
                             : kSensitivities[input->ConsumeIntegralInRange<std::size_t>(0, kSensitivities.size() - 1)];
  envelope.draft = input->ConsumeIntegralInRange(0, 7) == 0;
  envelope.sent_at = ConsumeDate(input);
  envelope.received_at = ConsumeDate(input);
  envelope.message_id = input->ConsumeRandomLengthString(40);
  envelope.subject = input->ConsumeRemainingBytesAsString();
  return envelope;
}

bool IsSensitive(const std::string& sensitivity) {
  return !sensitivity.empty() && g_ascii_strcasecmp(sensitivity.c_str(), "normal") != 0;
}

// Whether `recipients` hold a contact that is no salesperson.
bool HasContact(const std::vector<std::string>& recipients) {
  return std::any_of(recipients.begin(), recipients.end(), [](const std::string& address) {
    return TestDirectory().FindSalesperson(address) == nullptr && TestDirectory().FindContact(address).has_value();
  });
}

bool HasSalesperson(const std::vector<std::string>& recipients) {
  return std::any_of(recipients.begin(), recipients.end(),
                     [](const std::string& address) { return TestDirectory().FindSalesperson(address) != nullptr; });
}

bool SameParty(const Party& a, const Party& b) {
  return a.contact_no == b.contact_no && a.contact_company_no == b.contact_company_no &&
         a.contact_alt_address_code == b.contact_alt_address_code && a.salesperson_code == b.salesperson_code;
}

bool SameDecision(const Decision& a, const Decision& b) {
  return a.outcome == b.outcome && a.information_flow == b.information_flow && a.initiated_by == b.initiated_by &&
         std::equal(a.parties.begin(), a.parties.end(), b.parties.begin(), b.parties.end(), SameParty);
}

void CheckConsideredRecipients(const Envelope& envelope, domain::RecipientScope scope,
                               const std::vector<std::string>& recipients) {
  std::set<std::string> seen;
  for (const std::string& address : recipients) {
    const std::string key = domain::NormalizeAddress(address);
    Check(!key.empty() && seen.insert(key).second, "considered recipients are non-empty and distinct");
    const bool in_to = std::find(envelope.to.begin(), envelope.to.end(), address) != envelope.to.end();
    const bool in_cc = std::find(envelope.cc.begin(), envelope.cc.end(), address) != envelope.cc.end();
    Check(in_to || (scope == domain::RecipientScope::kToAndCc && in_cc), "only To (and Cc by scope) is considered");
  }
}

// The party of a logged message that `recipient` gives, if any.
std::optional<Party> PartyOf(const Decision& decision, const Envelope& envelope, const std::string& recipient) {
  const Directory& directory = TestDirectory();
  if (decision.information_flow == domain::InformationFlow::kOutbound) {
    const auto contact = directory.FindContact(recipient);
    if (directory.FindSalesperson(recipient) != nullptr || !contact) return std::nullopt;
    return Party{contact->contact->no, contact->contact->company_no, contact->alt_address_code,
                 directory.FindSalesperson(envelope.from)->code};
  }
  const domain::Salesperson* salesperson = directory.FindSalesperson(recipient);
  if (salesperson == nullptr) return std::nullopt;
  const auto sender = directory.FindContact(envelope.from);
  return Party{sender->contact->no, sender->contact->company_no, sender->alt_address_code, salesperson->code};
}

void CheckLogged(const Decision& decision, const Envelope& envelope, const std::vector<std::string>& recipients) {
  const Directory& directory = TestDirectory();
  const bool outbound = decision.information_flow == domain::InformationFlow::kOutbound;
  Check(decision.initiated_by == (outbound ? domain::InitiatedBy::kUs : domain::InitiatedBy::kThem),
        "outbound mail is initiated by us, inbound by them");
  if (outbound) {
    Check(directory.FindSalesperson(envelope.from) != nullptr, "outbound mail comes from a salesperson");
  } else {
    Check(directory.FindSalesperson(envelope.from) == nullptr && directory.FindContact(envelope.from).has_value(),
          "inbound mail comes from a contact that is no salesperson");
  }
  Check(!decision.parties.empty(), "a logged message has a party");
  Check(decision.parties.size() <= recipients.size(), "never more parties than considered recipients");
  std::set<std::string> counterparts;
  for (const Party& party : decision.parties) {
    Check(std::any_of(recipients.begin(), recipients.end(),
                      [&](const std::string& address) {
                        const std::optional<Party> expected = PartyOf(decision, envelope, address);
                        return expected && SameParty(*expected, party);
                      }),
          "each party comes from a registered considered recipient");
    Check(counterparts.insert(outbound ? party.contact_no : party.salesperson_code).second,
          "one party per counterpart");
  }
}

bool IsDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return g_ascii_isdigit(c); });
}

// `text` is digits in `pattern`'s places and `pattern`'s separators elsewhere ('9' for a digit).
bool Matches(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (pattern[i] == '9' ? !IsDigits(text.substr(i, 1)) : text[i] != pattern[i]) return false;
  }
  return true;
}

void CheckEntries(const Decision& decision, const Envelope& envelope) {
  const domain::InteractionTemplate email_template{.code = "EMAIL", .group_code = "SYSTEM", .unit_cost = 1.5};
  const std::vector<domain::InteractionLogEntry> entries =
      domain::MakeEntries(envelope, decision, email_template, /*now=*/1772442900);
  Check(entries.size() == decision.parties.size(), "one entry per party");
  for (const domain::InteractionLogEntry& entry : entries) {
    Check(Matches(entry.date, "9999-99-99"), "an entry's date is YYYY-MM-DD");
    Check(Matches(entry.time, "99:99:99"), "an entry's time is HH:MM:SS");
    Check(domain::Utf8Length(entry.description) <= domain::kDescriptionLength, "a description has at most 100 characters");
    Check(envelope.subject.starts_with(entry.description), "a description starts the subject");
    Check(entry.email_logged && entry.information_flow == decision.information_flow, "entries are email logged");
  }
}

// `envelope` with every address in upper case and surrounded by white space.
Envelope Disguised(Envelope envelope) {
  auto disguise = [](std::string& address) { address = " " + FlipAsciiCase(address, ~std::uint64_t{0}) + "\t"; };
  disguise(envelope.from);
  std::for_each(envelope.to.begin(), envelope.to.end(), disguise);
  std::for_each(envelope.cc.begin(), envelope.cc.end(), disguise);
  return envelope;
}

}  // namespace
}  // namespace mailtrail::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailtrail;
  using namespace mailtrail::fuzz;
  FuzzedDataProvider input(data, size);
  const auto scope = input.ConsumeBool() ? domain::RecipientScope::kTo : domain::RecipientScope::kToAndCc;
  const bool already_logged = input.ConsumeIntegralInRange(0, 7) == 0;
  const Envelope envelope = ConsumeEnvelope(&input);

  const Decision decision = domain::Decide(envelope, TestDirectory(), scope, already_logged);
  const std::vector<std::string> recipients = domain::ConsideredRecipients(envelope, scope);
  CheckConsideredRecipients(envelope, scope, recipients);

  const bool loggable = !IsSensitive(envelope.sensitivity) && !envelope.draft &&
                        !domain::NormalizeAddress(envelope.from).empty() && !recipients.empty() &&
                        !domain::IsTooLongToMatch(envelope.from) &&
                        std::none_of(recipients.begin(), recipients.end(), domain::IsTooLongToMatch);
  if (decision.outcome == Outcome::kLog || decision.outcome == Outcome::kDuplicate) {
    Check(loggable, "only a loggable message is logged or a duplicate");
  }
  Check((decision.outcome == Outcome::kDuplicate) == (loggable && already_logged),
        "a loggable message already logged is a duplicate");
  if (decision.outcome == Outcome::kLog) {
    CheckLogged(decision, envelope, recipients);
    CheckEntries(decision, envelope);
  }
  if (decision.outcome == Outcome::kUnregistered) {
    const Directory& directory = TestDirectory();
    Check(loggable && !already_logged, "unregistered is decided on a loggable message");
    if (directory.FindSalesperson(envelope.from) != nullptr) {
      Check(!HasContact(recipients), "a salesperson's mail to a contact is logged");
    } else if (directory.FindContact(envelope.from)) {
      Check(!HasSalesperson(recipients), "a contact's mail to a salesperson is logged");
    }
  }

  Check(SameDecision(domain::Decide(Disguised(envelope), TestDirectory(), scope, already_logged), decision),
        "ASCII case and white space around addresses change no decision");
  if (scope == domain::RecipientScope::kTo) {
    Envelope without_cc = envelope;
    without_cc.cc.clear();
    Check(SameDecision(domain::Decide(without_cc, TestDirectory(), scope, already_logged), decision),
          "Cc changes no decision when only To is considered");
  }
  return 0;
}
