#include "metrics/min_moves.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>

namespace rmqsim {

namespace {

/// Dinic's max flow; small graphs (clients + shared queues), built once per event.
class MaxFlow {
 public:
  explicit MaxFlow(int nodes) : adj_(static_cast<std::size_t>(nodes)), level_(adj_.size()), next_(adj_.size()) {}
  void edge(int from, int to, std::int64_t cap) {
    if (cap <= 0) return;
    adj_[static_cast<std::size_t>(from)].push_back(static_cast<int>(edges_.size()));
    edges_.push_back({to, cap});
    adj_[static_cast<std::size_t>(to)].push_back(static_cast<int>(edges_.size()));
    edges_.push_back({from, 0});
  }
  std::int64_t run(int s, int t) {
    std::int64_t flow = 0;
    while (levels(s, t)) {
      std::fill(next_.begin(), next_.end(), 0);
      while (std::int64_t f = push(s, t, std::numeric_limits<std::int64_t>::max())) flow += f;
    }
    return flow;
  }

 private:
  struct Edge { int to; std::int64_t cap; };
  bool levels(int s, int t) {
    std::fill(level_.begin(), level_.end(), -1);
    std::vector<int> queue{s};
    level_[static_cast<std::size_t>(s)] = 0;
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (int e : adj_[static_cast<std::size_t>(queue[i])]) {
        const Edge& ed = edges_[static_cast<std::size_t>(e)];
        if (ed.cap > 0 && level_[static_cast<std::size_t>(ed.to)] < 0) {
          level_[static_cast<std::size_t>(ed.to)] = level_[static_cast<std::size_t>(queue[i])] + 1;
          queue.push_back(ed.to);
        }
      }
    return level_[static_cast<std::size_t>(t)] >= 0;
  }
  std::int64_t push(int v, int t, std::int64_t limit) {
    if (v == t) return limit;
    auto& out = adj_[static_cast<std::size_t>(v)];
    for (int& i = next_[static_cast<std::size_t>(v)]; i < static_cast<int>(out.size()); ++i) {
      Edge& ed = edges_[static_cast<std::size_t>(out[static_cast<std::size_t>(i)])];
      if (ed.cap <= 0 || level_[static_cast<std::size_t>(ed.to)] != level_[static_cast<std::size_t>(v)] + 1) continue;
      if (std::int64_t f = push(ed.to, t, std::min(limit, ed.cap))) {
        ed.cap -= f;
        edges_[static_cast<std::size_t>(out[static_cast<std::size_t>(i)] ^ 1)].cap += f;
        return f;
      }
    }
    return 0;
  }
  std::vector<std::vector<int>> adj_;
  std::vector<Edge> edges_;
  std::vector<int> level_, next_;
};

}  // namespace

std::int64_t minMoves(const std::vector<std::vector<std::int32_t>>& before, const std::vector<std::int32_t>& members) {
  const auto q = static_cast<std::int64_t>(before.size());
  std::map<std::int32_t, int> slot;  // member -> dense index
  for (std::int32_t m : members) slot.emplace(m, static_cast<int>(slot.size()));
  const auto n = static_cast<std::int64_t>(slot.size());
  if (q == 0 || n == 0) return 0;
  const std::int64_t floorT = q / n, ceilCount = q % n;

  std::vector<std::int64_t> single(static_cast<std::size_t>(n), 0);  // queues held by exactly one member
  std::vector<std::vector<int>> shared;                              // queues held by several members
  for (const auto& owners : before) {
    std::vector<int> cands;
    for (std::int32_t o : owners)
      if (auto it = slot.find(o); it != slot.end()) cands.push_back(it->second);
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    if (cands.size() == 1) ++single[static_cast<std::size_t>(cands[0])];
    else if (cands.size() > 1) shared.push_back(std::move(cands));
  }

  std::int64_t kept = 0;
  if (shared.empty()) {
    // Keeping min(load, target) per client is achievable and optimal; the ceil slots go to the
    // largest current loads.
    std::sort(single.begin(), single.end(), std::greater<>());
    for (std::size_t i = 0; i < single.size(); ++i)
      kept += std::min(single[i], floorT + (static_cast<std::int64_t>(i) < ceilCount ? 1 : 0));
    return q - kept;
  }
  // source -> client (its own queues), source -> shared queue -> each of its owners,
  // client -> sink (floor), client -> pool (1) -> sink (Q mod n ceil slots).
  const int source = 0, sink = 1, pool = 2, firstClient = 3;
  const int firstShared = firstClient + static_cast<int>(n);
  MaxFlow f(firstShared + static_cast<int>(shared.size()));
  for (int c = 0; c < static_cast<int>(n); ++c) {
    f.edge(source, firstClient + c, single[static_cast<std::size_t>(c)]);
    f.edge(firstClient + c, sink, floorT);
    f.edge(firstClient + c, pool, 1);
  }
  f.edge(pool, sink, ceilCount);
  for (std::size_t i = 0; i < shared.size(); ++i) {
    const int node = firstShared + static_cast<int>(i);
    f.edge(source, node, 1);
    for (int c : shared[i]) f.edge(node, firstClient + c, 1);
  }
  kept = f.run(source, sink);
  return q - kept;
}

std::int64_t minMoves(const std::vector<std::int32_t>& before, const std::vector<std::int32_t>& members) {
  std::vector<std::vector<std::int32_t>> owners;
  owners.reserve(before.size());
  for (std::int32_t o : before) owners.push_back(o < 0 ? std::vector<std::int32_t>{} : std::vector<std::int32_t>{o});
  return minMoves(owners, members);
}

}  // namespace rmqsim
