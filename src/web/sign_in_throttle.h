// Failed sign-ins by remote address, within a sliding window: an address that
// keeps guessing is refused until its failures are older than the window.
//
// Thread-safety: safe to share between the server's threads.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace mailtrail::web {

class SignInThrottle {
 public:
  SignInThrottle(int max_failures, std::chrono::seconds window) : max_failures_(max_failures), window_(window) {}

  // Whether `address` has failed `max_failures` times within the window.
  bool Refuses(const std::string& address);
  void Failed(const std::string& address);

 private:
  using Clock = std::chrono::steady_clock;
  std::deque<Clock::time_point>& Forget(const std::string& address);

  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace mailtrail::web
