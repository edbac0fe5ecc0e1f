#include "testing/cyrus_server.h"

#include <gtest/gtest.h>

#include "mailstore/imap/imap_connection.h"
#include "mailstore/imap/imap_url.h"
#include "testing/server_support.h"

namespace mailtrail::testing {
namespace {

Result<std::unique_ptr<mailstore::ImapConnection>> LogIn(const CyrusServer& server, const MailUser& user) {
  auto url = mailstore::ParseImapUrl(server.Url(user.name));
  if (!url.ok()) return url.status();
  return mailstore::ImapConnection::Open(
      *url, {.require_tls = true, .ca_file = server.ca_file().string(), .password = user.password});
}

TEST(CyrusServerTest, ServesItsUsersOverStartTlsAndCleansUp) {
  auto server = CyrusServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const MailUser added_later = {"late", "pass word"};
  ASSERT_TRUE((*server)->AddUser(added_later).ok());

  for (const MailUser& user : {MailUser{"sales", "secret"}, added_later}) {
    auto connection = LogIn(**server, user);
    ASSERT_TRUE(connection.ok()) << connection.status().ToString() << (*server)->Log();
    EXPECT_TRUE((*connection)->Select("INBOX", /*read_only=*/true).ok()) << "made at the first login";
  }
  EXPECT_EQ(LogIn(**server, {"sales", "wrong"}).status().code(), StatusCode::kFailedPrecondition);

  const std::filesystem::path root = (*server)->ca_file().parent_path();
  const int port = (*server)->imap_port();
  server->reset();
  EXPECT_FALSE(std::filesystem::exists(root));
  EXPECT_FALSE(AcceptsConnections(port));
}

}  // namespace
}  // namespace mailtrail::testing
