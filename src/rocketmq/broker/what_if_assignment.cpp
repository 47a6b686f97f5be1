#include "rocketmq/broker/what_if_assignment.h"

#include <algorithm>

#include "strategy/sticky_assignor.h"
#include "strategy/uniform_assignor.h"

namespace rmqsim {

void WhatIfAssignment::refresh(Memo& m, std::vector<std::shared_ptr<const MqView>> views,
                               const std::shared_ptr<const CidView>& cids, bool uniformPool) {
  if (m.views == views && m.cids == cids) return;  // interned views: same pointers, same content
  // Positions over the distinct ids in Java order (a shared id is one member: both its
  // processes get the same answer, as they would from any strategy).
  std::vector<std::string> ids = cids->cidAll;
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::string, std::int32_t> positions;
  for (std::size_t i = 0; i < ids.size(); ++i) positions.emplace(ids[i], static_cast<std::int32_t>(i));
  auto position = [&positions](const std::string& id) -> std::int32_t {
    auto it = positions.find(id);
    return it == positions.end() ? -1 : it->second;
  };
  std::vector<std::vector<std::int32_t>> previous;
  for (const auto& v : views) {
    std::vector<std::int32_t>& prev = previous.emplace_back();
    for (QueueIndex q : v->queues) {
      auto it = m.owner.find(q);
      prev.push_back(it == m.owner.end() ? -1 : position(it->second));
    }
  }
  const auto members = static_cast<std::int32_t>(ids.size());
  std::vector<std::vector<std::int32_t>> next;
  if (uniformPool) next = uniformAssign(previous, members);
  else for (const auto& p : previous) next.push_back(stickyAssign(p, members));
  m.owner.clear();
  for (std::size_t t = 0; t < views.size(); ++t)
    for (std::size_t i = 0; i < views[t]->queues.size(); ++i)
      if (next[t][i] >= 0) m.owner[views[t]->queues[i]] = ids[static_cast<std::size_t>(next[t][i])];
  m.views = std::move(views);
  m.cids = cids;
}

std::vector<QueueIndex> WhatIfAssignment::share(const Memo& m, const MqView& view, const std::string& clientId) {
  std::vector<QueueIndex> out;
  for (QueueIndex q : view.queues)
    if (auto it = m.owner.find(q); it != m.owner.end() && it->second == clientId) out.push_back(q);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<QueueIndex> WhatIfAssignment::sticky(GroupIndex group, const std::string& topic, const std::string& clientId,
                                                 const std::shared_ptr<const MqView>& mqs,
                                                 const std::shared_ptr<const CidView>& cids) {
  Memo& m = memo_[{group, topic}];
  refresh(m, {mqs}, cids, false);
  return share(m, *mqs, clientId);
}

std::vector<QueueIndex> WhatIfAssignment::uniform(GroupIndex group, const std::vector<std::string>& topics,
                                                  const std::string& topic, const std::string& clientId,
                                                  const ViewOf& viewOf, const std::shared_ptr<const CidView>& cids) {
  std::vector<std::shared_ptr<const MqView>> views;
  std::shared_ptr<const MqView> mine;
  for (const std::string& t : topics) {  // sorted (a std::set at the broker): a stable pool order
    auto v = viewOf(t);
    if (!v) continue;
    if (t == topic) mine = v;
    views.push_back(std::move(v));
  }
  if (!mine) return {};
  Memo& m = memo_[{group, ""}];
  refresh(m, std::move(views), cids, true);
  return share(m, *mine, clientId);
}

}  // namespace rmqsim
