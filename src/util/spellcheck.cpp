#include "util/spellcheck.h"

#include <algorithm>
#include <cctype>

namespace rmqsim {
namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates) {
  constexpr std::size_t kMaxDistance = 3;
  std::optional<std::string> best;
  std::size_t bestDistance = kMaxDistance + 1;
  for (const auto& c : candidates) {
    std::size_t d = editDistance(word, c);
    // Case-only differences ("avg" for "AVG") count as distance 1 so they are still suggested.
    std::string lower(word), upper(c);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == upper && word != c) d = 1;
    if (d < bestDistance && d < std::max<std::size_t>(word.size(), 1)) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace rmqsim
