#include "web/sign_in_throttle.h"

namespace mailtrail::web {

bool SignInThrottle::Refuses(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto& failures = Forget(address);
  return static_cast<int>(failures.size()) >= max_failures_;
}

void SignInThrottle::Failed(const std::string& address) {
  std::lock_guard lock(mutex_);
  Forget(address).push_back(Clock::now());
}

// The address's failures within the window; addresses whose failures all passed
// are forgotten, so the map holds only recent guessers.
std::deque<SignInThrottle::Clock::time_point>& SignInThrottle::Forget(const std::string& address) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    auto& times = it->second;
    while (!times.empty() && Clock::now() - times.front() > window_) times.pop_front();
    it = times.empty() && it->first != address ? failures_.erase(it) : std::next(it);
  }
  return failures_[address];
}

}  // namespace mailtrail::web
