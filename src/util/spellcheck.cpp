#include "util/spellcheck.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace rmqsim {
namespace {

constexpr std::size_t kMaxDistance = 3;

char folded(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equalIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return folded(x) == folded(y); });
}

// Levenshtein distance, or kMaxDistance + 1 when it is larger: only cells within kMaxDistance of
// the diagonal can stay below the cut-off (Ukkonen's band), so a row costs 2 * kMaxDistance + 1
// cells whatever the lengths; a row whose every cell is past the cut-off ends the computation.
std::size_t boundedDistance(std::string_view a, std::string_view b) {
  constexpr std::size_t kOver = kMaxDistance + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > kMaxDistance) return kOver;
  constexpr std::size_t kWidth = 2 * kMaxDistance + 1;
  // band[k] holds the cell (i, j = i + k - kMaxDistance); cells outside the band count as kOver.
  std::array<std::size_t, kWidth + 2> prev{}, cur{};
  prev.fill(kOver);
  for (std::size_t k = kMaxDistance; k < kWidth; ++k) prev[k + 1] = std::min(k - kMaxDistance, kOver);  // row 0: j
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur.fill(kOver);
    std::size_t rowMin = kOver;
    for (std::size_t k = 0; k < kWidth; ++k) {
      const long long j = static_cast<long long>(i + k) - static_cast<long long>(kMaxDistance);
      if (j < 0 || j > static_cast<long long>(b.size())) continue;
      std::size_t v;
      if (j == 0) {
        v = std::min(i, kOver);
      } else {
        const std::size_t diag = prev[k + 1] + (a[i - 1] == b[static_cast<std::size_t>(j) - 1] ? 0 : 1);
        const std::size_t up = prev[k + 2] + 1;   // (i-1, j): one further along the previous band
        const std::size_t left = cur[k] + 1;      // (i, j-1)
        v = std::min({diag, up, left, kOver});
      }
      cur[k + 1] = v;
      rowMin = std::min(rowMin, v);
    }
    if (rowMin >= kOver) return kOver;
    prev = cur;
  }
  const std::size_t k = b.size() + kMaxDistance - a.size();  // j = b.size() on the last row
  return prev[k + 1];
}

}  // namespace

std::optional<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  if (word.size() > kMaxSpellcheckLength) return best;
  std::size_t bestDistance = kMaxDistance + 1;
  for (const auto& c : candidates) {
    if (c.size() > kMaxSpellcheckLength) continue;
    std::size_t d = boundedDistance(word, c);
    // Case-only differences ("avg" for "AVG") count as distance 1 so they are still suggested.
    if (word != c && equalIgnoringCase(word, c)) d = 1;
    if (d < bestDistance && d < std::max<std::size_t>(word.size(), 1)) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace rmqsim
