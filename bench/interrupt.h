// Ctrl-C and SIGTERM end the benchmark through normal unwinding, so that the
// Dovecot it started (in a process group of its own, out of reach of the
// terminal's Ctrl-C) is stopped and the temporary folders are removed.
#pragma once

#include <functional>
#include <stdexcept>

namespace mailtrail::bench {

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// Installs handlers for SIGINT and SIGTERM that only record the signal.
void InstallInterruptHandlers();
bool InterruptRequested();
// Throws Interrupted when a signal was recorded.
void ThrowIfInterrupted();

// Installs the handlers and returns run()'s exit status; reports an interruption
// (130) or an exception (1) on stderr as "PROGRAM: ...", `cleaned_up` saying what
// the unwinding stopped and removed.
int RunBenchmark(const char* program, const char* cleaned_up, const std::function<int()>& run);

}  // namespace mailtrail::bench
