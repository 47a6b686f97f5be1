#include "scenario/sweep_grid.h"

#include <charconv>

#include "util/name_rules.h"

namespace rmqsim {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

bool parseInt(std::string_view s, long long& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Splits on commas outside [] and {} so flow values like {name: X, virtual_nodes: 5} stay whole.
std::vector<std::string> splitTopLevel(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : s) {
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

}  // namespace

VaryAxis parseVary(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw GridError("--vary '" + std::string(text) + "': expected KEY=VALUES, e.g. groups.0.clients=1..64 or groups.0.strategy=AVG,CONSISTENT_HASH");
  // Axis values are printed in every sweep table: no control characters (util/name_rules.h).
  if (auto problem = nameProblem(text, std::string_view::npos))
    throw GridError("--vary '" + shownText(text) + "' " + *problem + "; allowed: printable characters only");
  VaryAxis axis;
  axis.key = trim(text.substr(0, eq));
  const std::string_view rhs = text.substr(eq + 1);
  for (const std::string& item : splitTopLevel(rhs)) {
    if (item.empty()) throw GridError("--vary " + axis.key + ": an empty value in '" + std::string(rhs) + "'");
    const auto dots = item.find("..");
    long long a = 0, b = 0, step = 1;
    if (dots != std::string::npos && item.front() != '{' && item.front() != '[') {
      std::string_view hi = std::string_view(item).substr(dots + 2);
      const auto colon = hi.find(':');
      if (colon != std::string_view::npos) {
        if (!parseInt(hi.substr(colon + 1), step) || step <= 0)
          throw GridError("--vary " + axis.key + ": bad step in '" + item + "'; allowed: A..B or A..B:STEP with STEP >= 1");
        hi = hi.substr(0, colon);
      }
      if (!parseInt(std::string_view(item).substr(0, dots), a) || !parseInt(hi, b))
        throw GridError("--vary " + axis.key + ": '" + item + "' is not an integer range; allowed: A..B or A..B:STEP");
      if (b < a) throw GridError("--vary " + axis.key + ": range '" + item + "' is empty (the end is below the start)");
      // Counted in unsigned arithmetic: b - a overflows a long long for ranges such as -2^62..2^62.
      const unsigned long long span = static_cast<unsigned long long>(b) - static_cast<unsigned long long>(a);
      if (span / static_cast<unsigned long long>(step) >= kMaxRangeValues)
        throw GridError("--vary " + axis.key + ": range '" + item + "' has more than " + std::to_string(kMaxRangeValues) + " values");
      const unsigned long long count = span / static_cast<unsigned long long>(step) + 1;
      for (unsigned long long k = 0; k < count; ++k)
        axis.values.push_back(std::to_string(static_cast<long long>(static_cast<unsigned long long>(a) + k * static_cast<unsigned long long>(step))));
    } else {
      axis.values.push_back(item);
    }
  }
  return axis;
}

std::vector<GridPoint> buildGrid(const std::vector<VaryAxis>& axes) {
  std::size_t total = 1;
  for (const VaryAxis& a : axes) {
    if (a.values.empty()) throw GridError("--vary " + a.key + " has no values");
    total *= a.values.size();
    if (total > kMaxGridPoints)
      throw GridError("the grid has more than " + std::to_string(kMaxGridPoints) +
                      " points; split it with --shard or vary fewer values");
  }
  std::vector<GridPoint> grid(total);
  for (std::size_t i = 0; i < total; ++i) {
    GridPoint& p = grid[i];
    p.index = i;
    std::size_t rest = i;
    p.values.resize(axes.size());
    for (std::size_t k = axes.size(); k-- > 0;) {
      p.values[k] = axes[k].values[rest % axes[k].values.size()];
      rest /= axes[k].values.size();
    }
    for (std::size_t k = 0; k < axes.size(); ++k) p.sets.push_back(axes[k].key + "=" + p.values[k]);
  }
  return grid;
}

Shard parseShard(std::string_view text) {
  const auto slash = text.find('/');
  long long i = 0, n = 0;
  if (slash == std::string_view::npos || !parseInt(text.substr(0, slash), i) || !parseInt(text.substr(slash + 1), n) ||
      n < 1 || i < 0 || i >= n)
    throw GridError("--shard '" + std::string(text) + "': expected I/N with 0 <= I < N, e.g. 0/4 ... 3/4");
  return Shard{static_cast<std::size_t>(i), static_cast<std::size_t>(n)};
}

bool inShard(const GridPoint& p, const Shard& s) { return p.index % s.count == s.index; }

}  // namespace rmqsim
