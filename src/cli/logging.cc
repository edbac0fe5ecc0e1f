#include "cli/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace mailtrail::cli {
namespace {

// %j: the message as a JSON string literal, quotes and control characters escaped.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string quoted =
        nlohmann::json(std::string(msg.payload.data(), msg.payload.size()))
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(quoted.data(), quoted.data() + quoted.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void ConfigureLogging(const Config& config) {
  auto logger = spdlog::get("mailtrail");
  if (!logger) logger = spdlog::stderr_logger_mt("mailtrail");
  if (config.log_format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JsonMessageFlag>('j').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","message":%j})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%d %H:%M:%S %l: %v");
  }
  logger->set_level(spdlog::level::from_str(config.log_level.empty() ? "warn" : config.log_level));
  spdlog::set_default_logger(logger);
}

void LogAsService(const Config& config) {
  if (config.log_level.empty()) spdlog::set_level(spdlog::level::info);
}

}  // namespace mailtrail::cli
