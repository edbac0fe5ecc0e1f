// What is particular to IMAP: URLs, TLS, logins, servers without UIDPLUS or IDLE,
// UIDVALIDITY, reconnecting, timeouts, and the server quirks met on the way. The
// MailStore contract itself runs in mail_store_test.cc against IMAP too.
#include "mailstore/imap/imap_store.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mailstore/imap/imap_connection.h"
#include "mailstore/imap/imap_content.h"
#include "mailstore/imap/imap_url.h"
#include "mailstore/mail_store_backends.h"
#include "mailstore/mail_store_test_util.h"
#include "testing/dovecot_server.h"
#include "testing/test_util.h"

namespace mailtrail::mailstore {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::DovecotServer;

constexpr domain::UnixTime kMonday = 1772442900;  // 2026-03-02T09:15:00Z

std::string Message(const std::string& subject, const std::string& message_id = "") {
  testing::TestMessage message;
  message.from = "anna@cronus.example";
  message.to = "kim@adatum.example";
  message.subject = subject;
  message.message_id = message_id;
  message.body = "Body text.\r\n";
  return message.Render();
}

template <typename T>
T OrDie(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().ToString());
  return std::move(result).value();
}

std::unique_ptr<DovecotServer> StartDovecot(DovecotServer::Options options = {}) {
  return OrDie(DovecotServer::Start(std::move(options)));
}

// A user's view of one account on a Dovecot: the store under test, and a
// connection of its own to put messages in and look at them.
class Account {
 public:
  Account(DovecotServer& server, DovecotServer::User user, ImapStore::Tuning tuning = {})
      : server_(server), user_(std::move(user)) {
    store_ = OrDie(ImapStore::Open(Url(), Options(), tuning));
    helper_ = OrDie(ImapConnection::Open(Url(), Options()));
  }

  ImapUrl Url(bool implicit_tls = false) const { return OrDie(ParseImapUrl(server_.Url(user_.name, implicit_tls))); }
  ConnectOptions Options() const {
    return {.require_tls = true, .ca_file = server_.ca_file().string(), .password = user_.password, .timeout = 5s};
  }
  ImapStore& store() { return *store_; }
  ImapConnection& helper() { return *helper_; }
  const DovecotServer::User& user() const { return user_; }

  MessageRef Queue(const std::string& raw, const std::vector<std::string>& flags = {}) {
    EXPECT_TRUE(IsOk(helper_->Append("Queue", flags, kMonday, raw)));
    auto listed = store_->ListMessages("Queue", 0);
    EXPECT_TRUE(IsOk(listed.status()));
    return listed->back();
  }

  // UID and flags of every message of `folder`, \Recent too, as the server says.
  std::vector<std::string> Flags(const std::string& folder) { return ImapFlagLines(*helper_, folder, true); }

 private:
  DovecotServer& server_;
  const DovecotServer::User user_;
  std::unique_ptr<ImapStore> store_;
  std::unique_ptr<ImapConnection> helper_;
};

// An account on the shared Dovecot with Queue and Storage folders.
class ImapStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { account_ = Prepare(SharedDovecot(), NewDovecotUser()); }

  static std::unique_ptr<Account> Prepare(DovecotServer& server, DovecotServer::User user,
                                          ImapStore::Tuning tuning = {}) {
    auto account = std::make_unique<Account>(server, std::move(user), tuning);
    EXPECT_TRUE(IsOk(account->store().CreateFolder("Queue")));
    EXPECT_TRUE(IsOk(account->store().CreateFolder("Storage")));
    return account;
  }

  static CopyRequest Request(const MessageRef& message, const std::string& served, std::string message_id = "") {
    return {.source = message, .message_id = std::move(message_id), .content_hash = Sha256Hex(served)};
  }

  static Result<std::string> ReadStored(MailStore& store, const domain::Attachment& attachment) {
    return Collect([&](const ChunkSink& sink) { return store.ReadStored(attachment, sink); });
  }

  ImapStore& store() { return account_->store(); }
  Account& account() { return *account_; }

  std::unique_ptr<Account> account_;
};

// ---- URLs ----

TEST(ImapUrlTest, ParsesUserHostAndPortWithTheSchemesDefaults) {
  const ImapUrl plain = OrDie(ParseImapUrl("imap://sales@mail.example.com"));
  EXPECT_FALSE(plain.implicit_tls);
  EXPECT_EQ(plain.user, "sales");
  EXPECT_EQ(plain.host, "mail.example.com");
  EXPECT_EQ(plain.port, 143);

  const ImapUrl tls = OrDie(ParseImapUrl("imaps://sales%40contoso.com@outlook.office365.com:993/"));
  EXPECT_TRUE(tls.implicit_tls);
  EXPECT_EQ(tls.user, "sales@contoso.com");
  EXPECT_EQ(tls.Endpoint(), "outlook.office365.com:993");

  const ImapUrl ipv6 = OrDie(ParseImapUrl("imaps://a@b@[::1]:10993"));
  EXPECT_EQ(ipv6.user, "a@b") << "the last '@' ends the user";
  EXPECT_EQ(ipv6.host, "::1");
  EXPECT_EQ(ipv6.Endpoint(), "[::1]:10993");
}

TEST(ImapUrlTest, RefusesWhatCannotWork) {
  for (const char* url : {"imap://mail.example.com", "imap://@mail.example.com", "imap://sales@", "imap://sales@host:0",
                          "imap://sales@host:70000", "imap://sales@host:", "imap://sales@host/INBOX",
                          "imap://sales@ho st", "imap://sales;AUTH=*@host", "imap://sales%4@host", "pop3://a@b"}) {
    const Status status = ParseImapUrl(url).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << url;
  }
  EXPECT_NE(ParseImapUrl("imap://sales@host:0").status().message().find("imap://USER@HOST[:PORT]"), std::string::npos);
}

TEST(ImapUrlTest, APasswordInTheUrlIsRefusedWithoutRepeatingIt) {
  const Status status = CheckMailStoreUrl("imaps://sales:hunter2@mail.example.com");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("MAILTRAIL_IMAP_PASSWORD"), std::string::npos);
  EXPECT_EQ(status.message().find("hunter2"), std::string::npos);
}

TEST(ImapUrlTest, MailStoreUrlsTakeImap) {
  EXPECT_TRUE(IsOk(CheckMailStoreUrl("imap://sales@127.0.0.1:1143")));
  EXPECT_TRUE(IsOk(CheckMailStoreUrl("imaps://sales@mail.example.com")));
  const Status unknown = CheckMailStoreUrl("pop3://sales@mail.example.com");
  EXPECT_NE(unknown.message().find("imaps://USER@HOST[:PORT]"), std::string::npos) << unknown.message();
}

// ---- Connecting: TLS, login, timeouts ----

TEST_F(ImapStoreTest, StartTlsAndImplicitTlsWithTheServersCa) {
  ConnectOptions options = account().Options();
  for (const bool implicit_tls : {false, true}) {
    for (const bool require_tls : {false, true}) {
      options.require_tls = require_tls;
      auto opened = ImapStore::Open(account().Url(implicit_tls), options);
      ASSERT_TRUE(IsOk(opened.status())) << "implicit " << implicit_tls << ", required " << require_tls;
      EXPECT_TRUE(IsOk((*opened)->CheckFolder("Queue")));
    }
  }
}

TEST_F(ImapStoreTest, ACertificateNotSignedByTheCaIsRefusedBeforeTheLogin) {
  testing::TempDir dir;
  const std::filesystem::path other_ca = dir.path() / "other.pem";
  ASSERT_EQ(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
                         "-subj '/CN=other' -keyout /dev/null -out '" +
                         other_ca.string() + "' 2>/dev/null")
                            .c_str()),
            0);
  ConnectOptions options = account().Options();
  for (const bool implicit_tls : {false, true}) {
    options.ca_file = other_ca.string();
    Status refused = ImapStore::Open(account().Url(implicit_tls), options).status();
    EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(refused.message().find("is not trusted"), std::string::npos) << refused.message();
    EXPECT_EQ(refused.message().find(options.password), std::string::npos);

    options.ca_file = (dir.path() / "missing.pem").string();
    refused = ImapStore::Open(account().Url(implicit_tls), options).status();
    EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(refused.message().find("missing.pem' cannot be read"), std::string::npos) << refused.message();
  }
}

// On a server of its own: after refused logins Dovecot makes later ones from the
// same address wait (its auth penalty), which would slow the tests after it.
TEST(ImapLoginTest, ARefusedLoginNamesTheUserButNotThePassword) {
  const auto server = StartDovecot();
  const ImapUrl url = OrDie(ParseImapUrl(server->Url("sales")));
  ConnectOptions options{.ca_file = server->ca_file().string(), .password = "wrong password"};
  const Status refused = ImapStore::Open(url, options).status();
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "The IMAP server refused the login for sales.");

  options.password.clear();
  const Status no_password = ImapStore::Open(url, options).status();
  EXPECT_EQ(no_password.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(no_password.message().find("MAILTRAIL_IMAP_PASSWORD"), std::string::npos);
}

TEST(ImapConnectTest, AnUnreachableServerIsUnavailableAndNamed) {
  const std::string endpoint = "127.0.0.1:" + std::to_string(testing::FreeLoopbackPort());

  const Status status = OpenMailStore("imap://sales@" + endpoint, {.password = "secret"}).status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find(endpoint), std::string::npos) << status.message();
}

TEST(ImapConnectTest, AServerNameThatCannotBeFoundIsUnavailableAndNamed) {
  // Either the lookup fails, or (where no DNS server answers) it outlasts the
  // timeout: both say which server.
  const Status status =
      OpenMailStore("imap://sales@no-such-host.invalid", {.password = "secret", .timeout = 2s}).status();
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("the IMAP server no-such-host.invalid"), std::string::npos) << status.message();
}

// A TCP listener on a free loopback port. Until someone accepts, the kernel
// completes connections and nothing answers on them.
class LoopbackListener {
 public:
  LoopbackListener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 8);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~LoopbackListener() { ::close(fd_); }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int fd() const { return fd_; }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

TEST(ImapConnectTest, AServerThatNeverAnswersTimesOut) {
  LoopbackListener silent;
  for (const char* scheme : {"imap", "imaps"}) {
    const auto start = Clock::now();
    const Status status = OpenMailStore(std::string(scheme) + "://sales@127.0.0.1:" + std::to_string(silent.port()),
                                        {.password = "secret", .timeout = 1s})
                              .status();
    EXPECT_EQ(status.code(), StatusCode::kUnavailable) << scheme;
    EXPECT_LT(Clock::now() - start, 3s) << scheme << ": " << status.message();
  }
}

// A server that greets, offers no STARTTLS, and refuses every command but CAPABILITY.
class PlainOnlyServer {
 public:
  PlainOnlyServer()
      : thread_([this] {
          const int connection = ::accept(listener_.fd(), nullptr, nullptr);
          if (connection < 0) return;
          Send(connection, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain only\r\n");
          std::string line;
          char c;
          while (::read(connection, &c, 1) == 1) {
            if (c != '\n') {
              line += c;
              continue;
            }
            const std::string tag = line.substr(0, line.find(' '));
            Send(connection, line.find("CAPABILITY") != std::string::npos
                                 ? "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n"
                                 : tag + " NO not here\r\n");
            line.clear();
          }
          ::close(connection);
        }) {}
  ~PlainOnlyServer() {
    ::shutdown(listener_.fd(), SHUT_RDWR);  // ends a pending accept
    thread_.join();
  }
  std::string Url() const { return "imap://sales@127.0.0.1:" + std::to_string(listener_.port()); }

 private:
  static void Send(int fd, const std::string& text) { (void)!::write(fd, text.data(), text.size()); }

  LoopbackListener listener_;
  std::thread thread_;
};

TEST(ImapConnectTest, RequireTlsRefusesAServerWithoutStartTls) {
  {
    PlainOnlyServer server;
    const Status refused = OpenMailStore(server.Url(), {.require_tls = true, .password = "secret"}).status();
    EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(refused.message().find("does not offer STARTTLS"), std::string::npos) << refused.message();
  }
  PlainOnlyServer server;  // without require-tls it goes on in plain text, to the login
  const Status login = OpenMailStore(server.Url(), {.password = "secret"}).status();
  EXPECT_EQ(login.message(), "The IMAP server refused the login for sales.");
}

TEST(ImapLoginTest, XOAuth2LogsInWithABearerToken) {
  DovecotServer::Options with_oauth2;
  with_oauth2.enable_xoauth2 = true;
  const auto server = StartDovecot(with_oauth2);
  const ImapUrl url = OrDie(ParseImapUrl(server->Url("sales", /*implicit_tls=*/true)));
  ConnectOptions options{.ca_file = server->ca_file().string(), .oauth2_token = server->XOAuth2Token("sales")};
  auto store = ImapStore::Open(url, options);
  ASSERT_TRUE(IsOk(store.status())) << server->Log();
  EXPECT_TRUE(IsOk((*store)->CreateFolder("Queue")));

  options.oauth2_token = server->XOAuth2Token("someone-else");
  const Status refused = ImapStore::Open(url, options).status();
  EXPECT_EQ(refused.message(), "The IMAP server refused the login for sales.");
  EXPECT_EQ(refused.message().find(options.oauth2_token), std::string::npos);

  const Status not_offered = ImapStore::Open(OrDie(ParseImapUrl(SharedDovecot().Url("user1"))),
                                             {.ca_file = SharedDovecot().ca_file().string(), .oauth2_token = "token"})
                                 .status();
  EXPECT_EQ(not_offered.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(not_offered.message().find("XOAUTH2"), std::string::npos) << not_offered.message();
}

// Dovecot advertises UIDPLUS, MOVE and the like only after the login.
TEST_F(ImapStoreTest, CapabilitiesAreThoseAfterTheLogin) {
  EXPECT_TRUE(account().helper().HasCapability("UIDPLUS"));
  EXPECT_TRUE(account().helper().HasCapability("idle"));
}

// ---- Folders ----

TEST_F(ImapStoreTest, FolderLevelsUseTheServersSeparator) {
  ASSERT_TRUE(IsOk(store().CreateFolder("Sales/Queue")));
  EXPECT_TRUE(std::filesystem::exists(SharedDovecot().maildir(account().user().name) / ".Sales.Queue"))
      << "Dovecot separates levels with '.'";
  EXPECT_TRUE(IsOk(store().CheckFolder("Sales/Queue")));
  EXPECT_EQ(store().CheckFolder("Sales").code(), StatusCode::kNotFound) << "a level that holds no mail";

  ASSERT_TRUE(IsOk(store().CreateFolder("R&D")));  // '&' is "&-" in modified UTF-7
  EXPECT_TRUE(IsOk(store().CheckFolder("R&D")));
  EXPECT_TRUE(IsOk(account().helper().Select("R&-D", /*read_only=*/true).status()));

  for (const char* bad : {"Sales.Queue", "Q*", "50%", "Sales//Queue", "/Queue", "Ünicode"}) {
    EXPECT_EQ(store().CreateFolder(bad).code(), StatusCode::kInvalidArgument) << bad;
  }
}

// ---- Reading never changes flags ----

TEST_F(ImapStoreTest, ListingReadingAndCopyingLeaveTheQueuesFlagsAlone) {
  const std::string raw = Message("unseen", "unseen@cronus.example");
  const MessageRef message = account().Queue(raw);
  const std::vector<std::string> before = account().Flags("Queue");
  ASSERT_EQ(before, std::vector<std::string>{message.key + " \\Recent"}) << "new: \\Recent, and not \\Seen";

  ASSERT_TRUE(IsOk(store().ListMessages("Queue", 0).status()));
  ASSERT_TRUE(
      IsOk(Collect([&](const ChunkSink& sink) { return store().ReadMessage("Queue", message, sink); }).status()));
  ASSERT_TRUE(
      IsOk(store().CopyMessages("Queue", {Request(message, raw, "unseen@cronus.example")}, "Storage").status()));
  ASSERT_TRUE(IsOk(store().WaitForChange("Queue", 0ms).status()));

  EXPECT_EQ(account().Flags("Queue"), before);
}

// ---- Copying and deleting ----

TEST_F(ImapStoreTest, ACopyIsAdoptedOnlyWithTheSameContent) {
  const std::string first = Message("first", "same@cronus.example");
  const std::string second = Message("second, same Message-ID", "same@cronus.example");
  const MessageRef one = account().Queue(first);
  const MessageRef two = account().Queue(second);

  auto stored = store().CopyMessages("Queue", {Request(one, first, "same@cronus.example")}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  auto both = store().CopyMessages(
      "Queue", {Request(one, first, "same@cronus.example"), Request(two, second, "same@cronus.example")}, "Storage");
  ASSERT_TRUE(IsOk(both.status()));
  EXPECT_EQ((*both)[0], stored->front()) << "adopted";
  EXPECT_NE((*both)[1], stored->front()) << "same Message-ID, other content: copied";
  EXPECT_EQ(account().Flags("Storage").size(), 2u);
}

TEST_F(ImapStoreTest, ACopyNoEarlierCallCanHaveMadeIsNotLookedFor) {
  const std::string raw = Message("fresh", "fresh@cronus.example");
  const MessageRef message = account().Queue(raw);
  CopyRequest request = Request(message, raw, "fresh@cronus.example");
  ASSERT_TRUE(IsOk(store().CopyMessages("Queue", {request}, "Storage").status()));

  request.earlier_copy_possible = false;  // what a caller says that knows better
  ASSERT_TRUE(IsOk(store().CopyMessages("Queue", {request}, "Storage").status()));
  EXPECT_EQ(account().Flags("Storage").size(), 2u) << "copied without a search";
}

TEST_F(ImapStoreTest, ACopyWithoutContentHashIsAdoptedByMessageIdAndSize) {
  const std::string first = Message("first", "by-id@cronus.example");
  const std::string longer = Message("first, but longer", "by-id@cronus.example");
  const MessageRef one = account().Queue(first);
  const MessageRef two = account().Queue(longer);
  const CopyRequest without_hash = {.source = one, .message_id = "by-id@cronus.example"};

  auto stored = store().CopyMessages("Queue", {without_hash}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  auto again = store().CopyMessages(
      "Queue", {without_hash, {.source = two, .message_id = "by-id@cronus.example"}}, "Storage");
  ASSERT_TRUE(IsOk(again.status()));
  EXPECT_EQ((*again)[0], stored->front()) << "adopted";
  EXPECT_NE((*again)[1], stored->front()) << "same Message-ID, other size: copied";
  EXPECT_EQ(account().Flags("Storage").size(), 2u);
  EXPECT_TRUE(*store().Exists({.location = {.folder = "Storage", .key = "999", .uidvalidity = 1},
                               .message_id = "by-id@cronus.example",
                               .size = static_cast<std::int64_t>(first.size())}))
      << "found by Message-ID and size, without a content hash";
}

TEST_F(ImapStoreTest, ReadingHeadersFetchesTheHeaderBlockOnly) {
  const std::string raw = Message("headers only", "headers@cronus.example");
  const MessageRef message = account().Queue(raw);
  std::string read;
  auto statuses = store().ReadMessages("Queue", {message}, ReadExtent::kHeader, [&read](std::size_t, std::string_view chunk) {
    read.append(chunk);
    return true;
  });
  ASSERT_TRUE(IsOk(statuses.status()));
  EXPECT_TRUE(statuses->front().ok());
  EXPECT_EQ(read, raw.substr(0, raw.find("\r\n\r\n") + 4));
}

class WithoutUidplusTest : public ImapStoreTest {
 protected:
  void SetUp() override {
    DovecotServer::Options old_server;
    old_server.capabilities = "IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE NAMESPACE";
    server_ = StartDovecot(old_server);
    account_ = Prepare(*server_, DovecotServer::Options().users.front());
  }

  std::unique_ptr<DovecotServer> server_;
};

TEST_F(WithoutUidplusTest, CopiesAreFoundByContentAndCopyingAgainAdoptsThem) {
  ASSERT_FALSE(account().helper().HasCapability("UIDPLUS"));
  ASSERT_FALSE(account().helper().HasCapability("MOVE"));
  const std::string with_id = Message("with id", "old@cronus.example");
  const std::string without_id = Message("without id");
  const std::vector<CopyRequest> requests = {Request(account().Queue(with_id), with_id, "old@cronus.example"),
                                             Request(account().Queue(without_id), without_id)};

  auto stored = store().CopyMessages("Queue", requests, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  auto stored_again = store().CopyMessages("Queue", requests, "Storage");
  ASSERT_TRUE(IsOk(stored_again.status()));
  EXPECT_EQ(*stored_again, *stored);
  EXPECT_EQ(account().Flags("Storage").size(), 2u);
  EXPECT_EQ(*ReadStored(store(), {.location = (*stored)[0]}), with_id);
  EXPECT_EQ(*ReadStored(store(), {.location = (*stored)[1]}), without_id);
}

TEST_F(WithoutUidplusTest, DeletingLeavesOtherClientsDeletedMessagesAlone) {
  const MessageRef first = account().Queue(Message("first"));
  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {first})));
  EXPECT_TRUE(account().Flags("Queue").empty()) << "nothing else was marked: expunged";

  const MessageRef ours = account().Queue(Message("ours"));
  account().Queue(Message("theirs"), {"\\Deleted"});  // a client that expunges later
  ASSERT_TRUE(IsOk(store().DeleteMessages("Queue", {ours})));

  const std::vector<std::string> left = account().Flags("Queue");
  ASSERT_EQ(left.size(), 2u) << "no EXPUNGE: it would take the other client's message too";
  EXPECT_NE(left[0].find("\\Deleted"), std::string::npos);
  EXPECT_NE(left[1].find("\\Deleted"), std::string::npos);
  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  EXPECT_TRUE(listed->empty()) << "messages marked \\Deleted are not listed";
}

// ---- UIDVALIDITY ----

TEST_F(ImapStoreTest, ARebuiltStorageFolderStillShowsTheMessageByMessageId) {
  const std::string raw = Message("kept", "kept@cronus.example");
  auto stored = store().CopyMessages("Queue", {Request(account().Queue(raw), raw, "kept@cronus.example")}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const domain::Attachment attachment{.location = stored->front(),
                                      .message_id = "kept@cronus.example",
                                      .content_hash = Sha256Hex(raw),
                                      .size = static_cast<std::int64_t>(raw.size())};

  // The folder is deleted and made again (a new UIDVALIDITY); a user puts the
  // message back, behind another one.
  ASSERT_TRUE(IsOk(SharedDovecot().DeleteFolder(account().user().name, "Storage")));
  ASSERT_TRUE(IsOk(SharedDovecot().Deliver(account().user().name, "Storage", Message("other"))));
  ASSERT_TRUE(IsOk(SharedDovecot().Deliver(account().user().name, "Storage", raw)));
  ASSERT_NE(OrDie(account().helper().Select("Storage", true)).uidvalidity, attachment.location.uidvalidity);

  auto exists = store().Exists(attachment);
  ASSERT_TRUE(IsOk(exists.status()));
  EXPECT_TRUE(*exists);
  EXPECT_EQ(*ReadStored(store(), attachment), raw);

  // Put back once more, with other bytes: the Message-ID still finds it.
  const std::string rewritten = "X-Restored: yes\r\n" + raw;
  ASSERT_TRUE(IsOk(SharedDovecot().DeleteFolder(account().user().name, "Storage")));
  ASSERT_TRUE(IsOk(SharedDovecot().Deliver(account().user().name, "Storage", rewritten)));
  EXPECT_TRUE(*store().Exists(attachment));
  EXPECT_EQ(*ReadStored(store(), attachment), rewritten);

  ASSERT_TRUE(IsOk(SharedDovecot().DeleteFolder(account().user().name, "Storage")));
  EXPECT_FALSE(*store().Exists(attachment)) << "folder gone";
}

TEST_F(ImapStoreTest, AUidTheFolderHasNotAssignedYetMayStillArrive) {
  const std::string raw = Message("stored", "stored@cronus.example");
  auto stored = store().CopyMessages("Queue", {Request(account().Queue(raw), raw, "stored@cronus.example")}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  const domain::StoredLocation there = stored->front();
  // As a replica behind the server that stored it sees the next message's
  // location: the same UIDVALIDITY, a UID not assigned yet.
  domain::StoredLocation next = there;
  next.key = std::to_string(std::stoul(there.key) + 1);
  EXPECT_TRUE(OrDie(store().MayStillArrive(next)));

  ASSERT_TRUE(IsOk(SharedDovecot().Deliver(account().user().name, "Storage", Message("next"))));
  EXPECT_FALSE(OrDie(store().MayStillArrive(next))) << "its UID is taken now";
  domain::StoredLocation renumbered = next;
  renumbered.key = "100";
  renumbered.uidvalidity = there.uidvalidity + 1;
  EXPECT_FALSE(OrDie(store().MayStillArrive(renumbered))) << "another generation of the folder";
  renumbered.folder = "Nowhere";
  EXPECT_FALSE(OrDie(store().MayStillArrive(renumbered)));
}

TEST_F(ImapStoreTest, AQueueRenumberedSinceItWasListedStopsTheBatch) {
  const MessageRef message = account().Queue(Message("queued"));
  ASSERT_TRUE(IsOk(SharedDovecot().DeleteFolder(account().user().name, "Queue")));
  ASSERT_TRUE(IsOk(SharedDovecot().Deliver(account().user().name, "Queue", Message("another"))));

  auto read = store().ReadMessages("Queue", {message}, ReadExtent::kWhole,
                                   [](std::size_t, std::string_view) { return true; });
  EXPECT_EQ(read.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(read.status().message().find("UIDVALIDITY"), std::string::npos) << read.status().message();
  EXPECT_EQ(store().DeleteMessages("Queue", {message}).code(), StatusCode::kUnavailable);
  EXPECT_EQ(account().Flags("Queue").size(), 1u) << "nothing deleted";

  // The refs of a new listing work; the old one stays refused, though its UID is
  // taken again (by another message).
  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(store().DeleteMessages("Queue", {message}).code(), StatusCode::kUnavailable);
  EXPECT_EQ(account().Flags("Queue").size(), 1u) << "nothing deleted";
  EXPECT_TRUE(IsOk(store().DeleteMessages("Queue", *listed)));
  EXPECT_TRUE(account().Flags("Queue").empty());
}

TEST_F(ImapStoreTest, AnotherStoreOfTheAccountWorksOnTheRefsOfAListing) {
  const std::string raw = Message("listed here, read there");
  const MessageRef message = account().Queue(raw);
  auto other = OrDie(ImapStore::Open(account().Url(), account().Options()));
  std::string read;
  auto statuses = other->ReadMessages("Queue", {message}, ReadExtent::kWhole, [&read](std::size_t, std::string_view chunk) {
    read.append(chunk);
    return true;
  });
  ASSERT_TRUE(IsOk(statuses.status()));
  EXPECT_TRUE(IsOk(statuses->front()));
  EXPECT_EQ(read, raw);
  EXPECT_TRUE(IsOk(other->DeleteMessages("Queue", {message})));
  EXPECT_TRUE(account().Flags("Queue").empty());
}

// ---- Waiting for mail ----

TEST_F(ImapStoreTest, WaitForChangeWakesWithinASecondOfAnAppend) {
  ASSERT_FALSE(*store().WaitForChange("Queue", 0ms));
  Clock::time_point appended;
  std::thread deliver([&] {
    std::this_thread::sleep_for(200ms);
    auto other = OrDie(ImapConnection::Open(account().Url(), account().Options()));
    EXPECT_TRUE(IsOk(other->Append("Queue", {}, kMonday, Message("new"))));
    appended = Clock::now();
  });
  auto changed = store().WaitForChange("Queue", 20s);
  const Clock::time_point woken = Clock::now();
  deliver.join();
  ASSERT_TRUE(IsOk(changed.status()));
  EXPECT_TRUE(*changed);
  EXPECT_LT(woken - appended, 1s);
}

TEST_F(ImapStoreTest, MailThatArrivedBetweenTwoWaitsCountsAtOnce) {
  ASSERT_FALSE(*store().WaitForChange("Queue", 0ms));  // armed
  account().Queue(Message("while a pass ran"));
  const auto start = Clock::now();
  EXPECT_TRUE(*store().WaitForChange("Queue", 20s));
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_FALSE(*store().WaitForChange("Queue", 50ms)) << "counted once";
}

TEST(WithoutIdleTest, WaitForChangePolls) {
  DovecotServer::Options no_idle;
  no_idle.capabilities = "IMAP4rev1 LITERAL+ SASL-IR UIDPLUS";
  const auto server = StartDovecot(no_idle);
  Account account(*server, DovecotServer::Options().users.front(), {.poll_interval = 100ms});
  ASSERT_TRUE(IsOk(account.store().CreateFolder("Queue")));
  ASSERT_FALSE(account.helper().HasCapability("IDLE"));
  EXPECT_FALSE(*account.store().WaitForChange("Queue", 250ms));
  std::thread deliver([&] {
    std::this_thread::sleep_for(150ms);
    ASSERT_TRUE(IsOk(server->Deliver("sales", "Queue", Message("polled"))));
  });
  const auto start = Clock::now();
  auto changed = account.store().WaitForChange("Queue", 20s);
  deliver.join();
  ASSERT_TRUE(IsOk(changed.status()));
  EXPECT_TRUE(*changed);
  EXPECT_LT(Clock::now() - start, 2s);
}

// ---- Reconnecting ----

class ReconnectTest : public ImapStoreTest {
 protected:
  void SetUp() override {
    server_ = StartDovecot();
    account_ = Prepare(*server_, DovecotServer::Options().users.front(), {.give_up_after = 5s, .first_backoff = 20ms});
  }

  std::unique_ptr<DovecotServer> server_;
};

TEST_F(ReconnectTest, ARestartedServerIsReconnectedAndTheOperationDone) {
  const std::string raw = Message("survives", "survives@cronus.example");
  const MessageRef message = account().Queue(raw);
  ASSERT_TRUE(IsOk(server_->Restart()));
  auto stored = store().CopyMessages("Queue", {Request(message, raw, "survives@cronus.example")}, "Storage");
  ASSERT_TRUE(IsOk(stored.status()));
  ASSERT_TRUE(IsOk(server_->Restart()));
  EXPECT_EQ(*ReadStored(store(), {.location = stored->front()}), raw);
}

TEST_F(ReconnectTest, ReconnectingWaitsForAServerThatIsDownForAWhile) {
  ASSERT_TRUE(IsOk(server_->Stop()));
  std::thread restart([this] {
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(IsOk(server_->Restart()));
  });
  const auto start = Clock::now();
  const Status checked = store().CheckFolder("Queue");
  restart.join();
  EXPECT_TRUE(IsOk(checked));
  EXPECT_GE(Clock::now() - start, 300ms);
}

TEST_F(ReconnectTest, ReconnectingGivesUpAfterItsTime) {
  auto impatient =
      ImapStore::Open(account().Url(), account().Options(), {.give_up_after = 300ms, .first_backoff = 50ms});
  ASSERT_TRUE(IsOk(impatient.status()));
  ASSERT_TRUE(IsOk(server_->Stop()));
  const auto start = Clock::now();
  const Status status = (*impatient)->CheckFolder("Queue");
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("Gave up reaching the IMAP server 127.0.0.1:"), std::string::npos)
      << status.message();
  EXPECT_LT(Clock::now() - start, 2s);
}

// ---- Server quirks ----

// Dovecot refuses to APPEND an empty message, but one can reach its Maildir; it
// is listed with size 0 and read as nothing.
TEST_F(ImapStoreTest, AZeroByteMessageCannotBeAppendedButIsReadAsEmpty) {
  EXPECT_EQ(account().helper().Append("Queue", {}, kMonday, "").code(), StatusCode::kIOError);
  const std::filesystem::path file =
      SharedDovecot().maildir(account().user().name) / ".Queue" / "new" / "1772442900.M1.empty";
  testing::WriteFile(file, "");
  auto listed = store().ListMessages("Queue", 0);
  ASSERT_TRUE(IsOk(listed.status()));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().size, 0);
  auto read = Collect([&](const ChunkSink& sink) { return store().ReadMessage("Queue", listed->front(), sink); });
  ASSERT_TRUE(IsOk(read.status()));
  EXPECT_EQ(*read, "");
}

// "N:*" means N up to the highest UID, and so matches the highest UID even when
// it is below N (RFC 3501, 6.4.8): a copy found by "UIDNEXT:*" must be checked.
TEST_F(ImapStoreTest, AUidRangeToStarMatchesTheHighestUidBelowItsStart) {
  account().Queue(Message("only"));
  ASSERT_TRUE(IsOk(account().helper().Select("Queue", /*read_only=*/true).status()));
  auto found = account().helper().UidSearch(SearchKey::Uids(UidSet::From(100)));
  ASSERT_TRUE(IsOk(found.status()));
  EXPECT_EQ(*found, std::vector<std::uint32_t>{1});
}

// ---- Batches ----

TEST(FetchBatchesTest, AtMost100MessagesOr16MiBAndALargeMessageAlone) {
  EXPECT_TRUE(FetchBatches({}).empty());
  const std::vector<std::int64_t> small(250, 1000);
  EXPECT_EQ(FetchBatches(small), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 100}, {100, 200}, {200, 250}}));
  const std::int64_t mib = 1 << 20;
  EXPECT_EQ(FetchBatches({6 * mib, 6 * mib, 6 * mib, 40 * mib, 1}),
            (std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}, {2, 3}, {3, 4}, {4, 5}}));
}

}  // namespace
}  // namespace mailtrail::mailstore
