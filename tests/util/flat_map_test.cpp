#include <doctest/doctest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "util/flat_map.h"

using rmqsim::FlatMap;

// The process-queue table's shifts are memmoves only while its elements stay trivially copyable.
static_assert(std::is_trivially_copyable_v<FlatMap<int, double>::value_type>);

TEST_CASE("util/flat map/eraseIf erases in one ordered pass and keeps the order") {
  FlatMap<int, std::string> m;
  for (int k : {5, 1, 4, 2, 3}) m.emplace(k, std::to_string(k * 10));
  std::vector<int> asked;
  const std::size_t gone = m.eraseIf([&](const auto& e) {
    asked.push_back(e.first);
    return e.first % 2 == 0;
  });
  CHECK(gone == 2);
  CHECK(asked == std::vector<int>{1, 2, 3, 4, 5});
  std::vector<int> keys;
  for (const auto& [k, v] : m) {
    keys.push_back(k);
    CHECK(v == std::to_string(k * 10));
  }
  CHECK(keys == std::vector<int>{1, 3, 5});
  CHECK(m.eraseIf([](const auto&) { return false; }) == 0);
  CHECK(m.eraseIf([](const auto&) { return true; }) == 3);
  CHECK(m.empty());
}
