// A full email logging pass over every message of the corpora, queued in a
// Maildir: testdata/mime/corpus always, and the corpus $MAILTRAIL_CORPORA names
// (mime/mail_corpus.h) when it names one. The commonest senders are registered as salespersons and
// the commonest recipients as contacts, so that some mail is logged each way.
// No message may crash or hang the pass; each must end in a definite outcome.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/address.h"
#include "mime/envelope_reader.h"
#include "mime/mail_corpus.h"
#include "service/email_logging.h"
#include "service/logging_fixture.h"
#include "testing/captured_log.h"

namespace mailtrail::service {
namespace {

using ::testing::SizeIs;

// Salespersons and contacts registered from a corpus.
constexpr std::size_t kSalespersons = 5;
constexpr std::size_t kContacts = 40;

class EmailLoggingCorpusTest : public LoggingFixture, public ::testing::WithParamInterface<mime::Corpus> {
 protected:
  void SetUp() override {
    if (const std::string missing = mime::MissingCorpusReason(GetParam()); !missing.empty()) GTEST_SKIP() << missing;
    LoggingFixture::SetUp();
  }

  // The addresses of `envelopes` that `field` gives, the commonest first (ties by address).
  template <typename Field>
  static std::vector<std::string> Commonest(const std::vector<domain::Envelope>& envelopes, Field field) {
    std::map<std::string, int> counts;
    for (const domain::Envelope& envelope : envelopes) {
      for (const std::string& address : field(envelope)) {
        if (address.find('@') != std::string::npos && !domain::IsTooLongToMatch(address)) {
          ++counts[domain::NormalizeAddress(address)];
        }
      }
    }
    std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> addresses;
    for (const auto& [address, count] : ranked) addresses.push_back(address);
    return addresses;
  }

  // Registers the commonest senders as salespersons and the commonest
  // recipients (not salespersons) as contacts.
  void RegisterCommonestAddresses(const std::vector<domain::Envelope>& envelopes) {
    std::set<std::string> salespersons;
    for (const std::string& address :
         Commonest(envelopes, [](const domain::Envelope& e) { return std::vector<std::string>{e.from}; })) {
      if (salespersons.size() == kSalespersons) break;
      if (AddSalesperson(*db_, {"SP" + std::to_string(salespersons.size() + 1), address, address}).ok()) {
        salespersons.insert(address);
      }
    }
    std::size_t contacts = 0;
    for (const std::string& address : Commonest(envelopes, [](const domain::Envelope& e) { return e.to; })) {
      if (contacts == kContacts) break;
      if (salespersons.contains(address)) continue;
      if (AddContact(*db_, {"", domain::ContactType::kCompany, address, address, ""}).ok()) ++contacts;
    }
  }
};

TEST_P(EmailLoggingCorpusTest, EveryMessageEndsInADefiniteOutcome) {
  std::vector<mime::CorpusMessage> messages;
  mime::ForEachCorpusMessage(GetParam().root,
                             [&messages](const mime::CorpusMessage& message) { messages.push_back(message); });
  std::vector<domain::Envelope> envelopes;
  std::int64_t unparseable = 0;
  for (const mime::CorpusMessage& message : messages) {
    Result<domain::Envelope> envelope = mime::ParseEnvelope(message.raw);
    if (envelope.ok()) {
      envelopes.push_back(std::move(envelope).value());
    } else {
      ++unparseable;
    }
  }
  RegisterCommonestAddresses(envelopes);
  for (const mime::CorpusMessage& message : messages) Deliver(message.raw);

  testing::CapturedLog log;
  const auto start = std::chrono::steady_clock::now();
  const PassSummary summary = PassOrDie();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << GetParam().root.string() << ": " << messages.size() << " messages in " << seconds << " s: "
            << PassSummaryJson(summary) << "\n";
  RecordProperty("messages", static_cast<int>(messages.size()));

  EXPECT_EQ(summary.messages(), static_cast<std::int64_t>(messages.size())) << "each counts once";
  EXPECT_GT(summary.logged, 0);
  EXPECT_GT(summary.unregistered, 0);
  EXPECT_EQ(summary.failed, unparseable) << "what fails is what has no header block";
  EXPECT_THAT(Entries(), SizeIs(summary.entries));
  EXPECT_THAT(Messages("Storage"), SizeIs(summary.logged));

  // What failed stays queued, and the log says which and why.
  const std::vector<std::string> queued = backend().Snapshot("Queue");
  EXPECT_THAT(queued, SizeIs(summary.failed));
  for (const std::string& key : queued) {
    const std::vector<std::string> said = log.LinesWith("Message " + key + " in folder Queue left in the queue: ");
    ASSERT_THAT(said, SizeIs(1)) << key;
    EXPECT_GT(said[0].size(), said[0].find(": ") + 2) << "a reason follows: " << said[0];
  }

  // A second pass finds only those, and leaves them as they are.
  const PassSummary again = PassOrDie();
  EXPECT_EQ(again.failed, summary.failed);
  EXPECT_EQ(again.messages(), summary.failed);
  EXPECT_EQ(backend().Snapshot("Queue"), queued);
}

INSTANTIATE_TEST_SUITE_P(Corpora, EmailLoggingCorpusTest, ::testing::ValuesIn(mime::Corpora()), mime::CorpusName);

}  // namespace
}  // namespace mailtrail::service
