// Our own PRNG, so runs are identical on every standard library: xoshiro256** seeded through
// splitmix64, bounded integers by Lemire's method with rejection. One stream per entity, derived
// from (run seed, entity name) by FNV-1a, so adding an entity never shifts another's draws.
#pragma once

#include <cstdint>
#include <string_view>

namespace rmqsim {

/// FNV-1a 64-bit hash of the bytes (stable across platforms; never std::hash).
std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL);

/// splitmix64 step: advances `state` and returns the next output.
std::uint64_t splitmix64(std::uint64_t& state);

class Random {
 public:
  explicit Random(std::uint64_t seed = 1);
  /// The stream of one entity: seed and name hashed together.
  static Random forEntity(std::uint64_t seed, std::string_view name);

  /// Next 64 random bits (xoshiro256**).
  std::uint64_t nextU64();
  /// Uniform in [0, bound); bound > 0 (Lemire's nearly-divisionless method).
  std::uint64_t nextBounded(std::uint64_t bound);
  /// Uniform integer in [lo, hi] inclusive.
  std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  /// Uniform double in [0, 1) with 53 random bits.
  double nextDouble();

 private:
  std::uint64_t s_[4];
};

/// A counter-based stream: the n-th draw is a pure function of (key, n), so skipping k draws is
/// an addition. For draws the fast-forward skips by the thousand (steady offset commits).
class CounterRandom {
 public:
  explicit CounterRandom(std::uint64_t key = 1) : key_(key) {}
  static CounterRandom forEntity(std::uint64_t seed, std::string_view name);
  /// The next 64 bits: splitmix64's output for key + n.
  std::uint64_t nextU64();
  /// Uniform integer in [lo, hi] inclusive, exactly one draw (multiply-shift; bias below 2^-50).
  std::int64_t uniform(std::int64_t lo, std::int64_t hi);
  /// As if `k` more draws had been made.
  void skip(std::uint64_t k) { n_ += k; }

 private:
  std::uint64_t key_;
  std::uint64_t n_ = 0;
};

}  // namespace rmqsim
