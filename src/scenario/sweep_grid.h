// `sweep --vary KEY=VALUES`: the axes of a parameter grid and its cartesian product. Each grid
// point is a list of `--set` overrides applied to the scenario (so wildcards such as
// brokers.*.topics.orders.queues work exactly as with --set).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rmqsim {

/// A malformed --vary or --shard; the message says what is allowed.
struct GridError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VaryAxis {
  std::string key;                  ///< dotted scenario path, may contain `*`
  std::vector<std::string> values;  ///< in the order given; ranges expanded
};

struct GridPoint {
  std::size_t index = 0;            ///< position in the full grid (first axis varies slowest)
  std::vector<std::string> values;  ///< one per axis
  std::vector<std::string> sets;    ///< "KEY=VALUE" per axis
};

/// Parses "KEY=V1,V2,..." where each item is a value or an integer range "A..B" or "A..B:STEP".
VaryAxis parseVary(std::string_view text);
/// The cartesian product (first axis slowest). Throws GridError beyond kMaxGridPoints.
std::vector<GridPoint> buildGrid(const std::vector<VaryAxis>& axes);

/// "I/N" with 0 <= I < N (I is 0-based): the points with index % N == I.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
};
Shard parseShard(std::string_view text);
bool inShard(const GridPoint& p, const Shard& s);

inline constexpr std::size_t kMaxGridPoints = 100000;
inline constexpr std::size_t kMaxRangeValues = 10000;

}  // namespace rmqsim
