// Shared by the fuzz harnesses: how a broken invariant is reported. libFuzzer
// keeps the input of any run that aborts as a crash artifact.
#pragma once

#include <glib.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/status.h"

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

// Feeds `text` to a streaming `reader` (Feed, Finish) in pieces of 1 to 16
// bytes whose sizes the bytes of `cuts` choose (whole when `cuts` is empty), then
// finishes it; `take()` collects what the reader has read after each call.
// Returns the first error, or Finish()'s status.
template <typename Reader, typename Take>
Status FeedInPieces(Reader& reader, std::string_view text, std::string_view cuts, Take take) {
  std::size_t at = 0;
  for (std::size_t i = 0; at < text.size(); ++i) {
    const std::size_t piece = cuts.empty() ? text.size() : 1 + static_cast<unsigned char>(cuts[i % cuts.size()]) % 16;
    const Status status = reader.Feed(text.substr(at, piece));
    at += piece;
    take();
    if (!status.ok()) return status;
  }
  const Status status = reader.Finish();
  take();
  return status;
}

}  // namespace mailtrail::fuzz
