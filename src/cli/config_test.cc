#include "cli/config.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/test_util.h"

namespace mailtrail::cli {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"MAILTRAIL_CONFIG", "MAILTRAIL_DATABASE", "MAILTRAIL_LOG_LEVEL", "MAILTRAIL_LOG_FORMAT",
                             "MAILTRAIL_SHOW_SYNC_WAIT_MS"}) {
      unsetenv(name);
    }
    for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
      unsetenv(LimitEnvironmentVariable(setting.name).c_str());
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

TEST_F(ConfigTest, LimitsDefaultToThoseOfTheParser) {
  auto config = LoadConfig("");
  ASSERT_TRUE(config.ok());
  const mime::ParseLimits defaults;
  for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
    EXPECT_EQ(config->limits.*setting.value, defaults.*setting.value) << setting.name;
  }
  EXPECT_EQ(config->limits.max_header_bytes, 1u << 20);
}

TEST_F(ConfigTest, EveryLimitFromTheFileThenTheEnvironment) {
  const auto file = temp_.path() / "mailtrail.toml";
  std::string toml = "[limits]\n";
  std::size_t value = 1;
  for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
    toml += std::string(setting.name) + " = " + std::to_string(value++) + "\n";
  }
  testing::WriteFile(file, toml);
  auto config = LoadConfig(file.string());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  value = 1;
  for (const mime::ParseLimitSetting& setting : mime::kParseLimitSettings) {
    EXPECT_EQ(config->limits.*setting.value, value++) << setting.name;
  }

  setenv("MAILTRAIL_MAX_LINE_BYTES", "998", 1);
  config = LoadConfig(file.string());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->limits.max_line_bytes, 998u);
  EXPECT_EQ(config->limits.max_message_bytes, 1u) << "the others as the file has them";
}

TEST_F(ConfigTest, LimitsMustBeWholeNumbersAboveZero) {
  for (const std::string value : {"0", "-1", "\"1 MB\"", "1.5", "true"}) {
    const auto file = temp_.path() / "limits.toml";
    testing::WriteFile(file, "[limits]\nmax_header_bytes = " + value + "\n");
    auto config = LoadConfig(file.string());
    EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument) << value;
    EXPECT_EQ(config.status().message(), "Invalid limits.max_header_bytes (expected a whole number above 0).");
  }
  const auto unknown = temp_.path() / "unknown.toml";
  testing::WriteFile(unknown, "[limits]\nmax_header_lines = 10\n");
  EXPECT_EQ(LoadConfig(unknown.string()).status().message(),
            "Unknown setting limits.max_header_lines in the configuration file.");
  for (const char* value : {"0", "-5", "12k", "1e6", " 12"}) {
    setenv("MAILTRAIL_MAX_MIME_PARTS", value, 1);
    auto config = LoadConfig("");
    EXPECT_EQ(config.status().message(),
              "Invalid MAILTRAIL_MAX_MIME_PARTS '" + std::string(value) + "' (expected a whole number above 0).");
  }
}

TEST_F(ConfigTest, ShowSyncWaitFromTheFileThenTheEnvironment) {
  EXPECT_EQ(LoadConfig("")->show_sync_wait_ms, 5000);
  const auto file = temp_.path() / "mailtrail.toml";
  testing::WriteFile(file, "[show]\nsync_wait_ms = 0\n");
  EXPECT_EQ(LoadConfig(file.string())->show_sync_wait_ms, 0) << "0: Show does not wait";
  setenv("MAILTRAIL_SHOW_SYNC_WAIT_MS", "1500", 1);
  EXPECT_EQ(LoadConfig(file.string())->show_sync_wait_ms, 1500);
  setenv("MAILTRAIL_SHOW_SYNC_WAIT_MS", "soon", 1);
  EXPECT_EQ(LoadConfig(file.string()).status().message(),
            "Invalid MAILTRAIL_SHOW_SYNC_WAIT_MS 'soon' (expected a whole number of milliseconds, 0 or more).");
  unsetenv("MAILTRAIL_SHOW_SYNC_WAIT_MS");
  testing::WriteFile(file, "[show]\nsync_wait_ms = -1\n");
  EXPECT_EQ(LoadConfig(file.string()).status().message(),
            "Invalid show.sync_wait_ms (expected a whole number of milliseconds, 0 or more).");
}

TEST_F(ConfigTest, LimitsHelpNamesEachSettingItsVariableAndValue) {
  EXPECT_EQ(LimitEnvironmentVariable("max_addresses_per_header"), "MAILTRAIL_MAX_ADDRESSES_PER_HEADER");
  const std::string help = LimitsHelp();
  EXPECT_NE(help.find("  limits.max_message_bytes (MAILTRAIL_MAX_MESSAGE_BYTES): 268435456\n"), std::string::npos)
      << help;
  EXPECT_NE(help.find("  limits.max_mime_parts (MAILTRAIL_MAX_MIME_PARTS): 1000\n"), std::string::npos) << help;
}

}  // namespace
}  // namespace mailtrail::cli
