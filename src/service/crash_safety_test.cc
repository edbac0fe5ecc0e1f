// Fault injection: a pass stopped after the storage copy, after the commit, or in
// the middle of the queue delete is repaired by the next pass. Nothing is lost,
// nothing is logged twice, no second stored copy.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "service/logging_fixture.h"
#include "service/show.h"

namespace mailtrail::service {
namespace {

enum class CrashPoint { kAfterStorageCopy, kAfterCommit, kDuringQueueDelete };

struct SimulatedCrash : std::runtime_error {
  SimulatedCrash() : std::runtime_error("simulated crash") {}
};

// Wraps a real store and throws at the chosen point, as if the process died there.
class CrashingStore : public mailstore::MailStore {
 public:
  // Crashes at the point's `survived + 1`-th occurrence.
  CrashingStore(std::unique_ptr<mailstore::MailStore> inner, CrashPoint point, int survived)
      : inner_(std::move(inner)), point_(point), survived_(survived) {}

  Status CheckFolder(std::string_view folder) override { return inner_->CheckFolder(folder); }
  Status CreateFolder(std::string_view folder) override { return inner_->CreateFolder(folder); }
  Result<std::vector<mailstore::MessageRef>> ListMessages(std::string_view folder, std::size_t limit) override {
    return inner_->ListMessages(folder, limit);
  }
  Result<std::vector<Status>> ReadMessages(std::string_view folder, const std::vector<mailstore::MessageRef>& messages,
                                           const mailstore::BatchChunkSink& sink) override {
    return inner_->ReadMessages(folder, messages, sink);
  }
  Result<std::vector<domain::StoredLocation>> CopyMessages(std::string_view from,
                                                           const std::vector<mailstore::CopyRequest>& requests,
                                                           std::string_view to) override {
    auto result = inner_->CopyMessages(from, requests, to);
    if (point_ == CrashPoint::kAfterStorageCopy && to == "Storage") MaybeCrash();
    return result;
  }
  Status DeleteMessages(std::string_view folder, const std::vector<mailstore::MessageRef>& messages) override {
    if (point_ == CrashPoint::kAfterCommit) MaybeCrash();
    if (point_ == CrashPoint::kDuringQueueDelete && survived_ == 0) {
      std::vector<mailstore::MessageRef> first_half(messages.begin(), messages.begin() + messages.size() / 2);
      Status status = inner_->DeleteMessages(folder, first_half);
      if (!status.ok()) return status;
    }
    if (point_ == CrashPoint::kDuringQueueDelete) MaybeCrash();
    return inner_->DeleteMessages(folder, messages);
  }
  Result<bool> Exists(const domain::Attachment& attachment) override { return inner_->Exists(attachment); }
  Status ReadStored(const domain::Attachment& attachment, const mailstore::ChunkSink& sink) override {
    return inner_->ReadStored(attachment, sink);
  }
  Result<bool> WaitForChange(std::string_view folder, std::chrono::milliseconds timeout) override {
    return inner_->WaitForChange(folder, timeout);
  }

 private:
  void MaybeCrash() {
    if (survived_-- == 0) throw SimulatedCrash();
  }

  std::unique_ptr<mailstore::MailStore> inner_;
  CrashPoint point_;
  int survived_;
};

class CrashSafetyTest : public LoggingFixture, public ::testing::WithParamInterface<CrashPoint> {
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

  void CrashOnce(CrashPoint point, const PassOptions& base = {}, int survived = 0) {
    PassOptions options = base;
    options.open_mail_store = [point, survived](const domain::Setup& setup) -> Result<std::unique_ptr<mailstore::MailStore>> {
      MT_ASSIGN_OR_RETURN(auto inner, OpenSetupMailStore(setup));
      return std::unique_ptr<mailstore::MailStore>(std::make_unique<CrashingStore>(std::move(inner), point, survived));
    };
    EXPECT_THROW((void)Pass(options), SimulatedCrash);
    ReopenDatabase();  // the process is gone; a new one starts
  }

  void ExpectRepaired() {
    EXPECT_TRUE(Files("Queue").empty());
    EXPECT_EQ(Files("Storage").size(), kLoggedMessages) << "exactly one stored copy per logged message";
    auto entries = Entries();
    EXPECT_EQ(entries.size(), kEntries) << "one set of entries per message";
    std::set<std::pair<std::string, std::string>> distinct;
    for (const auto& e : entries) distinct.insert({e.message_id + "/" + std::to_string(e.attachment_no), e.contact_no});
    EXPECT_EQ(distinct.size(), entries.size()) << "no entry logged twice";
    for (const auto& e : entries) {
      Status read = ReadEntryMessage(*db_, e.entry_no, [](std::string_view) {});
      EXPECT_TRUE(read.ok()) << "entry " << e.entry_no << ": " << read.ToString();
    }
  }
};

TEST_P(CrashSafetyTest, NextPassRepairs) {
  FillQueue();
  CrashOnce(GetParam());
  PassOrDie();
  ExpectRepaired();
}

TEST_P(CrashSafetyTest, RepeatedCrashesThenRepair) {
  FillQueue();
  CrashOnce(GetParam());
  CrashOnce(GetParam());
  PassOrDie();
  ExpectRepaired();
  PassOrDie();  // and a further pass changes nothing
  ExpectRepaired();
}

TEST_P(CrashSafetyTest, CrashInALaterTransactionKeepsEarlierOnes) {
  FillQueue();
  PassOptions small;
  small.transaction_size = 3;
  CrashOnce(GetParam(), small, /*survived=*/1);
  PassOrDie(small);
  ExpectRepaired();
}

INSTANTIATE_TEST_SUITE_P(EveryCrashPoint, CrashSafetyTest,
                         ::testing::Values(CrashPoint::kAfterStorageCopy, CrashPoint::kAfterCommit,
                                           CrashPoint::kDuringQueueDelete),
                         [](const ::testing::TestParamInfo<CrashPoint>& param_info) {
                           switch (param_info.param) {
                             case CrashPoint::kAfterStorageCopy: return std::string("AfterStorageCopy");
                             case CrashPoint::kAfterCommit: return std::string("AfterCommit");
                             case CrashPoint::kDuringQueueDelete: return std::string("DuringQueueDelete");
                           }
                           return std::string("Unknown");
                         });

}  // namespace
}  // namespace mailtrail::service
