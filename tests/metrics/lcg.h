// The metrics tests' random streams: a 64-bit LCG, the same numbers on every platform.
#pragma once

#include <cstdint>

namespace rmqsim::testing {

class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  /// A number in [0, bound).
  std::int64_t operator()(std::uint64_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state_ >> 33) % bound);
  }

 private:
  std::uint64_t state_;
};

}  // namespace rmqsim::testing
