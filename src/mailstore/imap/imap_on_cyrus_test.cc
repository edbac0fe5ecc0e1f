// Where Cyrus IMAP (Debian's cyrus-imapd 3.6) differs from Dovecot, as the IMAP
// store meets it. The MailStore contract itself runs against Cyrus in
// mail_store_test.cc; each test here pins one Cyrus quirk, or one behaviour the
// store relies on that Cyrus shares with Dovecot.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "mailstore/imap/imap_connection.h"
#include "mailstore/imap/imap_store.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/mail_store_backends.h"
#include "mailstore/mail_store_test_util.h"
#include "testing/cyrus_server.h"

namespace mailtrail::mailstore {
namespace {

using namespace std::string_literals;

constexpr domain::UnixTime kMonday = 1772442900;  // 2026-03-02T09:15:00Z

template <typename T>
T OrDie(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  return std::move(result).value();
}

// A fresh account on the shared Cyrus with Queue and Storage folders, and a
// connection of its own to put messages in and look at them.
class ImapOnCyrusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend_ = MakeCyrusImapBackend();
    ASSERT_TRUE(IsOk(store().CreateFolder("Queue")));
    ASSERT_TRUE(IsOk(store().CreateFolder("Storage")));
    helper_ = OrDie(ImapConnection::Open(OrDie(ParseImapUrl(backend_->url())), backend_->credentials()));
  }

  MailStore& store() { return backend_->store(); }
  ImapConnection& helper() { return *helper_; }

  Result<std::string> Read(const MessageRef& message) {
    return Collect([&](const ChunkSink& sink) { return store().ReadMessage("Queue", message, sink); });
  }

  std::unique_ptr<MailBackend> backend_;
  std::unique_ptr<ImapConnection> helper_;
};

TEST_F(ImapOnCyrusTest, SeparatesLevelsWithADotBesideInbox) {
  ASSERT_TRUE(IsOk(store().CreateFolder("Sales/Queue")));
  const std::vector<ListEntry> listed = OrDie(helper().List("Sales.Queue"));
  ASSERT_EQ(listed.size(), 1u) << "unixhierarchysep: no, altnamespace: yes";
  EXPECT_EQ(listed[0].delimiter, '.');
}

// Cyrus quirk: with Debian's stock imapd.conf (altnamespace: no) a user's folders
// live under INBOX, and CREATE of a top-level folder is refused ("Permission
// denied"), which leaves the folder missing. The setup must then name
// "INBOX/Queue", which the store serves as any folder.
TEST(ImapOnCyrusStandardNamespaceTest, FoldersLiveUnderInbox) {
  const auto server = OrDie(testing::CyrusServer::Start({.users = {{"sales", "secret"}}, .alt_namespace = false}));
  const ConnectOptions options = {.require_tls = true, .ca_file = server->ca_file().string(), .password = "secret"};
  const auto store = OrDie(ImapStore::Open(OrDie(ParseImapUrl(server->Url("sales"))), options));

  EXPECT_EQ(store->CreateFolder("Queue").code(), StatusCode::kNotFound);

  ASSERT_TRUE(IsOk(store->CreateFolder("INBOX/Queue")));
  ASSERT_TRUE(IsOk(store->CreateFolder("INBOX/Storage")));
  const auto helper = OrDie(ImapConnection::Open(OrDie(ParseImapUrl(server->Url("sales"))), options));
  ASSERT_TRUE(IsOk(helper->Append("INBOX.Queue", {}, kMonday, "Subject: x\r\n\r\nbody\r\n")));
  const std::vector<MessageRef> queued = OrDie(store->ListMessages("INBOX/Queue", 0));
  ASSERT_EQ(queued.size(), 1u);
  const auto stored = OrDie(store->CopyMessages("INBOX/Queue", {{.source = queued[0]}}, "INBOX/Storage"));
  EXPECT_EQ(stored[0].folder, "INBOX/Storage");
  EXPECT_TRUE(OrDie(store->Exists({.location = stored[0]})));
}

// Cyrus quirk: 8-bit bytes in the header (raw UTF-8 that a sender did not encode)
// are stored as 'X' (munge8bit; with reject8bit the message is refused). The
// body keeps them.
TEST_F(ImapOnCyrusTest, EightBitHeaderBytesAreReadBackAsX) {
  const std::string raw = "Subject: Caf\xc3\xa9\r\n\r\nCaf\xc3\xa9\r\n";
  backend_->Deliver("Queue", raw, kMonday, "");
  const std::vector<MessageRef> listed = OrDie(store().ListMessages("Queue", 0));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(OrDie(Read(listed[0])), "Subject: CafXX\r\n\r\nCaf\xc3\xa9\r\n");
  EXPECT_EQ(OrDie(Read(listed[0])), backend_->Served(raw));
}

// Cyrus quirk: APPEND refuses what Dovecot takes: a NUL byte (Dovecot serves it as
// 0x80) and a message that does not start with a header. Like Dovecot, it also
// refuses an empty message. So no such message is ever in a Cyrus folder.
TEST_F(ImapOnCyrusTest, RefusesToStoreNulBytesAndMessagesWithoutAHeader) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"Subject: x\r\n\r\nNUL \0 here\r\n"s, "Message contains NUL characters"},
      {"Just text, no header.\r\n", "Message contains invalid header"},
      {"", "Zero-length message literal"},
  };
  for (const auto& [raw, reason] : refused) {
    const Status appended = helper().Append("Queue", {}, kMonday, raw);
    EXPECT_EQ(appended.code(), StatusCode::kIOError);
    EXPECT_NE(appended.message().find(reason), std::string::npos) << appended.message();
  }
}

// As on Dovecot: a new message is \Recent, and listing, reading, copying and
// waiting (all on EXAMINE) leave that alone too.
TEST_F(ImapOnCyrusTest, ListingReadingAndCopyingLeaveRecentAlone) {
  backend_->Deliver("Queue", "Subject: x\r\n\r\nbody\r\n", kMonday, "");
  const std::vector<std::string> before = ImapFlagLines(helper(), "Queue", /*with_recent=*/true);
  ASSERT_EQ(before.size(), 1u);
  ASSERT_NE(before[0].find("\\Recent"), std::string::npos) << before[0];

  const std::vector<MessageRef> listed = OrDie(store().ListMessages("Queue", 0));
  ASSERT_TRUE(IsOk(Read(listed[0]).status()));
  ASSERT_TRUE(IsOk(store().CopyMessages("Queue", {{.source = listed[0]}}, "Storage").status()));
  ASSERT_TRUE(IsOk(store().WaitForChange("Queue", std::chrono::milliseconds(0)).status()));

  EXPECT_EQ(ImapFlagLines(helper(), "Queue", /*with_recent=*/true), before);
}

// As on Dovecot: UIDPLUS with COPYUID (the store learns its copies' UIDs from
// it) and IDLE.
TEST_F(ImapOnCyrusTest, OffersIdleAndAnswersCopyWithCopyuid) {
  EXPECT_TRUE(helper().HasCapability("UIDPLUS"));
  EXPECT_TRUE(helper().HasCapability("IDLE"));
  backend_->Deliver("Queue", "Subject: x\r\n\r\nbody\r\n", kMonday, "");
  const std::uint32_t uid = OrDie(helper().Select("Queue", /*read_only=*/true)).uidnext - 1;
  const FolderState storage = OrDie(helper().Select("Storage", /*read_only=*/true));
  ASSERT_TRUE(IsOk(helper().Select("Queue", /*read_only=*/true).status()));
  const CopiedUids copied = OrDie(helper().UidCopy(UidSet::Of({uid}), "Storage"));
  EXPECT_EQ(copied.uidvalidity, storage.uidvalidity);
  EXPECT_EQ(copied.source, std::vector<std::uint32_t>{uid});
  EXPECT_EQ(copied.target, std::vector<std::uint32_t>{storage.uidnext});
}

// As on Dovecot: SEARCH HEADER matches a substring, case-insensitively, so a
// Message-ID is looked for in its angle brackets.
TEST_F(ImapOnCyrusTest, HeaderSearchMatchesASubstring) {
  backend_->Deliver("Queue", "Message-ID: <1@x.example>\r\n\r\nbody\r\n", kMonday, "");
  backend_->Deliver("Queue", "Message-ID: <21@X.example>\r\n\r\nbody\r\n", kMonday, "");
  ASSERT_TRUE(IsOk(helper().Select("Queue", /*read_only=*/true).status()));
  EXPECT_EQ(OrDie(helper().UidSearch(SearchKey::Header("Message-ID", "1@x.example"))).size(), 2u);
  EXPECT_EQ(OrDie(helper().UidSearch(SearchKey::Header("Message-ID", "<1@x.example>"))).size(), 1u);
}

}  // namespace
}  // namespace mailtrail::mailstore
