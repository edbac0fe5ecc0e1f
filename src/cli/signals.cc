#include "cli/signals.h"

#include <csignal>

namespace mailtrail::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void RequestStop(int) { stop_requested = true; }

}  // namespace

const std::atomic<bool>& StopOnSignals() {
  std::signal(SIGINT, RequestStop);
  std::signal(SIGTERM, RequestStop);
  return stop_requested;
}

}  // namespace mailtrail::cli
