#include "interrupt.h"

#include <csignal>

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

}  // namespace mailtrail::bench
