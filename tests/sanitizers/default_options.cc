// The sanitizers' runtime options, built into every program of a
// MAILTRAIL_SANITIZE build (the tests, and the mailtrail binary the e2e tests
// run) so that they hold however the program is started. ASAN_OPTIONS,
// LSAN_OPTIONS and UBSAN_OPTIONS in the environment still override them.

// The runtimes look these functions up by name.
extern "C" {

const char* __asan_default_options() {
  // Also catch use of a returned function's stack and of globals not yet
  // constructed by another translation unit.
  return "detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1";
}

const char* __lsan_default_options() { return "suppressions=" MAILTRAIL_LSAN_SUPPRESSIONS; }

// -fno-sanitize-recover=all already ends the program; this says where.
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

}  // extern "C"
