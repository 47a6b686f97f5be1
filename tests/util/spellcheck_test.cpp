// The banded did-you-mean against a plain quadratic Levenshtein: the same suggestions, at a cost
// that does not grow with the product of the lengths.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "util/spellcheck.h"

namespace {

std::size_t fullDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
  return d[a.size()][b.size()];
}

std::string randomWord(std::mt19937& rng, std::size_t maxLen) {
  std::uniform_int_distribution<std::size_t> len(0, maxLen);
  std::uniform_int_distribution<int> letter('a', 'c');  // few letters: many near misses
  std::string s(len(rng), 'a');
  for (char& c : s) c = static_cast<char>(letter(rng));
  return s;
}

}  // namespace

TEST_CASE("util/spellcheck/suggests exactly what the full edit distance allows") {
  std::mt19937 rng(7);
  int suggested = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string word = randomWord(rng, 9), candidate = randomWord(rng, 9);
    const std::size_t d = fullDistance(word, candidate);
    const bool expected = d <= 3 && d < std::max<std::size_t>(word.size(), 1);
    CAPTURE(word);
    CAPTURE(candidate);
    const auto got = rmqsim::spellcheck(word, {candidate});
    CHECK(got.has_value() == expected);
    suggested += got.has_value();
  }
  CHECK(suggested > 1000);  // the table above is not all "no"
}

TEST_CASE("util/spellcheck/keeps the closest candidate and case-only differences") {
  CHECK(rmqsim::spellcheck("strategey", {"subscribe", "strategy", "strategies"}) == "strategy");
  CHECK(rmqsim::spellcheck("avg", {"AVG", "AVG_BY_CIRCLE"}) == "AVG");
  CHECK_FALSE(rmqsim::spellcheck("zzzz", {"strategy"}).has_value());
}

TEST_CASE("util/spellcheck/long words: banded up to the cut-off, nothing beyond it") {
  std::string a(1000, 'x'), b = a;
  b[10] = 'y';
  b.erase(500, 1);
  CHECK(rmqsim::spellcheck(a, {b}) == b);  // distance 2 at length 1,000
  std::string far = a;
  for (std::size_t i = 0; i < far.size(); i += 100) far[i] = 'z';  // distance 10
  CHECK_FALSE(rmqsim::spellcheck(a, {far}).has_value());
  const std::string huge(150000, 'g');
  std::string hugeTypo = huge;
  hugeTypo[7] = 'h';
  CHECK_FALSE(rmqsim::spellcheck(huge, {hugeTypo}).has_value());  // past kMaxSpellcheckLength
  CHECK_FALSE(rmqsim::spellcheck("g", {huge}).has_value());
}
