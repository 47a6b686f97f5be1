#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rocketmq/common/client_id_order.h"
#include "rocketmq/common/java_string.h"

using rmqsim::ClientIdOrder;
using rmqsim::JavaStringLess;

namespace {
// Ids that share long prefixes (as "10.0.3.17@12" does) and some non-ASCII, where byte order
// and Java's UTF-16 order differ.
std::string randomId(std::mt19937& rng) {
  static const std::vector<std::string> parts = {"10.", "0.", "1", "2", "@", "9", "\xEF\xBD\x9E", "\xF0\x9F\x98\x80"};
  std::string id = "10.0.";
  for (unsigned k = 0, n = 1 + rng() % 6; k < n; ++k) id += parts[rng() % parts.size()];
  return id;
}
}  // namespace

TEST_CASE("rocketmq/common/ClientIdOrder/orders every list as std::sort by javaCompare, ids arriving over time") {
  std::mt19937 rng(11);
  ClientIdOrder order;
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> ids;
    for (unsigned k = 0, n = rng() % 40; k < n; ++k) ids.push_back(randomId(rng));  // repeats included
    std::vector<std::string> expected = ids;
    std::sort(expected.begin(), expected.end(), JavaStringLess());
    std::vector<std::string> got;
    for (std::uint32_t i : order.sortedPositions(ids)) got.push_back(ids[i]);
    REQUIRE(got == expected);
    // Ranks order exactly as the strings do, equal ids equal ranks.
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
      const int c = rmqsim::javaCompare(ids[i], ids[i + 1]);
      const auto ra = order.rank(ids[i]), rb = order.rank(ids[i + 1]);
      CHECK((c < 0) == (ra < rb));
      CHECK((c == 0) == (ra == rb));
    }
  }
  CHECK(order.size() > 100);  // the table grew across rounds: ranks were renumbered on the way
}

TEST_CASE("rocketmq/common/ClientIdOrder/sortedPositions is stable: equal ids keep list order") {
  ClientIdOrder order;
  const std::vector<std::string> ids = {"b", "a", "b", "\xF0\x9F\x98\x80", "\xEF\xBD\x9E", "a"};
  // U+1F600's surrogates (D83D) sort before U+FF5E in UTF-16, though not in UTF-8 bytes.
  CHECK(order.sortedPositions(ids) == std::vector<std::uint32_t>{1, 5, 0, 2, 3, 4});
}
