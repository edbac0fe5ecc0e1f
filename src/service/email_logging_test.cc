// The processing contract through the whole pass, on every kind of mail store
// (Maildir, IMAP on Dovecot) with every kind of database (SQLite, PostgreSQL).
#include "service/email_logging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "domain/setup_validation.h"
#include "service/logging_fixture.h"
#include "testing/captured_log.h"

namespace mailtrail::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TestMessage;

class EmailLoggingTest : public LoggingFixture, public ::testing::WithParamInterface<StoreAndDatabase> {
 protected:
  const mailstore::BackendKind& Kind() const override { return std::get<0>(GetParam()); }
  const testing::DatabaseKind& Database() const override { return std::get<1>(GetParam()); }
};

// --- setup validation: a failing setup touches no message ---

TEST_P(EmailLoggingTest, SetupValidationStopsThePassWithExactTexts) {
  Deliver(Outbound());
  struct Case {
    std::string key, value, expected, restore;
  };
  const std::vector<Case> cases = {
      {"email-template", "", std::string(domain::kTemplateNotSpecified), "EMAIL"},
      {"storage-folder", "Queue", std::string(domain::kFoldersMustDiffer), "Storage"},
      {"queue-folder", "", "The queue folder has not been specified.", "Queue"},
      {"queue-folder", "Missing", "The queue folder 'Missing' does not exist in the mail store.", "Queue"},
      {"storage-folder", "Missing", "The storage folder 'Missing' does not exist in the mail store.", "Storage"},
  };
  for (const Case& c : cases) {
    Set(c.key, c.value);
    auto result = Pass();
    ASSERT_FALSE(result.ok()) << c.key;
    EXPECT_EQ(result.status().message(), c.expected);
    EXPECT_EQ(Messages("Queue").size(), 1u) << "no message touched";
    EXPECT_TRUE(Messages("Storage").empty());
    Set(c.key, c.restore);
  }
  EXPECT_EQ(PassOrDie().logged, 1) << "the restored setup works";
}

TEST_P(EmailLoggingTest, TemplateThatDoesNotExistStopsThePass) {
  Deliver(Outbound());
  ASSERT_TRUE(db_->AddGroup({"SALES", "Sales"}).ok());
  ASSERT_TRUE(db_->AddTemplate({"CALL", "SALES", "Call"}).ok());
  Set("email-template", "CALL");
  EXPECT_EQ(Pass().status().message(),
            "The interaction template for email messages must belong to interaction group SYSTEM.");
  // A template can only be named while it exists; the setup can still end up
  // naming a missing one when the database is edited by hand, so save it raw.
  auto setup = db_->LoadSetup();
  setup->email_template = "GONE";
  ASSERT_TRUE(db_->SaveSetup(*setup).ok());
  EXPECT_EQ(Pass().status().message(), domain::kTemplateDoesNotExist);
  EXPECT_EQ(Messages("Queue").size(), 1u);
}

// --- rules 4 and 8: logging ---

TEST_P(EmailLoggingTest, OutboundMessageIsStoredAndLogged) {
  ASSERT_TRUE(db_->AddGroup({"X", ""}).ok());
  TestMessage message = Outbound();
  message.subject = "=?UTF-8?B?" "QW5nZWJvdCBmw7xyIELDvHJvbcO2YmVs" "?=";  // Angebot für Büromöbel
  message.date = "Tue, 03 Nov 2026 10:20:30 +0100";
  Deliver(message);

  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.logged, 1);
  EXPECT_EQ(summary.entries, 1);
  EXPECT_TRUE(Messages("Queue").empty());
  ASSERT_EQ(Messages("Storage").size(), 1u);
  EXPECT_EQ(Messages("Storage")[0], Served(message)) << "stored byte for byte";

  auto entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.contact_no, ann_);
  EXPECT_EQ(e.contact_company_no, adatum_);
  EXPECT_EQ(e.contact_alt_address_code, "");
  EXPECT_EQ(e.salesperson_code, "JO");
  EXPECT_EQ(e.interaction_template_code, "EMAIL");
  EXPECT_EQ(e.interaction_group_code, "SYSTEM");
  EXPECT_EQ(e.information_flow, domain::InformationFlow::kOutbound);
  EXPECT_EQ(e.initiated_by, domain::InitiatedBy::kUs);
  EXPECT_EQ(e.date, "2026-11-03");
  EXPECT_EQ(e.time, "09:20:30");
  EXPECT_EQ(e.subject, "Angebot für Büromöbel");
  EXPECT_EQ(e.description, "Angebot für Büromöbel");
  EXPECT_EQ(e.message_id, "m1@cronus.example");
  EXPECT_TRUE(e.email_logged);
  EXPECT_NE(e.attachment_no, 0);
}

TEST_P(EmailLoggingTest, InboundUsesReceivedDateAndCostFromTemplate) {
  ASSERT_TRUE(db_->AddTemplate({"EMAIL2", "SYSTEM", "Email", 2.5, 4}).ok());
  Set("email-template", "EMAIL2");
  TestMessage message;
  message.from = "ann.smith@adatum.example";
  message.to = "jim.olivo@cronus.example, Annette.Hill@Cronus.Example";
  message.message_id = "in@adatum.example";
  message.extra_headers = {"Received: from a by b; Tue, 03 Nov 2026 12:00:05 +0000"};
  Deliver(message);
  EXPECT_EQ(PassOrDie().entries, 2);
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].attachment_no, entries[1].attachment_no) << "one attachment shared";
  EXPECT_EQ(entries[0].salesperson_code, "JO");
  EXPECT_EQ(entries[1].salesperson_code, "AH");
  for (const auto& e : entries) {
    EXPECT_EQ(e.information_flow, domain::InformationFlow::kInbound);
    EXPECT_EQ(e.initiated_by, domain::InitiatedBy::kThem);
    EXPECT_EQ(e.date, "2026-11-03");
    EXPECT_EQ(e.time, "12:00:05");
    EXPECT_EQ(e.cost, 2.5);
    EXPECT_EQ(e.duration_min, 4);
  }
}

TEST_P(EmailLoggingTest, LongSubjectIsCutTo100CharactersInDescription) {
  TestMessage message = Outbound();
  message.subject = std::string(99, 'a') + "é and more";
  Deliver(message);
  PassOrDie();
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].description, std::string(99, 'a') + "é");
  EXPECT_EQ(entries[0].subject, message.subject);
}

// --- rules 1, 2, 3, 6: removed without storing ---

TEST_P(EmailLoggingTest, UnloggableMessagesAreRemovedAndNeverStored) {
  TestMessage sensitive = Outbound("s@x");
  sensitive.extra_headers = {"Sensitivity: Company-Confidential"};
  TestMessage too_long = Outbound("l@x");
  too_long.to = std::string(75, 'a') + "@adatum.example";
  TestMessage draft = Outbound("d@x");
  draft.extra_headers = {"X-Unsent: 1"};
  TestMessage no_sender = Outbound("n@x");
  no_sender.from.clear();
  TestMessage only_bcc = Outbound("b@x");
  only_bcc.to.clear();
  only_bcc.bcc = "ann.smith@adatum.example";
  TestMessage unregistered = Outbound("u@x");
  unregistered.from = "stranger@example.org";
  for (const auto* m : {&sensitive, &too_long, &draft, &no_sender, &only_bcc, &unregistered}) Deliver(*m);

  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.sensitive, 1);
  EXPECT_EQ(summary.address_too_long, 1);
  EXPECT_EQ(summary.invalid, 3);
  EXPECT_EQ(summary.unregistered, 1);
  EXPECT_EQ(summary.logged, 0);
  EXPECT_TRUE(Messages("Queue").empty());
  EXPECT_TRUE(Messages("Storage").empty());
  EXPECT_TRUE(Entries().empty());
}

TEST_P(EmailLoggingTest, MailOfDoNotLogContactsAndTheNeverLogListIsRemovedAndNeverStored) {
  ASSERT_TRUE(SetContactDoNotLog(*db_, ann_, true).ok());
  ASSERT_TRUE(AddNeverLogEntry(*db_, "globex.example").ok());
  const std::string bob = AddContactOrDie("Bob", domain::ContactType::kPerson, "bob@fabrikam.example");
  TestMessage to_marked_contact = Outbound("a@x");
  TestMessage from_listed_domain = Outbound("b@x");
  from_listed_domain.from = "ceo@sales.globex.example";
  from_listed_domain.to = "Jim Olivo <jim.olivo@cronus.example>";
  TestMessage loggable = Outbound("c@x");
  loggable.to = "bob@fabrikam.example";
  for (const auto* m : {&to_marked_contact, &from_listed_domain, &loggable}) Deliver(*m);

  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.never_logged, 2);
  EXPECT_EQ(summary.logged, 1);
  EXPECT_TRUE(Messages("Queue").empty());
  EXPECT_EQ(Messages("Storage").size(), 1u);
  ASSERT_EQ(Entries().size(), 1u);
  EXPECT_EQ(Entries()[0].contact_no, bob);
}

// Inbound mail from Ann as the trusted server found it, with a forged header
// below claiming the same server.
TestMessage InboundChecked(const std::string& message_id, const std::string& dmarc) {
  TestMessage message;
  message.from = "Ann Smith <ann.smith@adatum.example>";
  message.to = "Jim Olivo <jim.olivo@cronus.example>";
  message.subject = "Order";
  message.message_id = message_id;
  message.extra_headers = {"Authentication-Results: mx.cronus.example; dmarc=" + dmarc + " header.from=adatum.example",
                           "Authentication-Results: mx.cronus.example; dmarc=pass"};
  return message;
}

TEST_P(EmailLoggingTest, SenderChecksAreRecordedAndUnauthenticatedSendersFlagged) {
  Set("authserv-id", "MX.Cronus.Example");
  Set("unauthenticated-sender", "flag");
  Deliver(InboundChecked("good@adatum.example", "pass"));
  Deliver(InboundChecked("forged@adatum.example", "fail"));
  Deliver(Outbound("internal@cronus.example"));  // sent from inside: the server never checked it
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.logged, 3);
  EXPECT_EQ(summary.unauthenticated, 0);

  std::map<std::string, std::string> checks;  // Message-ID -> verdict, and whether for review
  for (const auto& entry : Entries()) checks[entry.message_id] = entry.sender_check + (entry.review ? " review" : "");
  EXPECT_EQ(checks["good@adatum.example"], "authenticated");
  EXPECT_EQ(checks["forged@adatum.example"], "unauthenticated review");
  EXPECT_EQ(checks["internal@cronus.example"], "unchecked");

  auto review = db_->ListEntries({.review_only = true});
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  ASSERT_EQ(review->size(), 1u);
  EXPECT_EQ((*review)[0].message_id, "forged@adatum.example");
  auto found = db_->FindLoggedAttachments({{"forged@adatum.example", ""}});
  ASSERT_TRUE(found.ok() && (*found)[0]) << found.status().ToString();
  EXPECT_EQ((*found)[0]->sender_check.dmarc, "fail");
}

TEST_P(EmailLoggingTest, RejectedUnauthenticatedSendersGoToTheirReviewFolderUnlogged) {
  Set("authserv-id", "mx.cronus.example");
  Set("unauthenticated-sender", "reject:Review");
  Deliver(InboundChecked("good@adatum.example", "pass"));
  Deliver(InboundChecked("forged@adatum.example", "fail"));
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.logged, 1);
  EXPECT_EQ(summary.unauthenticated, 1);
  EXPECT_TRUE(Messages("Queue").empty());
  ASSERT_EQ(Messages("Review").size(), 1u);
  EXPECT_NE(Messages("Review")[0].find("forged@adatum.example"), std::string::npos);
  ASSERT_EQ(Entries().size(), 1u);
  EXPECT_EQ(Entries()[0].message_id, "good@adatum.example");
}

TEST_P(EmailLoggingTest, FlaggingOrRejectingNeedsATrustedServer) {
  Set("unauthenticated-sender", "flag");
  auto pass = Pass();
  EXPECT_EQ(pass.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(pass.status().context(), kValidatingSetup);
}

// The default logger replaced, for the test's lifetime, by one that writes to
// `text` at `level`.
class CapturedLog {
 public:
  explicit CapturedLog(spdlog::level::level_enum level) : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>("captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(text_));
    logger->set_level(level);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream text_;
};

TEST_P(EmailLoggingTest, LogsCarryNoBodyAndSubjectsOnlyAtDebugLevel) {
  TestMessage logged = Outbound("a@x");
  logged.subject = "Subject-7F3A";
  logged.body = "Body-9C1E\n";
  TestMessage unregistered = logged;
  unregistered.message_id = "b@x";
  unregistered.from = "stranger@example.org";
  Deliver(logged);
  Deliver(unregistered);
  {
    CapturedLog info(spdlog::level::info);
    PassOrDie();
    EXPECT_NE(info.text().find("Email logging pass"), std::string::npos) << info.text();
    EXPECT_EQ(info.text().find("Subject-7F3A"), std::string::npos) << info.text();
    EXPECT_EQ(info.text().find("Body-9C1E"), std::string::npos) << info.text();
  }
  Deliver(logged);
  CapturedLog trace(spdlog::level::trace);
  PassOrDie();
  EXPECT_NE(trace.text().find("already logged"), std::string::npos) << trace.text();
  EXPECT_EQ(trace.text().find("Body-9C1E"), std::string::npos) << trace.text();
}

TEST_P(EmailLoggingTest, TheStoresDraftFlagMakesADraft) {
  Deliver(Outbound().Render(), "Queue", "DS");
  EXPECT_EQ(PassOrDie().invalid, 1);
  EXPECT_TRUE(Messages("Storage").empty());
}

TEST_P(EmailLoggingTest, UnmatchedMailCanBeMovedToAReviewFolder) {
  Set("unmatched-action", "move:Review");
  TestMessage unregistered = Outbound();
  unregistered.from = "stranger@example.org";
  Deliver(unregistered);
  EXPECT_EQ(PassOrDie().unregistered, 1);
  EXPECT_TRUE(Messages("Queue").empty());
  ASSERT_EQ(Messages("Review").size(), 1u);
  EXPECT_EQ(Messages("Review")[0], Served(unregistered));
}

// --- recipients and matching ---

TEST_P(EmailLoggingTest, CcCountsOnlyWhenSetupSaysToAndCc) {
  TestMessage message = Outbound();
  message.to = "someone@elsewhere.example";
  message.cc = "ann.smith@adatum.example";
  Deliver(message);
  EXPECT_EQ(PassOrDie().unregistered, 1);
  Set("recipients", "to,cc");
  Deliver(message);
  EXPECT_EQ(PassOrDie().logged, 1);
}

TEST_P(EmailLoggingTest, AltAddressAndSharedAddress) {
  const std::string trey = AddContactOrDie("Trey", domain::ContactType::kCompany, "");
  ASSERT_TRUE(AddContactAltAddress(*db_, {trey, "home", "Trey.Home@example.net"}).ok());
  const std::string second = AddContactOrDie("Second", domain::ContactType::kCompany, "info@adatum.example");
  TestMessage message = Outbound();
  message.to = "trey.home@EXAMPLE.net, INFO@adatum.example";
  Deliver(message);
  EXPECT_EQ(PassOrDie().entries, 2);
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].contact_no, trey);
  EXPECT_EQ(entries[0].contact_alt_address_code, "HOME");
  EXPECT_EQ(entries[1].contact_no, adatum_) << "first contact by no, not " << second;
}

TEST_P(EmailLoggingTest, AddressesMatchInEverySpelling) {
  const std::string books = AddContactOrDie("Bücher", domain::ContactType::kCompany, "info@bücher.example");
  const std::string joerg = AddContactOrDie("Jörg", domain::ContactType::kCompany, "jörg@müller.example");
  TestMessage message = Outbound();
  message.from = "=?UTF-8?Q?Jim_Olivo?= <\"Jim.Olivo\"@CRONUS.example> (sales)";
  message.to = "\"Info\" <INFO@xn--bcher-kva.example>, Team: =?UTF-8?Q?J=C3=B6rg?= <JÖRG@xn--mller-kva.example>;, "
               "\"ann.smith\"@ADATUM.example";
  Deliver(message);
  EXPECT_EQ(PassOrDie().entries, 3);
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].contact_no, books);
  EXPECT_EQ(entries[1].contact_no, joerg);
  EXPECT_EQ(entries[2].contact_no, ann_);
  for (const auto& entry : entries) EXPECT_EQ(entry.salesperson_code, "JO");
}

TEST_P(EmailLoggingTest, InheritedCompanyEmailMatchesTheCompanyFirst) {
  // With inheritance on, a person without email takes the company's; the shared
  // address then belongs to the company (first by no).
  const std::string person = AddContactOrDie("No Mail", domain::ContactType::kPerson, "", adatum_);
  auto contact = db_->FindContact(person);
  ASSERT_TRUE(contact.ok() && *contact);
  EXPECT_EQ((*contact)->email, "info@adatum.example");
  TestMessage message = Outbound();
  message.to = "info@adatum.example";
  Deliver(message);
  PassOrDie();
  ASSERT_EQ(Entries().size(), 1u);
  EXPECT_EQ(Entries()[0].contact_no, adatum_);
}

// --- rule 7: duplicates and restoring links ---

TEST_P(EmailLoggingTest, SameMessageAgainIsNotLoggedTwice) {
  Deliver(Outbound());
  Deliver(Outbound());  // same Message-ID in the same batch
  PassSummary first = PassOrDie();
  EXPECT_EQ(first.logged, 1);
  EXPECT_EQ(first.duplicate, 1);
  Deliver(Outbound());  // and in a later pass
  EXPECT_EQ(PassOrDie().duplicate, 1);
  EXPECT_EQ(Entries().size(), 1u);
  EXPECT_EQ(Messages("Storage").size(), 1u);
  EXPECT_TRUE(Messages("Queue").empty());
}

TEST_P(EmailLoggingTest, MessageWithoutMessageIdIsDeduplicatedByContent) {
  TestMessage message = Outbound("");
  Deliver(message);
  PassOrDie();
  Deliver(message);
  message.body = "Different body.\n";
  Deliver(message);
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.duplicate, 1);
  EXPECT_EQ(summary.logged, 1);
  EXPECT_EQ(Entries().size(), 2u);
}

TEST_P(EmailLoggingTest, RequeuedMessageRestoresALostStoredCopy) {
  Deliver(Outbound());
  PassOrDie();
  std::string shown;
  auto show = [&] {
    shown.clear();
    return Show(1, [&](std::string_view chunk) { shown.append(chunk); });
  };
  ASSERT_TRUE(show().ok());
  backend().RemoveAll("Storage");
  EXPECT_EQ(show().message(), kMessageGone);

  Deliver(Outbound());  // the documented repair: put the message back into the queue
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.duplicate, 1);
  EXPECT_EQ(Entries().size(), 1u) << "no new entries";
  EXPECT_EQ(Messages("Storage").size(), 1u);
  EXPECT_TRUE(Messages("Queue").empty());
  ASSERT_TRUE(show().ok());
  EXPECT_EQ(shown, Served(Outbound()));
}

// --- batches ---

TEST_P(EmailLoggingTest, BatchSizeCapsAPassOldestFirst) {
  Set("batch-size", "2");
  for (const char* id : {"a@x", "b@x", "c@x"}) Deliver(Outbound(id));
  EXPECT_EQ(PassOrDie().logged, 2);
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].message_id, "a@x");
  EXPECT_EQ(entries[1].message_id, "b@x");
  EXPECT_EQ(Messages("Queue").size(), 1u);
  EXPECT_EQ(PassOrDie().logged, 1);
}

TEST_P(EmailLoggingTest, ManyTransactionsInOnePass) {
  for (int i = 0; i < 25; ++i) Deliver(Outbound("id" + std::to_string(i)));
  PassOptions options;
  options.transaction_size = 4;
  EXPECT_EQ(PassOrDie(options).logged, 25);
  EXPECT_EQ(Entries().size(), 25u);
  EXPECT_TRUE(Messages("Queue").empty());
}

TEST_P(EmailLoggingTest, EmptyQueueIsANoOp) {
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.logged + summary.invalid + summary.failed, 0);
}

TEST_P(EmailLoggingTest, UnparseableMailStaysQueuedWithItsFlagsAndTheRestIsProcessed) {
  Deliver(std::string(), "Queue", "F");
  Deliver(std::string("\0\x01\x02\xff\xfe", 5));
  Deliver(Outbound());
  const std::vector<std::string> before = backend().Snapshot("Queue");
  PassSummary summary = PassOrDie();
  EXPECT_EQ(summary.logged, 1);
  EXPECT_GE(summary.failed, 1) << "an empty file is no message";
  EXPECT_EQ(summary.failed + summary.invalid, 2) << "each ends in a definite outcome";
  const std::vector<std::string> queued = backend().Snapshot("Queue");
  EXPECT_EQ(queued.size(), static_cast<std::size_t>(summary.failed)) << "failed stays queued";
  for (const std::string& message : queued) {
    EXPECT_NE(std::find(before.begin(), before.end(), message), before.end()) << message << ": name and flags unchanged";
  }
}

TEST_P(EmailLoggingTest, AQueueListedInRoundsIsTakenWholePastMessagesThatFail) {
  Deliver(std::string());  // no message: fails, and stays queued as the oldest
  Deliver(std::string());
  for (int i = 0; i < 7; ++i) Deliver(Outbound("id" + std::to_string(i)));
  PassOptions options;
  options.messages_per_listing = 2;
  options.transaction_size = 1;
  PassSummary summary = PassOrDie(options);
  EXPECT_EQ(summary.failed, 2);
  EXPECT_EQ(summary.logged, 7);
  EXPECT_EQ(Messages("Queue").size(), 2u);
  EXPECT_EQ(Entries().size(), 7u);
}

TEST_P(EmailLoggingTest, BatchSizeCapsAPassListedInRounds) {
  Set("batch-size", "5");
  for (int i = 0; i < 7; ++i) Deliver(Outbound("id" + std::to_string(i)));
  PassOptions options;
  options.messages_per_listing = 2;
  EXPECT_EQ(PassOrDie(options).logged, 5);
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries.back().message_id, "id4");
  EXPECT_EQ(Messages("Queue").size(), 2u);
}

// --- limits on untrusted input: a message past one stays queued, counted failed ---

class EmailLoggingLimitsTest : public LoggingFixture {
 protected:
  // Queues `at_limit` and then `past_limit` (outbound mail, logged when within
  // the limits) and runs a pass with `limits`: the first is logged; the second
  // stays in the queue, counted as failed, and one warning names it and `limit`.
  void ExpectBoundary(const mime::ParseLimits& limits, const std::string& limit, const TestMessage& at_limit,
                      const TestMessage& past_limit) {
    testing::CapturedLog log;
    Deliver(at_limit);
    Deliver(past_limit);
    PassOptions options;
    options.parse_limits = limits;
    const PassSummary summary = PassOrDie(options);
    EXPECT_EQ(summary.logged, 1);
    EXPECT_EQ(summary.failed, 1);
    EXPECT_EQ(summary.messages(), 2);
    ASSERT_EQ(Entries().size(), 1u);
    EXPECT_EQ(Entries()[0].message_id, at_limit.message_id);
    const std::vector<std::string> queued = backend().Snapshot("Queue");
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(Messages("Queue")[0], Served(past_limit)) << "left as it was";
    EXPECT_THAT(log.LinesWith(limit),
                ElementsAre(::testing::AllOf(HasSubstr("Message " + queued[0] + " in folder Queue left in the queue"),
                                             HasSubstr(limit + " ("))));
  }

  // Alike to the byte.
  static TestMessage AtLimit() { return Outbound("limit-1@cronus.example"); }
  static TestMessage PastLimit() { return Outbound("limit-2@cronus.example"); }
};

TEST_F(EmailLoggingLimitsTest, MaxMessageBytes) {
  TestMessage past = PastLimit();
  past.body += "x";
  ExpectBoundary({.max_message_bytes = AtLimit().Render().size()}, "max_message_bytes", AtLimit(), past);
}

TEST_F(EmailLoggingLimitsTest, MaxHeaderBytes) {
  const std::string rendered = AtLimit().Render();
  TestMessage past = PastLimit();
  past.subject += "s";
  ExpectBoundary({.max_header_bytes = rendered.find("\r\n\r\n") + 4}, "max_header_bytes", AtLimit(), past);
}

TEST_F(EmailLoggingLimitsTest, MaxLineBytes) {
  TestMessage at = AtLimit();
  at.subject = std::string(80, 'a');  // "Subject: " and 80: the longest line, 89 bytes
  TestMessage past = PastLimit();
  past.subject = std::string(81, 'a');
  ExpectBoundary({.max_line_bytes = 89}, "max_line_bytes", at, past);
}

TEST_F(EmailLoggingLimitsTest, MaxAddressesPerHeader) {
  TestMessage at = AtLimit();
  at.to = "Ann Smith <ann.smith@adatum.example>, Team: a@elsewhere.example;";
  TestMessage past = PastLimit();
  past.to = at.to + ", b@elsewhere.example";
  ExpectBoundary({.max_addresses_per_header = 2}, "max_addresses_per_header", at, past);
}

INSTANTIATE_TEST_SUITE_P(EveryStoreAndDatabase, EmailLoggingTest,
                         ::testing::Combine(::testing::ValuesIn(mailstore::AllBackendKinds()),
                                            ::testing::ValuesIn(testing::AllDatabaseKinds())),
                         NameAfterStoreAndDatabase);

}  // namespace
}  // namespace mailtrail::service
