// The coroutine Task/TaskScope: lazy start, values through chains, ownership of suspended frames.
#include <doctest/doctest.h>

#include <coroutine>
#include <vector>

#include "engine/task.h"

using namespace rmqsim;

namespace {

/// A hand-resumed suspension point: stores the awaiting handle.
struct Gate {
  std::coroutine_handle<> waiting;
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) noexcept { waiting = h; }
  void await_resume() noexcept {}
  void open() {
    auto h = std::exchange(waiting, {});
    h.resume();
  }
};

/// Counts destructions, to see which frames were torn down.
struct Probe {
  int* destroyed;
  ~Probe() { ++*destroyed; }
};

Task<int> leaf(Gate& g, int v, int* destroyed) {
  Probe p{destroyed};
  co_await g;
  co_return v * 2;
}

Task<int> middle(Gate& g, int v, int* destroyed) {
  Probe p{destroyed};
  const int a = co_await leaf(g, v, destroyed);
  const int b = co_await leaf(g, v + 1, destroyed);
  co_return a + b;
}

Task<void> root(Gate& g, std::vector<int>& out, int* destroyed) {
  const int r = co_await middle(g, 10, destroyed);
  out.push_back(r);
}

/// One gate, the results and destruction count of the roots spawned on it.
struct Chains {
  Gate g;
  std::vector<int> out;
  int destroyed = 0;
  TaskScope scope;
  void spawnRoot() { scope.spawn(root(g, out, &destroyed)); }
};

}  // namespace

TEST_CASE("engine/task: a spawned chain runs to its first suspension, then on each resume") {
  Chains c;
  c.spawnRoot();
  auto& [g, out, destroyed, scope] = c;
  REQUIRE(g.waiting);  // suspended inside the first leaf
  CHECK(scope.running() == 1);
  CHECK(out.empty());
  g.open();            // first leaf returns 20, second leaf suspends
  CHECK(destroyed == 1);
  CHECK(out.empty());
  g.open();            // second leaf returns 22; middle returns 42; root finishes
  CHECK(out == std::vector<int>{42});
  CHECK(destroyed == 3);          // both leaves and the middle frame
  CHECK(scope.running() == 0);    // a finished root is released
}

TEST_CASE("engine/task: cancelAll destroys suspended frames down the chain") {
  Chains c;
  c.spawnRoot();
  c.spawnRoot();  // the gate now holds the second chain's leaf
  auto& [g, out, destroyed, scope] = c;
  CHECK(scope.running() == 2);
  scope.cancelAll();
  CHECK(scope.running() == 0);
  CHECK(destroyed == 4);  // leaf + middle of each chain, none resumed
  CHECK(out.empty());
}

TEST_CASE("engine/task: a root that never suspends finishes inside spawn") {
  TaskScope scope;
  int ran = 0;
  auto immediate = [](int& r) -> Task<void> {
    ++r;
    co_return;
  };
  scope.spawn(immediate(ran));
  CHECK(ran == 1);
  CHECK(scope.running() == 0);
}
