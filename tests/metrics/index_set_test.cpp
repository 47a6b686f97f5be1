// IndexSet against std::set on random inserts and erases that cross its in-place capacity.
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "metrics/index_set.h"
#include "lcg.h"

using namespace rmqsim;

TEST_CASE("metrics/index_set/equals a std::set through inserts, erases and assigns around its in-place size") {
  testing::Lcg next(99);
  IndexSet s;
  std::set<std::int32_t> ref;
  std::size_t largest = 0;
  for (int step = 0; step < 20000; ++step) {
    const std::int32_t v = next(8);
    const int op = next(20);
    if (op < 10) {
      CHECK(s.insert(v) == ref.insert(v).second);
    } else if (op < 19) {
      CHECK(s.erase(v) == (ref.erase(v) > 0));
    } else {
      std::vector<std::int32_t> sorted;
      for (std::int32_t k = 0; k < 8; ++k)
        if (next(2)) sorted.push_back(k);
      s.assign(sorted.data(), sorted.data() + sorted.size());
      ref = std::set<std::int32_t>(sorted.begin(), sorted.end());
    }
    const std::vector<std::int32_t> want(ref.begin(), ref.end());
    CAPTURE(step);
    REQUIRE(s.toVector() == want);
    CHECK(s.size() == ref.size());
    CHECK(s.equals(want.data(), want.data() + want.size()));
    CHECK(s.contains(v) == (ref.count(v) > 0));
    if (step % 7 == 0) {  // copies and moves, in place and on the heap
      IndexSet copy = s;
      REQUIRE(copy.toVector() == want);
      IndexSet moved = std::move(copy);
      REQUIRE(moved.toVector() == want);
      copy = moved;
      moved = IndexSet();
      CHECK(moved.empty());
      CHECK(copy == s);
    }
    largest = std::max(largest, ref.size());
  }
  CHECK(largest > 4);  // the vector side was exercised
  s.clear();
  CHECK(s.empty());
}
