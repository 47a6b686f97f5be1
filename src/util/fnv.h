// FNV-1a, 64-bit: stable across platforms (never std::hash), for fingerprints and stream seeds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rmqsim {

struct Fnv {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 0x100000001b3ULL;
    }
  }
  void i64(std::int64_t v) { bytes(&v, sizeof v); }
  void str(std::string_view s) {
    i64(static_cast<std::int64_t>(s.size()));
    bytes(s.data(), s.size());
  }
};

}  // namespace rmqsim
