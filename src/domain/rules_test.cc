#include "domain/rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mailtrail::domain {
namespace {

Directory TestDirectory() {
  return Directory(
      {
          {"JO", "Jim Olive", "jo@cronus.example"},
          {"AL", "Annette Hill", "Al@Cronus.Example"},
          {"DUAL", "Dual Role", "dual@cronus.example"},  // also a contact below
      },
      {
          // Deliberately out of order: the directory orders by no.
          {"CT000004", ContactType::kPerson, "Bob Shared", "shared@fabrikam.example", "CT000003"},
          {"CT000001", ContactType::kCompany, "Adatum", "info@adatum.example", "CT000001"},
          {"CT000002", ContactType::kPerson, "Ann Lee", "ann@adatum.example", "CT000001"},
          {"CT000003", ContactType::kCompany, "Fabrikam", "shared@fabrikam.example", "CT000003"},
          {"CT000005", ContactType::kPerson, "No Mail", "", ""},
          {"CT000006", ContactType::kPerson, "Dual Contact", "dual@cronus.example", ""},
          {"CT000007", ContactType::kPerson, "Pat Private", "patient@clinic.example", "", /*do_not_log=*/true},
      },
      {
          {"CT000005", "HOME", "nomail.home@example.net"},
          {"CT000001", "ZZ", "ann@adatum.example"},  // primary email of CT000002 wins
          {"CT000007", "HOME", "pat@home.example"},
      },
      {"ceo@globex.example", "hospital.example"});
}

std::string LongAddress() { return std::string(70, 'a') + "@example.com"; }  // 82 characters

struct RuleCase {
  std::string name;
  Envelope envelope;
  RecipientScope scope = RecipientScope::kTo;
  bool already_logged = false;
  Outcome expected;
  InformationFlow flow = InformationFlow::kOutbound;
  std::vector<Party> parties;  // checked for kLog
};

Envelope Mail(std::string from, std::vector<std::string> to, std::vector<std::string> cc = {}) {
  Envelope envelope;
  envelope.from = std::move(from);
  envelope.to = std::move(to);
  envelope.cc = std::move(cc);
  envelope.subject = "Quote";
  envelope.message_id = "id@example";
  return envelope;
}

Envelope With(Envelope envelope, void (*change)(Envelope&)) {
  change(envelope);
  return envelope;
}

std::vector<RuleCase> Cases() {
  const Envelope outbound = Mail("jo@cronus.example", {"ann@adatum.example"});
  return {
      // Rule 1: sensitivity.
      {"private is sensitive", With(outbound, [](Envelope& e) { e.sensitivity = "Private"; }),
       RecipientScope::kTo, false, Outcome::kSensitive},
      {"personal is sensitive", With(outbound, [](Envelope& e) { e.sensitivity = "Personal"; }),
       RecipientScope::kTo, false, Outcome::kSensitive},
      {"company-confidential is sensitive",
       With(outbound, [](Envelope& e) { e.sensitivity = "Company-Confidential"; }), RecipientScope::kTo,
       false, Outcome::kSensitive},
      {"normal is not sensitive", With(outbound, [](Envelope& e) { e.sensitivity = "nOrMaL"; }),
       RecipientScope::kTo, false, Outcome::kLog, InformationFlow::kOutbound,
       {{"CT000002", "CT000001", "", "JO"}}},
      {"sensitivity beats being already logged",
       With(outbound, [](Envelope& e) { e.sensitivity = "Private"; }), RecipientScope::kTo, true,
       Outcome::kSensitive},
      // Rule 1a: privacy, on every address shown, whatever the recipient scope.
      {"do-not-log contact in cc", Mail("jo@cronus.example", {"ann@adatum.example"}, {"patient@clinic.example"}),
       RecipientScope::kTo, false, Outcome::kNeverLogged},
      {"do-not-log contact's alt address as sender", Mail("Pat@Home.Example", {"jo@cronus.example"}),
       RecipientScope::kTo, false, Outcome::kNeverLogged},
      {"never-log address", Mail("ceo@globex.example", {"jo@cronus.example"}), RecipientScope::kTo, false,
       Outcome::kNeverLogged},
      {"never-log domain's subdomain", Mail("jo@cronus.example", {"ann@adatum.example", "dr@ward.hospital.example"}),
       RecipientScope::kTo, false, Outcome::kNeverLogged},
      {"never-log beats being already logged", Mail("ceo@globex.example", {"jo@cronus.example"}),
       RecipientScope::kTo, true, Outcome::kNeverLogged},
      {"a domain that merely ends like a listed one",
       Mail("jo@cronus.example", {"ann@adatum.example"}, {"x@nothospital.example"}), RecipientScope::kTo, false,
       Outcome::kLog, InformationFlow::kOutbound, {{"CT000002", "CT000001", "", "JO"}}},
      // Rule 2: address length.
      {"long sender", Mail(LongAddress(), {"jo@cronus.example"}), RecipientScope::kTo, false,
       Outcome::kAddressTooLong},
      {"long considered recipient", Mail("jo@cronus.example", {"ann@adatum.example", LongAddress()}),
       RecipientScope::kTo, false, Outcome::kAddressTooLong},
      {"long cc ignored when only To counts",
       Mail("jo@cronus.example", {"ann@adatum.example"}, {LongAddress()}), RecipientScope::kTo, false,
       Outcome::kLog, InformationFlow::kOutbound, {{"CT000002", "CT000001", "", "JO"}}},
      {"long cc counts with To and Cc", Mail("jo@cronus.example", {"ann@adatum.example"}, {LongAddress()}),
       RecipientScope::kToAndCc, false, Outcome::kAddressTooLong},
      {"80 characters is not too long",
       Mail("jo@cronus.example", {std::string(68, 'b') + "@example.com"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      // Found by fuzz/rules_fuzz: the white space matching ignores made an address too long.
      {"white space around an address is not counted",
       Mail("jo@cronus.example", {" \t" + std::string(68, 'b') + "@example.com\r\n"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      // Rule 3: drafts, no sender, no recipient.
      {"draft", With(outbound, [](Envelope& e) { e.draft = true; }), RecipientScope::kTo, false,
       Outcome::kInvalid},
      {"no sender", Mail("", {"jo@cronus.example"}), RecipientScope::kTo, false, Outcome::kInvalid},
      {"no recipient", Mail("jo@cronus.example", {}), RecipientScope::kTo, false, Outcome::kInvalid},
      {"only cc, To considered", Mail("jo@cronus.example", {}, {"ann@adatum.example"}), RecipientScope::kTo,
       false, Outcome::kInvalid},
      // Rule 4: outbound.
      {"outbound, case-insensitive", Mail("JO@CRONUS.EXAMPLE", {"Ann@Adatum.Example"}), RecipientScope::kTo,
       false, Outcome::kLog, InformationFlow::kOutbound, {{"CT000002", "CT000001", "", "JO"}}},
      {"outbound, one entry per contact",
       Mail("jo@cronus.example", {"ann@adatum.example", "info@adatum.example", "ANN@adatum.example"}),
       RecipientScope::kTo, false, Outcome::kLog, InformationFlow::kOutbound,
       {{"CT000002", "CT000001", "", "JO"}, {"CT000001", "CT000001", "", "JO"}}},
      {"outbound, cc counts with To and Cc",
       Mail("jo@cronus.example", {"nobody@example.org"}, {"info@adatum.example"}), RecipientScope::kToAndCc,
       false, Outcome::kLog, InformationFlow::kOutbound, {{"CT000001", "CT000001", "", "JO"}}},
      {"outbound, cc ignored with To only",
       Mail("jo@cronus.example", {"nobody@example.org"}, {"info@adatum.example"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      {"outbound to an alt address carries its code", Mail("jo@cronus.example", {"NoMail.Home@example.net"}),
       RecipientScope::kTo, false, Outcome::kLog, InformationFlow::kOutbound, {{"CT000005", "", "HOME", "JO"}}},
      {"shared address goes to the first contact by no", Mail("jo@cronus.example", {"shared@fabrikam.example"}),
       RecipientScope::kTo, false, Outcome::kLog, InformationFlow::kOutbound,
       {{"CT000003", "CT000003", "", "JO"}}},
      {"an address of a salesperson and a contact is the salesperson",
       Mail("jo@cronus.example", {"dual@cronus.example"}), RecipientScope::kTo, false, Outcome::kUnregistered},
      // Rule 5: inbound.
      {"inbound, one entry per salesperson",
       Mail("ann@adatum.example", {"jo@cronus.example", "al@cronus.example", "Jo@Cronus.Example"}),
       RecipientScope::kTo, false, Outcome::kLog, InformationFlow::kInbound,
       {{"CT000002", "CT000001", "", "JO"}, {"CT000002", "CT000001", "", "AL"}}},
      {"inbound from an alt address", Mail("nomail.home@example.net", {"al@cronus.example"}), RecipientScope::kTo,
       false, Outcome::kLog, InformationFlow::kInbound, {{"CT000005", "", "HOME", "AL"}}},
      {"inbound ignores contact recipients",
       Mail("ann@adatum.example", {"info@adatum.example", "jo@cronus.example"}), RecipientScope::kTo, false,
       Outcome::kLog, InformationFlow::kInbound, {{"CT000002", "CT000001", "", "JO"}}},
      // Rule 6: neither.
      {"unknown sender", Mail("stranger@example.org", {"jo@cronus.example"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      {"salesperson to salesperson", Mail("jo@cronus.example", {"al@cronus.example"}), RecipientScope::kTo,
       false, Outcome::kUnregistered},
      {"contact to contact", Mail("ann@adatum.example", {"info@adatum.example"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      {"salesperson to unknown", Mail("jo@cronus.example", {"x@example.org"}), RecipientScope::kTo, false,
       Outcome::kUnregistered},
      {"a dual-role sender counts as a salesperson", Mail("dual@cronus.example", {"jo@cronus.example"}),
       RecipientScope::kTo, false, Outcome::kUnregistered},
      // Rule 7: already logged.
      {"already logged", outbound, RecipientScope::kTo, true, Outcome::kDuplicate},
      {"already logged, now unregistered", Mail("stranger@example.org", {"x@example.org"}), RecipientScope::kTo,
       true, Outcome::kDuplicate},
  };
}

class RulesTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RulesTest, Decides) {
  const RuleCase& c = GetParam();
  const Directory directory = TestDirectory();
  Decision decision = Decide(c.envelope, directory, c.scope, c.already_logged);
  EXPECT_EQ(ToString(decision.outcome), ToString(c.expected)) << decision.reason;
  EXPECT_FALSE(decision.reason.empty());
  if (c.expected != Outcome::kLog) {
    EXPECT_TRUE(decision.parties.empty());
    return;
  }
  EXPECT_EQ(decision.information_flow, c.flow);
  EXPECT_EQ(decision.initiated_by, c.flow == InformationFlow::kOutbound ? InitiatedBy::kUs : InitiatedBy::kThem);
  ASSERT_EQ(decision.parties.size(), c.parties.size());
  for (std::size_t i = 0; i < c.parties.size(); ++i) {
    EXPECT_EQ(decision.parties[i].contact_no, c.parties[i].contact_no) << i;
    EXPECT_EQ(decision.parties[i].contact_company_no, c.parties[i].contact_company_no) << i;
    EXPECT_EQ(decision.parties[i].contact_alt_address_code, c.parties[i].contact_alt_address_code) << i;
    EXPECT_EQ(decision.parties[i].salesperson_code, c.parties[i].salesperson_code) << i;
  }
}

std::string CaseName(const ::testing::TestParamInfo<RuleCase>& param_info) {
  std::string name;
  for (char c : param_info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(ProcessingContract, RulesTest, ::testing::ValuesIn(Cases()), CaseName);

// Loggable mail whose sender the trusted server did not authenticate, under each setup.
TEST(RulesTest, UnauthenticatedSendersAreLoggedFlaggedOrRejectedAsTheSetupSays) {
  const Directory directory = TestDirectory();
  Envelope forged = Mail("ann@adatum.example", {"jo@cronus.example"});
  forged.authentication_results = {{"mx.cronus.example", {{"dmarc", "fail", {}}}}};
  Envelope genuine = forged;
  genuine.authentication_results = {{"mx.cronus.example", {{"dmarc", "pass", {}}}}};
  using Action = UnauthenticatedSenderAction;

  const Decision logged = Decide(forged, directory, RecipientScope::kTo, false, {"mx.cronus.example", {}});
  EXPECT_EQ(logged.outcome, Outcome::kLog);
  EXPECT_FALSE(logged.review);
  EXPECT_EQ(logged.sender_check.verdict, SenderVerdict::kUnauthenticated);
  EXPECT_EQ(logged.sender_check.dmarc, "fail");

  const Decision flagged =
      Decide(forged, directory, RecipientScope::kTo, false, {"mx.cronus.example", {Action::kFlag, ""}});
  EXPECT_EQ(flagged.outcome, Outcome::kLog);
  EXPECT_TRUE(flagged.review);
  EXPECT_NE(flagged.reason.find("marked for review"), std::string::npos) << flagged.reason;

  const Decision rejected =
      Decide(forged, directory, RecipientScope::kTo, false, {"mx.cronus.example", {Action::kReject, "Review"}});
  EXPECT_EQ(rejected.outcome, Outcome::kUnauthenticated);
  EXPECT_TRUE(rejected.parties.empty());
  EXPECT_EQ(rejected.reason, "sender not authenticated by mx.cronus.example (no dkim, no spf, dmarc=fail)");

  const Decision authenticated =
      Decide(genuine, directory, RecipientScope::kTo, false, {"mx.cronus.example", {Action::kReject, "Review"}});
  EXPECT_EQ(authenticated.outcome, Outcome::kLog);
  EXPECT_FALSE(authenticated.review);
  EXPECT_EQ(authenticated.sender_check.verdict, SenderVerdict::kAuthenticated);

  // Only loggable mail is checked: the rules before matching come first.
  Envelope unregistered = forged;
  unregistered.from = "stranger@example.org";
  EXPECT_EQ(Decide(unregistered, directory, RecipientScope::kTo, false, {"mx.cronus.example", {Action::kReject, "R"}})
                .outcome,
            Outcome::kUnregistered);
  EXPECT_EQ(Decide(forged, directory, RecipientScope::kTo, true, {"mx.cronus.example", {Action::kReject, "R"}}).outcome,
            Outcome::kDuplicate);
}

TEST(ConsideredRecipientsTest, NeverBcc) {
  Envelope envelope = Mail("jo@cronus.example", {"a@x.example", "A@X.example", " "}, {"b@x.example"});
  EXPECT_EQ(ConsideredRecipients(envelope, RecipientScope::kTo), std::vector<std::string>{"a@x.example"});
  EXPECT_EQ(ConsideredRecipients(envelope, RecipientScope::kToAndCc),
            (std::vector<std::string>{"a@x.example", "b@x.example"}));
}

InteractionTemplate EmailTemplate() {
  InteractionTemplate t;
  t.code = "EMAIL";
  t.group_code = "SYSTEM";
  t.unit_cost = 1.5;
  t.unit_duration_min = 3;
  return t;
}

TEST(MakeEntriesTest, FillsEveryFieldFromMessageAndTemplate) {
  Envelope envelope = Mail("ann@adatum.example", {"jo@cronus.example", "al@cronus.example"});
  envelope.subject = std::string(95, 'x') + "ÄÖÜäöüß";  // 102 characters, multi-byte at the cut
  envelope.sent_at = 1767225600;      // 2026-01-01 00:00:00 UTC
  envelope.received_at = 1767229265;  // 2026-01-01 01:01:05 UTC
  const Directory directory = TestDirectory();
  Decision decision = Decide(envelope, directory, RecipientScope::kTo, false);
  auto entries = MakeEntries(envelope, decision, EmailTemplate(), 0);
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.contact_no, "CT000002");
    EXPECT_EQ(entry.contact_company_no, "CT000001");
    EXPECT_EQ(entry.interaction_template_code, "EMAIL");
    EXPECT_EQ(entry.interaction_group_code, "SYSTEM");
    EXPECT_EQ(entry.information_flow, InformationFlow::kInbound);
    EXPECT_EQ(entry.initiated_by, InitiatedBy::kThem);
    EXPECT_EQ(entry.date, "2026-01-01");
    EXPECT_EQ(entry.time, "01:01:05") << "inbound uses the received date";
    EXPECT_EQ(entry.description, std::string(95, 'x') + "ÄÖÜäö");
    EXPECT_EQ(entry.subject, envelope.subject);
    EXPECT_EQ(entry.message_id, "id@example");
    EXPECT_EQ(entry.cost, 1.5);
    EXPECT_EQ(entry.duration_min, 3);
    EXPECT_TRUE(entry.email_logged);
  }
  EXPECT_EQ(entries[0].salesperson_code, "JO");
  EXPECT_EQ(entries[1].salesperson_code, "AL");
}

TEST(MakeEntriesTest, OutboundUsesTheSentDate) {
  Envelope envelope = Mail("jo@cronus.example", {"ann@adatum.example"});
  envelope.sent_at = 1767225600;
  envelope.received_at = 1767229265;
  const Directory directory = TestDirectory();
  auto entries = MakeEntries(envelope, Decide(envelope, directory, RecipientScope::kTo, false), EmailTemplate(), 0);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].time, "00:00:00");
}

// Found by fuzz/rules_fuzz: strftime's %Y wrote the year 999 as "999", so the
// date was not YYYY-MM-DD (GMime gives no such year today, but the contract holds).
TEST(MakeEntriesTest, ADateBeforeTheYear1000HasFourDigits) {
  Envelope envelope = Mail("jo@cronus.example", {"ann@adatum.example"});
  envelope.sent_at = -30641760000 + 3723;  // 0999-01-01 01:02:03 UTC
  const Directory directory = TestDirectory();
  auto entries = MakeEntries(envelope, Decide(envelope, directory, RecipientScope::kTo, false), EmailTemplate(), 0);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].date, "0999-01-01");
  EXPECT_EQ(entries[0].time, "01:02:03");
}

TEST(MakeEntriesTest, InboundWithoutReceivedDateUsesSentDateThenNow) {
  Envelope envelope = Mail("ann@adatum.example", {"jo@cronus.example"});
  envelope.sent_at = 1767225600;
  const Directory directory = TestDirectory();
  Decision decision = Decide(envelope, directory, RecipientScope::kTo, false);
  EXPECT_EQ(MakeEntries(envelope, decision, EmailTemplate(), 0)[0].date, "2026-01-01");
  envelope.sent_at.reset();
  EXPECT_EQ(MakeEntries(envelope, decision, EmailTemplate(), 86400)[0].date, "1970-01-02");
}

TEST(MakeInteractionEntryTest, TakesTheTemplatesCostAndTheContactsCompany) {
  InteractionTemplate meeting = EmailTemplate();
  meeting.code = "MEETING";
  meeting.group_code = "SALES";
  const Contact ann{"CT000002", ContactType::kPerson, "Ann", "ann@adatum.example", "CT000001"};
  const std::string description = std::string(99, 'x') + "ÄÖ";
  const InteractionLogEntry entry = MakeInteractionEntry(meeting, ann, "JO", description, InformationFlow::kInbound,
                                                         InitiatedBy::kThem, 1767229265);
  EXPECT_EQ(entry.contact_no, "CT000002");
  EXPECT_EQ(entry.contact_company_no, "CT000001");
  EXPECT_EQ(entry.salesperson_code, "JO");
  EXPECT_EQ(entry.interaction_template_code, "MEETING");
  EXPECT_EQ(entry.interaction_group_code, "SALES");
  EXPECT_EQ(entry.information_flow, InformationFlow::kInbound);
  EXPECT_EQ(entry.initiated_by, InitiatedBy::kThem);
  EXPECT_EQ(entry.date, "2026-01-01");
  EXPECT_EQ(entry.time, "01:01:05");
  EXPECT_EQ(entry.description, std::string(99, 'x') + "Ä");
  EXPECT_EQ(entry.subject, description);
  EXPECT_EQ(entry.cost, 1.5);
  EXPECT_EQ(entry.duration_min, 3);
  EXPECT_FALSE(entry.email_logged);
  EXPECT_FALSE(entry.postponed);
  EXPECT_EQ(entry.attachment_no, 0);
}

}  // namespace
}  // namespace mailtrail::domain
