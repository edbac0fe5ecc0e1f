#include "cli/config.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/test_util.h"

namespace mailtrail::cli {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"MAILTRAIL_CONFIG", "MAILTRAIL_DATABASE", "MAILTRAIL_LOG_LEVEL", "MAILTRAIL_LOG_FORMAT"}) {
      unsetenv(name);
    }
  }
  testing::TempDir temp_;
};

TEST_F(ConfigTest, DefaultsWithoutAFile) {
  auto config = LoadConfig("");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->database, "mailtrail.db");
  EXPECT_EQ(config->log_level, "") << "each command picks its own";
  EXPECT_EQ(config->log_format, "text");
}

TEST_F(ConfigTest, FileThenEnvironment) {
  const auto file = temp_.path() / "mailtrail.toml";
  testing::WriteFile(file, "database = \"sqlite:///srv/a.db\"\n[log]\nlevel = \"info\"\nformat = \"json\"\n");
  auto config = LoadConfig(file.string());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->database, "sqlite:///srv/a.db");
  EXPECT_EQ(config->log_level, "info");
  EXPECT_EQ(config->log_format, "json");

  setenv("MAILTRAIL_CONFIG", file.c_str(), 1);
  setenv("MAILTRAIL_DATABASE", "/tmp/b.db", 1);
  config = LoadConfig("");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->database, "/tmp/b.db");
  EXPECT_EQ(config->log_format, "json");
}

TEST_F(ConfigTest, ClearErrors) {
  EXPECT_EQ(LoadConfig((temp_.path() / "missing.toml").string()).status().code(), StatusCode::kNotFound);
  const auto broken = temp_.path() / "broken.toml";
  testing::WriteFile(broken, "database = \n");
  auto config = LoadConfig(broken.string());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(config.status().message().find("line 1"), std::string::npos) << config.status().message();
  const auto bad_level = temp_.path() / "level.toml";
  testing::WriteFile(bad_level, "[log]\nlevel = \"loud\"\n");
  EXPECT_EQ(LoadConfig(bad_level.string()).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace mailtrail::cli
