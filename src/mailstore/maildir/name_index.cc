#include "mailstore/maildir/name_index.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string_view>

namespace mailtrail::mailstore {

std::uint64_t BaseNameId(std::string_view base_name) { return std::hash<std::string_view>{}(base_name); }

void BaseNameSet::Reset(std::vector<std::uint64_t> listed) {
  std::sort(listed.begin(), listed.end());
  listed_ = std::move(listed);
  added_.clear();
}

void BaseNameSet::Add(std::uint64_t id) {
  added_.insert(id);
  if (added_.size() < kMergeAt) return;
  const auto middle = static_cast<std::ptrdiff_t>(listed_.size());
  listed_.insert(listed_.end(), added_.begin(), added_.end());
  std::sort(listed_.begin() + middle, listed_.end());
  std::inplace_merge(listed_.begin(), listed_.begin() + middle, listed_.end());
  added_.clear();
}

bool BaseNameSet::MayContain(std::uint64_t id) const {
  return std::binary_search(listed_.begin(), listed_.end(), id) || added_.contains(id);
}

std::optional<std::int64_t> ArrivalTimes::Find(std::uint64_t id) const {
  const auto found = std::lower_bound(entries_.begin(), entries_.end(), id,
                                      [](const auto& entry, std::uint64_t key) { return entry.first < key; });
  if (found == entries_.end() || found->first != id) return std::nullopt;
  return found->second;
}

void ArrivalTimes::Replace(std::vector<std::pair<std::uint64_t, std::int64_t>> entries) {
  std::sort(entries.begin(), entries.end());
  entries_ = std::move(entries);
}

}  // namespace mailtrail::mailstore
