// A small seeded pseudo-random generator (SplitMix64) for the benchmark corpus.
// The standard library's distributions differ between implementations; this one
// gives the same corpus for the same seed on every machine and compiler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mailtrail::bench {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() { return Scatter(state_ += kStep); }
  // SplitMix64's output function: a bijection that sends nearby numbers far apart.
  // Seeds made from counters go through it: a generator seeded with x + n * kStep
  // would draw what one seeded with x draws from its (n+1)th number on.
  static std::uint64_t Scatter(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // A number in [0, bound). REQUIRES: bound > 0. The modulo bias is irrelevant here.
  std::size_t Below(std::size_t bound) { return static_cast<std::size_t>(Next() % bound); }
  // A number in [low, high]. REQUIRES: low <= high.
  std::size_t Between(std::size_t low, std::size_t high) { return low + Below(high - low + 1); }
  // True `percent` times out of 100.
  bool Chance(unsigned percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  static constexpr std::uint64_t kStep = 0x9e3779b97f4a7c15ULL;  // 2^64 divided by the golden ratio
  std::uint64_t state_;
};

}  // namespace mailtrail::bench
