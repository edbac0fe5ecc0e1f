#include "interrupt.h"

#include <csignal>
#include <cstdio>
#include <exception>

namespace mailtrail::bench {
namespace {

volatile std::sig_atomic_t interrupt_requested = 0;

void RecordSignal(int) { interrupt_requested = 1; }

}  // namespace

void InstallInterruptHandlers() {
  struct sigaction action {};
  action.sa_handler = RecordSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR, and the loops look at the flag
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

bool InterruptRequested() { return interrupt_requested != 0; }

void ThrowIfInterrupted() {
  if (InterruptRequested()) throw Interrupted();
}

int RunBenchmark(const char* program, const char* cleaned_up, const std::function<int()>& run) {
  InstallInterruptHandlers();
  try {
    return run();
  } catch (const Interrupted&) {
    std::fprintf(stderr, "%s: interrupted; %s\n", program, cleaned_up);
    return 130;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", program, error.what());
    return 1;
  }
}

}  // namespace mailtrail::bench
