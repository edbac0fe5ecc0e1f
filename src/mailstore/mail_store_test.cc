// The MailStore contract, run against every implementation, IMAP on two servers
// (Dovecot, and Cyrus, whose quirks imap/imap_on_cyrus_test.cc pins). Each kind
// of store comes with a MailBackend that puts raw messages into folders and
// looks at folders the way a user of that store would; the tests themselves use
// only the MailStore.
#include "mailstore/mail_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "mailstore/mail_store_backends.h"
#include "mailstore/mail_store_test_util.h"
#include "testing/test_util.h"

namespace mailtrail::mailstore {
namespace {

using namespace std::string_literals;
using domain::StoredLocation;
using domain::UnixTime;

constexpr UnixTime kMonday = 1772442900;  // 2026-03-02T09:15:00Z

class MailStoreTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override {
    backend_ = GetParam().make();
    ASSERT_TRUE(IsOk(store().CreateFolder("Queue")));
    ASSERT_TRUE(IsOk(store().CreateFolder("Storage")));
  }

  MailStore& store() { return backend_->store(); }
  MailBackend& backend() { return *backend_; }

  // Delivers `raw` to the queue and returns how the store lists it.
  MessageRef Queue(std::string_view raw, UnixTime arrived_at = kMonday, std::string_view flags = "") {
    backend().Deliver("Queue", raw, arrived_at, flags);
    auto listed = store().ListMessages("Queue", 0);
    EXPECT_TRUE(IsOk(listed.status()));
    for (const MessageRef& message : *listed) {
      if (!known_.contains(message.key)) {
        known_.insert(message.key);
        return message;
      }
    }
    throw std::runtime_error("the delivered message is not listed");
  }

  Result<std::string> Read(const MessageRef& message) {
    return Collect([&](const ChunkSink& sink) { return store().ReadMessage("Queue", message, sink); });
  }

  Result<std::string> ReadStored(const StoredLocation& location) {
    return Collect([&](const ChunkSink& sink) { return store().ReadStored({.location = location}, sink); });
  }

  // A request as the pass makes it: the hash is of the bytes read from the store.
  CopyRequest Request(const MessageRef& message, std::string_view raw) {
    return {.source = message, .message_id = "", .content_hash = Sha256Hex(backend().Served(raw))};
  }

  std::unique_ptr<MailBackend> backend_;
  std::set<std::string> known_;
};

std::string Message(std::string subject) {
  testing::TestMessage message;
  message.from = "anna@cronus.example";
  message.to = "kim@adatum.example";
  message.subject = std::move(subject);
  return message.Render();
}

std::vector<std::string> Keys(const std::vector<MessageRef>& messages) {
  std::vector<std::string> keys;
  for (const MessageRef& message : messages) keys.push_back(message.key);
  return keys;
}

TEST_P(MailStoreTest, ChecksAndCreatesFolders) {
  EXPECT_TRUE(IsOk(store().CheckFolder("Queue")));
  EXPECT_TRUE(IsOk(store().CheckFolder("INBOX")));

  Status missing = store().CheckFolder("Sales/Queue");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "The folder 'Sales/Queue' does not exist in the mail store.");

  EXPECT_TRUE(IsOk(store().CreateFolder("Sales/Queue")));
  EXPECT_TRUE(IsOk(store().CreateFolder("Sales/Queue")));  // idempotent
  EXPECT_TRUE(IsOk(store().CheckFolder("Sales/Queue")));
}

TEST_P(MailStoreTest, ListsOldestFirst) {
  const std::string late = Message("late"), early = Message("early"), middle = Message("middle");
  backend().Deliver("Queue", late, kMonday + 120, "");
  backend().Deliver("Queue", early, kMonday, "S");
  backend().Deliver("Queue", middle, kMonday + 60, "");

  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  ASSERT_EQ(listed->size(), 3u);
  const std::vector<std::string> expected = {early, middle, late};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const MessageRef& message = (*listed)[i];
    EXPECT_EQ(message.arrived_at, kMonday + 60 * static_cast<UnixTime>(i));
    EXPECT_EQ(message.size, static_cast<std::int64_t>(backend().Served(expected[i]).size()));
    EXPECT_FALSE(message.draft);
    EXPECT_EQ(*Read(message), backend().Served(expected[i]));
  }
}

TEST_P(MailStoreTest, ListsTheOldestUpToTheLimit) {
  for (int i = 3; i >= 0; --i) backend().Deliver("Queue", Message(std::to_string(i)), kMonday + i, "");
  auto all = store().ListMessages("Queue", 0);
  auto first_two = store().ListMessages("Queue", 2);
  auto more_than_there_are = store().ListMessages("Queue", 10);
  ASSERT_TRUE(IsOk(all.status()));
  ASSERT_TRUE(IsOk(first_two.status()));
  ASSERT_TRUE(IsOk(more_than_there_are.status()));

  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ(Keys(*first_two), Keys({(*all)[0], (*all)[1]}));
  EXPECT_EQ(Keys(*more_than_there_are), Keys(*all));
  EXPECT_EQ(*Read((*first_two)[0]), backend().Served(Message("0")));
}

TEST_P(MailStoreTest, ListOfAMissingFolderIsNotFound) {
  EXPECT_EQ(store().ListMessages("Nowhere", 0).status().code(), StatusCode::kNotFound);
}

TEST_P(MailStoreTest, ReadsMessagesByteForByte) {
  // Every byte value but NUL, in lines of all lengths, after a header (Cyrus
  // refuses a message without one: "Message contains invalid header").
  std::string large = "Subject: large\r\n\r\n";
  for (std::size_t i = 0; i < 3 * 1024 * 1024; ++i) large += static_cast<char>((i * 131 + i / 4099) % 255 + 1);
  const std::string binary = "Subject: x\r\n\r\nNUL \0 in the middle and no final newline"s;

  for (const std::string& raw : {Message("small"), large, binary}) {
    if (!backend().Holds(raw)) {  // Cyrus: a NUL byte
      EXPECT_THROW(backend().Deliver("Queue", raw, kMonday, ""), std::runtime_error);
      continue;
    }
    const MessageRef message = Queue(raw);
    const std::string served = backend().Served(raw);
    EXPECT_EQ(message.size, static_cast<std::int64_t>(served.size()));
    auto read = Read(message);
    ASSERT_TRUE(IsOk(read.status()));
    EXPECT_TRUE(*read == served) << "read " << read->size() << " bytes of " << served.size();
  }
}

TEST_P(MailStoreTest, ReadingHeadersStopsSoonAfterTheHeaderBlock) {
  const std::string header = "From: ann@adatum.example\r\nSubject: big\r\n\r\n";
  const std::string raw = header + std::string(1024 * 1024, 'b');
  const MessageRef message = Queue(raw);
  std::string read;
  auto statuses = store().ReadMessages("Queue", {message}, ReadExtent::kHeader, [&read](std::size_t, std::string_view chunk) {
    read.append(chunk);
    return false;  // the header block is in the first chunk
  });
  ASSERT_TRUE(IsOk(statuses.status()));
  EXPECT_TRUE(statuses->front().ok());
  EXPECT_TRUE(read.starts_with(header)) << read.substr(0, 200);
  EXPECT_LT(read.size(), raw.size() / 4) << "the body was read";
}

TEST_P(MailStoreTest, ListingAndReadingNeverChangeMessagesOrFlags) {
  backend().Deliver("Queue", Message("unseen"), kMonday, "");
  backend().Deliver("Queue", Message("seen"), kMonday + 1, "S");
  backend().Deliver("Queue", Message("answered"), kMonday + 2, "RS");
  const std::vector<std::string> before = backend().Snapshot("Queue");

  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  for (const MessageRef& message : *listed) EXPECT_TRUE(IsOk(Read(message).status()));

  EXPECT_EQ(backend().Snapshot("Queue"), before);
  auto listed_again = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed_again.status()));
  EXPECT_EQ(Keys(*listed_again), Keys(*listed));
}

TEST_P(MailStoreTest, ReadsABatchWithAStatusPerMessage) {
  const std::vector<std::string> raws = {Message("one"), Message("two"), Message("three")};
  std::vector<MessageRef> batch;
  for (const auto& raw : raws) batch.push_back(Queue(raw));
  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {batch[1]})));
  std::vector<std::string> read(batch.size());
  auto statuses = store().ReadMessages("Queue", batch, ReadExtent::kWhole, [&read](std::size_t i, std::string_view chunk) {
    read.at(i).append(chunk);
    return true;
  });
  ASSERT_TRUE(IsOk(statuses.status()));
  ASSERT_EQ(statuses->size(), 3u);
  EXPECT_TRUE((*statuses)[0].ok());
  EXPECT_EQ((*statuses)[1].code(), StatusCode::kNotFound);
  EXPECT_TRUE((*statuses)[2].ok());
  EXPECT_EQ(read[0], backend().Served(raws[0]));
  EXPECT_EQ(read[1], "");
  EXPECT_EQ(read[2], backend().Served(raws[2]));
}

TEST_P(MailStoreTest, WaitForChangeSeesNewMailAndTimesOut) {
  auto quiet = store().WaitForChange("Queue", std::chrono::milliseconds(50));
  ASSERT_TRUE(IsOk(quiet.status()));
  EXPECT_FALSE(*quiet);
  std::thread deliver([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    backend().Deliver("Queue", Message("new"), kMonday, "");
  });
  const auto start = std::chrono::steady_clock::now();
  auto changed = store().WaitForChange("Queue", std::chrono::seconds(20));
  deliver.join();
  ASSERT_TRUE(IsOk(changed.status()));
  EXPECT_TRUE(*changed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20)) << "woken by the delivery";
}

TEST_P(MailStoreTest, ReadOfADeletedMessageIsNotFound) {
  const MessageRef message = Queue(Message("gone"));
  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {message})));
  EXPECT_EQ(Read(message).status().code(), StatusCode::kNotFound);
}

TEST_P(MailStoreTest, CopiesToStorage) {
  const std::string first = Message("first"), second = Message("second");
  const MessageRef unseen = Queue(first, kMonday, "");
  const MessageRef seen = Queue(second, kMonday + 1, "S");
  const std::vector<std::string> queue_before = backend().Snapshot("Queue");

  auto stored = store().CopyMessages("Queue", {Request(unseen, first), Request(seen, second)}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ(backend().Snapshot("Storage").size(), 2u);
  EXPECT_EQ(backend().Snapshot("Queue"), queue_before);

  const std::vector<std::string> expected = {first, second};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const StoredLocation& location = (*stored)[i];
    EXPECT_EQ(location.folder, "Storage");
    auto exists = store().Exists({.location = location});
    ASSERT_TRUE(IsOk(exists.status()));
    EXPECT_TRUE(*exists);
    EXPECT_EQ(*ReadStored(location), backend().Served(expected[i]));
  }
}

TEST_P(MailStoreTest, CopyingAgainAdoptsTheCopiesAlreadyThere) {
  const std::string first = Message("first"), second = Message("second");
  const std::vector<CopyRequest> requests = {Request(Queue(first, kMonday, ""), first),
                                             Request(Queue(second, kMonday + 1, "S"), second)};

  auto stored = store().CopyMessages("Queue", requests, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const std::vector<std::string> storage = backend().Snapshot("Storage");
  // A pass that crashed before its commit copies the same batch again.
  auto stored_again = store().CopyMessages("Queue", requests, "Storage");
  ASSERT_TRUE(IsOk(stored_again.status()));

  EXPECT_EQ(*stored_again, *stored);
  EXPECT_EQ(backend().Snapshot("Storage"), storage);
  EXPECT_EQ(storage.size(), 2u);
}

TEST_P(MailStoreTest, CopyIntoAMissingFolderIsNotFound) {
  const std::string raw = Message("x");
  auto stored = store().CopyMessages("Queue", {Request(Queue(raw), raw)}, "Nowhere");
  EXPECT_EQ(stored.status().code(), StatusCode::kNotFound);
}

TEST_P(MailStoreTest, DeletesMessagesIdempotently) {
  const MessageRef doomed = Queue(Message("doomed"), kMonday);
  const MessageRef kept = Queue(Message("kept"), kMonday + 1, "S");

  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {doomed})));
  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {doomed})));  // already gone

  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  EXPECT_EQ(Keys(*listed), Keys({kept}));
}

TEST_P(MailStoreTest, StoredMessageRemovedByAUserIsNotFound) {
  const std::string raw = Message("stored");
  auto stored = store().CopyMessages("Queue", {Request(Queue(raw), raw)}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const StoredLocation location = stored->front();

  backend().Remove(location);

  auto exists = store().Exists({.location = location});
  ASSERT_TRUE(IsOk(exists.status()));
  EXPECT_FALSE(*exists);
  EXPECT_EQ(ReadStored(location).status().code(), StatusCode::kNotFound);
}

TEST_P(MailStoreTest, StoredMessageIsFoundAfterAUserChangesItsFlags) {
  const std::string raw = Message("stored");
  auto stored = store().CopyMessages("Queue", {Request(Queue(raw, kMonday, "S"), raw)}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const StoredLocation location = stored->front();
  const std::vector<std::string> before = backend().Snapshot("Storage");

  backend().SetFlags(location, "RS");

  ASSERT_NE(backend().Snapshot("Storage"), before);
  auto exists = store().Exists({.location = location});
  ASSERT_TRUE(IsOk(exists.status()));
  EXPECT_TRUE(*exists);
  EXPECT_EQ(*ReadStored(location), backend().Served(raw));
}

std::string MessageWithId(std::string subject, std::string message_id) {
  testing::TestMessage message;
  message.from = "anna@cronus.example";
  message.to = "kim@adatum.example";
  message.subject = std::move(subject);
  message.message_id = std::move(message_id);
  return message.Render();
}

TEST_P(MailStoreTest, FindsAStoredMessageMovedToAnotherFolderByItsMessageId) {
  ASSERT_TRUE(IsOk(store().CreateFolder("Archive")));
  const std::string raw = MessageWithId("moved", "moved-1@cronus.example");
  const std::string other = MessageWithId("stays", "stays-1@cronus.example");
  auto stored = store().CopyMessages("Queue", {Request(Queue(raw), raw), Request(Queue(other), other)}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const domain::Attachment attachment{.location = stored->front(),
                                      .message_id = "moved-1@cronus.example",
                                      .size = static_cast<std::int64_t>(backend().Served(raw).size())};

  // A user moves it: it leaves Storage and arrives in Archive, under another name.
  backend().Remove(attachment.location);
  backend().Deliver("Archive", raw, kMonday + 60, "S");
  ASSERT_EQ(ReadStored(attachment.location).status().code(), StatusCode::kNotFound);

  auto found = store().FindStoredIn("Archive", {attachment, {.location = stored->back(), .message_id = "x@y"}});
  ASSERT_TRUE(IsOk(found.status()));
  ASSERT_EQ(found->size(), 2u);
  ASSERT_TRUE(found->front().has_value());
  EXPECT_EQ(found->front()->folder, "Archive");
  EXPECT_FALSE(found->back().has_value()) << "a Message-ID that is not there";
  EXPECT_EQ(*ReadStored(*found->front()), backend().Served(raw));

  auto in_storage = store().FindStoredIn("Storage", {attachment});
  ASSERT_TRUE(IsOk(in_storage.status()));
  EXPECT_FALSE(in_storage->front().has_value());
  auto in_missing = store().FindStoredIn("Nowhere", {attachment});
  ASSERT_TRUE(IsOk(in_missing.status())) << "a missing folder holds none";
  EXPECT_FALSE(in_missing->front().has_value());
}

TEST_P(MailStoreTest, FindsAStoredMessageWithoutMessageIdByItsContentHash) {
  ASSERT_TRUE(IsOk(store().CreateFolder("Archive")));
  // Same size, other bytes: only the hash tells them apart.
  const std::string wanted = Message("aaaa"), lookalike = Message("bbbb");
  backend().Deliver("Archive", lookalike, kMonday, "");
  backend().Deliver("Archive", wanted, kMonday + 1, "");
  const std::string served = backend().Served(wanted);
  const domain::Attachment attachment{.location = {.folder = "Storage", .key = "1", .uidvalidity = 0},
                                      .content_hash = Sha256Hex(served),
                                      .size = static_cast<std::int64_t>(served.size())};
  const domain::Attachment unknown{.location = attachment.location,
                                   .content_hash = Sha256Hex("other"),
                                   .size = attachment.size};

  auto found = store().FindStoredIn("Archive", {attachment, unknown});
  ASSERT_TRUE(IsOk(found.status()));
  ASSERT_TRUE(found->front().has_value());
  EXPECT_EQ(*ReadStored(*found->front()), served);
  EXPECT_FALSE(found->back().has_value());
}

TEST_P(MailStoreTest, ARemovedStoredMessageWillNotArrive) {
  const std::string raw = Message("stored");
  auto stored = store().CopyMessages("Queue", {Request(Queue(raw), raw)}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  backend().Remove(stored->front());
  auto may_arrive = store().MayStillArrive(stored->front());
  ASSERT_TRUE(IsOk(may_arrive.status()));
  EXPECT_FALSE(*may_arrive);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailStoreTest, ::testing::ValuesIn(AllBackendKindsWithCyrus()),
                         [](const ::testing::TestParamInfo<BackendKind>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace mailtrail::mailstore
