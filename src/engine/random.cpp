#include "engine/random.h"

#include "util/fnv.h"

namespace rmqsim {

namespace {
__extension__ typedef unsigned __int128 U128;  // 64x64->128 multiply (GCC and Clang)
inline std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t fnv1a64(std::string_view s, std::uint64_t h) {
  Fnv f{h};
  f.bytes(s.data(), s.size());
  return f.h;
}

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Random::Random(std::uint64_t seed) {
  std::uint64_t st = seed;
  for (auto& w : s_) w = splitmix64(st);
}

Random Random::forEntity(std::uint64_t seed, std::string_view name) {
  std::uint64_t st = seed;
  return Random(splitmix64(st) ^ fnv1a64(name));
}

std::uint64_t Random::nextU64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Random::nextBounded(std::uint64_t bound) {
  // Lemire 2019: multiply-shift with rejection of the biased low region.
  U128 m = static_cast<U128>(nextU64()) * bound;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<U128>(nextU64()) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t Random::uniform(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int64_t>(nextBounded(static_cast<std::uint64_t>(hi - lo) + 1));
}

double Random::nextDouble() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }

CounterRandom CounterRandom::forEntity(std::uint64_t seed, std::string_view name) {
  std::uint64_t st = fnv1a64(name, seed ^ 0x6a09e667f3bcc909ULL);
  return CounterRandom(splitmix64(st));
}

std::uint64_t CounterRandom::nextU64() {
  std::uint64_t st = key_ + 0x9e3779b97f4a7c15ULL * n_++;
  return splitmix64(st);
}

std::int64_t CounterRandom::uniform(std::int64_t lo, std::int64_t hi) {
  const auto range = static_cast<U128>(static_cast<std::uint64_t>(hi - lo) + 1);
  return lo + static_cast<std::int64_t>((static_cast<U128>(nextU64()) * range) >> 64);
}

}  // namespace rmqsim
