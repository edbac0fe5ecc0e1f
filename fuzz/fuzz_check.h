// Shared by the fuzz harnesses: how a broken invariant is reported. libFuzzer
// keeps the input of any run that aborts as a crash artifact.
#pragma once

#include <glib.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace mailtrail::fuzz {

// Aborts, naming `invariant`, unless `holds`.
inline void Check(bool holds, const char* invariant) {
  if (holds) return;
  std::fprintf(stderr, "invariant broken: %s\n", invariant);
  std::abort();
}

// Whether `text` is valid UTF-8 without NUL bytes.
inline bool IsValidUtf8(std::string_view text) {
  return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr);
}

}  // namespace mailtrail::fuzz
