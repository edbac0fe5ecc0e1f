// What a Maildir store remembers of a folder between calls, keyed by a 64-bit
// hash of each message's base name (its file name up to ":2,", which a change of
// flags keeps): 8 or 16 bytes a message rather than the names, so that a store
// over a folder of a million messages stays small.
//
// Thread-safety: none; each belongs to one store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace mailtrail::mailstore {

// The key of `base_name` in the sets below. Two names share one about once in 2^64.
std::uint64_t BaseNameId(std::string_view base_name);

// Base names a folder may hold: those of a listing, plus those added since.
// MayContain is true for every one of them; it may also be true for a name that
// is not there (a hash collision, or a file removed since), so a caller checks
// the file system where it says yes.
class BaseNameSet {
 public:
  // Replaces the set with the ids of a listing.
  void Reset(std::vector<std::uint64_t> listed);
  void Add(std::uint64_t id);
  bool MayContain(std::uint64_t id) const;

 private:
  // Added ids move into the sorted vector in groups of this many: the hash set
  // allocates a node per id, the vector holds 8 bytes an id.
  static constexpr std::size_t kMergeAt = 1 << 16;

  std::vector<std::uint64_t> listed_;  // sorted
  std::unordered_set<std::uint64_t> added_;
};

// Arrival times (seconds) of a folder's messages by base name, as the last
// listing found them, so that the next listing stats only files it has not seen.
class ArrivalTimes {
 public:
  // The time recorded for `id`, if any.
  std::optional<std::int64_t> Find(std::uint64_t id) const;
  // Replaces the record with `entries` (id, time), in any order.
  void Replace(std::vector<std::pair<std::uint64_t, std::int64_t>> entries);

 private:
  std::vector<std::pair<std::uint64_t, std::int64_t>> entries_;  // sorted by id
};

}  // namespace mailtrail::mailstore
