// Test helper: what spdlog's default logger writes at warning level and above
// while a CapturedLog lives (the logger's own sinks still write it). Tests that
// use it link spdlog.
//
// Thread-safety: lines may be logged from any thread; create and destroy the
// capture while no other thread logs.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace mailtrail::testing {

class CapturedLog {
 public:
  CapturedLog() : sink_(std::make_shared<Sink>()), logger_level_(spdlog::default_logger()->level()) {
    sink_->set_level(spdlog::level::warn);
    spdlog::default_logger()->sinks().push_back(sink_);
    // A test before may have quietened the logger.
    if (logger_level_ > spdlog::level::warn) spdlog::default_logger()->set_level(spdlog::level::warn);
  }
  ~CapturedLog() {
    std::erase(spdlog::default_logger()->sinks(), sink_);
    spdlog::default_logger()->set_level(logger_level_);
  }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  // The messages logged so far (without time stamp or level), oldest first.
  std::vector<std::string> Lines() const { return sink_->Lines(); }

  // The messages that contain `text`.
  std::vector<std::string> LinesWith(const std::string& text) const {
    std::vector<std::string> lines = Lines();
    std::erase_if(lines, [&text](const std::string& line) { return line.find(text) == std::string::npos; });
    return lines;
  }

 private:
  class Sink : public spdlog::sinks::base_sink<std::mutex> {
   public:
    std::vector<std::string> Lines() {
      std::lock_guard<std::mutex> lock(mutex_);
      return lines_;
    }

   protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
      lines_.emplace_back(message.payload.begin(), message.payload.end());
    }
    void flush_() override {}

   private:
    std::vector<std::string> lines_;  // guarded by base_sink's mutex_
  };

  std::shared_ptr<Sink> sink_;
  spdlog::level::level_enum logger_level_;
};

}  // namespace mailtrail::testing
