#include "testing/dovecot_server.h"

#include <gtest/gtest.h>

namespace mailtrail::testing {
namespace {

TEST(DovecotServerTest, StartsDeliversRestartsAndCleansUp) {
  auto server = DovecotServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  std::filesystem::path maildir = (*server)->maildir("sales");
  ASSERT_TRUE((*server)->Deliver("sales", "Queue", "From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n").ok())
      << (*server)->Log();
  EXPECT_TRUE(std::filesystem::exists(maildir / ".Queue")) << "Maildir++ layout";
  ASSERT_TRUE((*server)->Restart().ok()) << (*server)->Log();
  EXPECT_TRUE((*server)->Deliver("sales", "Queue", "From: a@b.example\r\n\r\nagain\r\n").ok());
  const auto root = maildir.parent_path().parent_path().parent_path();
  server->reset();
  EXPECT_FALSE(std::filesystem::exists(root));
}

}  // namespace
}  // namespace mailtrail::testing
