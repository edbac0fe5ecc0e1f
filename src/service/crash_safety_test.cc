// Fault injection, against every kind of mail store and database: a pass
// stopped after the storage copy, after the commit, or in the middle of the
// queue delete is repaired by the next pass; an IMAP server restarted at those
// points is reconnected and the same pass finishes. Nothing is lost, nothing is
// logged twice, no second stored copy.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "service/logging_fixture.h"

namespace mailtrail::service {
namespace {

enum class FaultPoint { kAfterStorageCopy, kAfterCommit, kDuringQueueDelete };

std::string FaultPointName(FaultPoint point) {
  switch (point) {
    case FaultPoint::kAfterStorageCopy: return "AfterStorageCopy";
    case FaultPoint::kAfterCommit: return "AfterCommit";
    case FaultPoint::kDuringQueueDelete: return "DuringQueueDelete";
  }
  return "Unknown";
}

auto EveryFaultPoint() {
  return ::testing::Values(FaultPoint::kAfterStorageCopy, FaultPoint::kAfterCommit, FaultPoint::kDuringQueueDelete);
}

struct SimulatedCrash : std::runtime_error {
  SimulatedCrash() : std::runtime_error("simulated crash") {}
};

// Wraps a real store and calls `fault` at the chosen point: after the copy to
// storage, before the queue delete (the commit is done), or halfway through the
// queue delete.
class FaultyStore : public mailstore::MailStore {
 public:
  // Faults at the point's `survived + 1`-th occurrence.
  FaultyStore(std::unique_ptr<mailstore::MailStore> inner, FaultPoint point, int survived,
              std::function<void()> fault)
      : inner_(std::move(inner)), point_(point), survived_(survived), fault_(std::move(fault)) {}

  Status CheckFolder(std::string_view folder) override { return inner_->CheckFolder(folder); }
  Status CreateFolder(std::string_view folder) override { return inner_->CreateFolder(folder); }
  Result<std::vector<mailstore::MessageRef>> ListMessages(std::string_view folder, std::size_t limit) override {
    return inner_->ListMessages(folder, limit);
  }
  Result<std::vector<Status>> ReadMessages(std::string_view folder, const std::vector<mailstore::MessageRef>& messages,
                                           mailstore::ReadExtent extent, const mailstore::BatchChunkSink& sink) override {
    return inner_->ReadMessages(folder, messages, extent, sink);
  }
  Result<std::vector<domain::StoredLocation>> CopyMessages(std::string_view from,
                                                           const std::vector<mailstore::CopyRequest>& requests,
                                                           std::string_view to) override {
    auto result = inner_->CopyMessages(from, requests, to);
    if (point_ == FaultPoint::kAfterStorageCopy && to == "Storage") MaybeFault();
    return result;
  }
  Status DeleteMessages(std::string_view folder, const std::vector<mailstore::MessageRef>& messages) override {
    if (point_ == FaultPoint::kAfterCommit) MaybeFault();
    if (point_ == FaultPoint::kDuringQueueDelete && survived_ == 0) {
      std::vector<mailstore::MessageRef> first_half(messages.begin(), messages.begin() + messages.size() / 2);
      Status status = inner_->DeleteMessages(folder, first_half);
      if (!status.ok()) return status;
    }
    if (point_ == FaultPoint::kDuringQueueDelete) MaybeFault();
    return inner_->DeleteMessages(folder, messages);
  }
  Result<std::vector<bool>> ExistAll(const std::vector<domain::Attachment>& attachments) override {
    return inner_->ExistAll(attachments);
  }
  Status ReadStored(const domain::Attachment& attachment, const mailstore::ChunkSink& sink) override {
    return inner_->ReadStored(attachment, sink);
  }
  Result<std::vector<std::optional<domain::StoredLocation>>> FindStoredIn(
      std::string_view folder, const std::vector<domain::Attachment>& attachments) override {
    return inner_->FindStoredIn(folder, attachments);
  }
  Result<bool> MayStillArrive(const domain::StoredLocation& location) override {
    return inner_->MayStillArrive(location);
  }
  Result<bool> WaitForChange(std::string_view folder, std::chrono::milliseconds timeout) override {
    return inner_->WaitForChange(folder, timeout);
  }

 private:
  void MaybeFault() {
    if (survived_-- == 0) fault_();
  }

  std::unique_ptr<mailstore::MailStore> inner_;
  FaultPoint point_;
  int survived_;
  std::function<void()> fault_;
};

class FaultFixture : public LoggingFixture {
 protected:
  // A queue with every outcome: logged (with and without Message-ID, several
  // parties), duplicate, sensitive, unregistered.
  void FillQueue() {
    for (int i = 0; i < 6; ++i) Deliver(Outbound("m" + std::to_string(i) + "@cronus.example"));
    testing::TestMessage two_parties = Outbound("two@cronus.example");
    two_parties.to = "ann.smith@adatum.example, info@adatum.example";
    Deliver(two_parties);
    Deliver(Outbound(""));
    Deliver(Outbound("m0@cronus.example"));  // duplicate within the batch
    testing::TestMessage sensitive = Outbound("private@cronus.example");
    sensitive.extra_headers = {"Sensitivity: Private"};
    Deliver(sensitive);
    testing::TestMessage stranger = Outbound("stranger@example.org");
    stranger.from = "stranger@example.org";
    Deliver(stranger);
  }

  static constexpr std::size_t kLoggedMessages = 8;
  static constexpr std::size_t kEntries = 9;

  // Pass options whose store faults at `point` with `fault`.
  PassOptions Faulty(FaultPoint point, std::function<void()> fault, PassOptions options = {}, int survived = 0) {
    options.open_mail_store = [opener = Opener(), point, survived,
                               fault](const domain::Setup& setup) -> Result<std::unique_ptr<mailstore::MailStore>> {
      MT_ASSIGN_OR_RETURN(auto inner, opener(setup));
      return std::unique_ptr<mailstore::MailStore>(
          std::make_unique<FaultyStore>(std::move(inner), point, survived, fault));
    };
    return options;
  }

  void ExpectRepaired() {
    EXPECT_TRUE(Messages("Queue").empty());
    EXPECT_EQ(Messages("Storage").size(), kLoggedMessages) << "exactly one stored copy per logged message";
    auto entries = Entries();
    EXPECT_EQ(entries.size(), kEntries) << "one set of entries per message";
    std::set<std::pair<std::string, std::string>> distinct;
    for (const auto& e : entries) distinct.insert({e.message_id + "/" + std::to_string(e.attachment_no), e.contact_no});
    EXPECT_EQ(distinct.size(), entries.size()) << "no entry logged twice";
    for (const auto& e : entries) {
      Status read = Show(e.entry_no, [](std::string_view) {});
      EXPECT_TRUE(read.ok()) << "entry " << e.entry_no << ": " << read.ToString();
    }
  }
};

class CrashSafetyTest
    : public FaultFixture,
      public ::testing::WithParamInterface<std::tuple<mailstore::BackendKind, testing::DatabaseKind, FaultPoint>> {
 protected:
  const mailstore::BackendKind& Kind() const override { return std::get<0>(GetParam()); }
  const testing::DatabaseKind& Database() const override { return std::get<1>(GetParam()); }

  void CrashOnce(const PassOptions& base = {}, int survived = 0) {
    const PassOptions options = Faulty(std::get<2>(GetParam()), [] { throw SimulatedCrash(); }, base, survived);
    EXPECT_THROW((void)Pass(options), SimulatedCrash);
    ReopenDatabase();  // the process is gone; a new one starts
  }
};

TEST_P(CrashSafetyTest, NextPassRepairs) {
  FillQueue();
  CrashOnce();
  PassOrDie();
  ExpectRepaired();
}

TEST_P(CrashSafetyTest, RepeatedCrashesThenRepair) {
  FillQueue();
  CrashOnce();
  CrashOnce();
  PassOrDie();
  ExpectRepaired();
  PassOrDie();  // and a further pass changes nothing
  ExpectRepaired();
}

TEST_P(CrashSafetyTest, CrashInALaterTransactionKeepsEarlierOnes) {
  FillQueue();
  PassOptions small;
  small.transaction_size = 3;
  CrashOnce(small, /*survived=*/1);
  PassOrDie(small);
  ExpectRepaired();
}

INSTANTIATE_TEST_SUITE_P(EveryStoreDatabaseAndCrashPoint, CrashSafetyTest,
                         ::testing::Combine(::testing::ValuesIn(mailstore::AllBackendKinds()),
                                            ::testing::ValuesIn(testing::AllDatabaseKinds()), EveryFaultPoint()),
                         [](const auto& param_info) {
                           return StoreAndDatabaseName(std::get<0>(param_info.param), std::get<1>(param_info.param)) +
                                  "_" + FaultPointName(std::get<2>(param_info.param));
                         });

// The IMAP server restarts in the middle of a batch: the store reconnects and
// the same pass finishes.
class ServerRestartTest : public FaultFixture,
                          public ::testing::WithParamInterface<std::tuple<testing::DatabaseKind, FaultPoint>> {
 protected:
  const mailstore::BackendKind& Kind() const override { return imap_; }
  const testing::DatabaseKind& Database() const override { return std::get<0>(GetParam()); }

  const mailstore::BackendKind imap_{"Imap", mailstore::MakeImapBackend};
};

TEST_P(ServerRestartTest, ThePassReconnectsAndFinishesWithEveryMessageStoredAndLoggedOnce) {
  FillQueue();
  PassOptions small;
  small.transaction_size = 4;  // restarts in the second batch, after one is done
  const PassOptions options = Faulty(
      std::get<1>(GetParam()), [] { ASSERT_TRUE(mailstore::SharedDovecot().Restart().ok()); }, small,
      /*survived=*/1);
  const PassSummary summary = PassOrDie(options);
  EXPECT_EQ(summary.logged, static_cast<std::int64_t>(kLoggedMessages));
  EXPECT_EQ(summary.entries, static_cast<std::int64_t>(kEntries));
  EXPECT_EQ(summary.failed, 0);
  ExpectRepaired();
}

INSTANTIATE_TEST_SUITE_P(EveryDatabaseAndFaultPoint, ServerRestartTest,
                         ::testing::Combine(::testing::ValuesIn(testing::AllDatabaseKinds()), EveryFaultPoint()),
                         [](const auto& param_info) {
                           return std::get<0>(param_info.param).name + "_" +
                                  FaultPointName(std::get<1>(param_info.param));
                         });

}  // namespace
}  // namespace mailtrail::service
