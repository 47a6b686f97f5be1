// SortedMembers kept across membership changes against a fresh stable sort of the same
// membership in Java String order, on random changes of one to a few clients and on large ones.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "metrics/sorted_members.h"
#include "rocketmq/common/java_string.h"
#include "lcg.h"

using namespace rmqsim;

TEST_CASE("metrics/sorted_members/equal a fresh stable sort after every membership change") {
  testing::Lcg next(4242);
  RunCatalog catalog;
  // Ids sharing prefixes (10.0.0.1 < 10.0.0.10 < 10.0.0.2 in String order) and shared ids.
  for (int i = 0; i < 60; ++i)
    catalog.clients.push_back(ClientInfo{"g-" + std::to_string(i), "10.0.0." + std::to_string(next(25)) + "@" + std::to_string(next(3)), 0});
  ClientIdOrder order;
  SortedMembers sorted;
  std::vector<bool> in(catalog.clients.size(), false);
  int incremental = 0, large = 0;
  for (int step = 0; step < 400; ++step) {
    const int changes = step % 25 == 0 ? 30 : 1 + next(3);
    (changes > 16 ? large : incremental) += 1;
    for (int k = 0; k < changes; ++k) in[static_cast<std::size_t>(next(60))].flip();
    std::vector<ClientIndex> members;
    for (std::size_t c = 0; c < in.size(); ++c)
      if (in[c]) members.push_back(static_cast<ClientIndex>(c));
    sorted.update(members, catalog, order);
    std::vector<ClientIndex> want = members;
    std::stable_sort(want.begin(), want.end(), [&](ClientIndex a, ClientIndex b) {
      return javaCompare(catalog.clients[static_cast<std::size_t>(a)].clientId, catalog.clients[static_cast<std::size_t>(b)].clientId) < 0;
    });
    CAPTURE(step);
    REQUIRE(sorted.clients() == want);
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(sorted.cidAll()[k] == catalog.clients[static_cast<std::size_t>(want[k])].clientId);
  }
  CHECK(incremental > 300);
  CHECK(large > 10);
}
