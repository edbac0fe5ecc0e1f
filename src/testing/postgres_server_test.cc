#include "testing/postgres_server.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace mailtrail::testing {
namespace {

TEST(PostgresServerTest, StartsCreatesDatabasesRestartsAndCleansUp) {
  auto server = PostgresServer::Start();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  PostgresServer& postgres = **server;
  EXPECT_EQ(postgres.Url("sales"),
            "postgresql://mailtrail@127.0.0.1:" + std::to_string(postgres.port()) + "/sales");

  ASSERT_TRUE(postgres.CreateDatabase("sales").ok()) << postgres.Log();
  const Status taken = postgres.CreateDatabase("sales");
  EXPECT_EQ(taken.code(), StatusCode::kUnavailable);
  EXPECT_NE(taken.message().find("already exists"), std::string::npos) << taken.message();
  EXPECT_TRUE(postgres.CreateUser("clerk", "it's secret").ok());

  ASSERT_TRUE(postgres.Stop().ok());
  EXPECT_EQ(postgres.CreateDatabase("closed").code(), StatusCode::kUnavailable);
  ASSERT_TRUE(postgres.Restart().ok()) << postgres.Log();
  EXPECT_TRUE(postgres.CreateDatabase("reopened").ok()) << postgres.Log();
  ASSERT_TRUE(postgres.Restart().ok()) << postgres.Log();
  EXPECT_TRUE(postgres.CreateDatabase("again").ok()) << postgres.Log();

  const std::filesystem::path folder = postgres.folder();
  EXPECT_TRUE(std::filesystem::exists(folder / "data" / "PG_VERSION"));
  server->reset();
  EXPECT_FALSE(std::filesystem::exists(folder));
}

TEST(PostgresServerTest, SharedServerIsStartedOnce) {
  auto first = PostgresServer::Shared();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = PostgresServer::Shared();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);
  EXPECT_TRUE((*first)->CreateDatabase("shared").ok());
}

TEST(PostgresServerTest, FreshDatabasesGetNamesOfTheirOwn) {
  auto server = PostgresServer::Shared();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto first = (*server)->CreateFreshDatabase("fresh");
  auto second = (*server)->CreateFreshDatabase("fresh");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*first, (*server)->Url("fresh_1"));
  EXPECT_EQ(*second, (*server)->Url("fresh_2"));
}

}  // namespace
}  // namespace mailtrail::testing
