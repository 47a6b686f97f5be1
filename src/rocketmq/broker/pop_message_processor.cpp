#include "rocketmq/broker/pop_message_processor.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/client/rebalance_impl.h"

namespace rmqsim {

namespace {

constexpr SimTime kStep = kSecond;

bool isPop(const MQClientInstance& c) { return c.setup().rebalanceMode == RebalanceMode::POP || c.setup().popRequestMode; }
bool isFifo(const MQClientInstance& c) { return c.setup().rebalanceMode == RebalanceMode::POP && c.setup().orderly; }

}  // namespace

PopMessageProcessor::PopMessageProcessor(ModelContext& ctx, QueuesOf queuesOf)
    : ctx_(ctx), queuesOf_(std::move(queuesOf)), timer_(ctx.loop) {}

void PopMessageProcessor::start() { timer_.startPeriodic(kStep, kStep, [this] { step(); }); }

std::int64_t PopMessageProcessor::popOffset(GroupIndex g, QueueIndex q) const {
  auto it = popOffset_.find({g, q});
  return it == popOffset_.end() ? -1 : it->second;
}

bool PopMessageProcessor::reaches(const MQClientInstance& c, const std::string& broker) const {
  const Broker* b = ctx_.findBroker(broker);
  return b && b->isUp() && ctx_.net.roundTrip(c.node(), b->node());
}

std::vector<QueueIndex> PopMessageProcessor::queuesOn(GroupIndex g, const std::string& broker) const {
  std::vector<QueueIndex> out;
  auto it = topics_.find(g);
  if (it == topics_.end()) return out;
  for (const std::string& topic : it->second)
    for (QueueIndex q : queuesOf_(topic))
      if (ctx_.trace.queue(q).brokerName == broker) out.push_back(q);
  return out;
}

std::int64_t PopMessageProcessor::available(GroupIndex g, const std::string& broker, SimTime now) {
  const Broker* b = ctx_.findBroker(broker);
  std::int64_t n = revived_[{g, broker}];
  for (QueueIndex q : queuesOn(g, broker)) {
    // A group's first pop starts at the queue's end (the proxy's default init mode, MAX).
    auto [it, fresh] = popOffset_.try_emplace({g, q}, b->maxOffset(q, now));
    n += b->maxOffset(q, now) - it->second;
  }
  return n;
}

std::int64_t PopMessageProcessor::take(GroupIndex g, const std::string& broker, std::int64_t want, SimTime now) {
  std::int64_t& back = revived_[{g, broker}];
  const std::int64_t fromRevived = std::min(back, want);
  back -= fromRevived;
  std::int64_t left = want - fromRevived;
  // The rest round-robin over the queues (PopMessageProcessor walks them from a random start;
  // the fluid model takes evenly, the remainder from the first ones).
  const Broker* b = ctx_.findBroker(broker);
  std::vector<QueueIndex> qs = queuesOn(g, broker);
  while (left > 0 && !qs.empty()) {
    const std::int64_t share = std::max<std::int64_t>(1, left / static_cast<std::int64_t>(qs.size()));
    std::vector<QueueIndex> still;
    for (QueueIndex q : qs) {
      std::int64_t& off = popOffset_[{g, q}];
      const std::int64_t got = std::min({share, left, b->maxOffset(q, now) - off});
      off += got;
      left -= got;
      if (b->maxOffset(q, now) > off) still.push_back(q);
    }
    qs = std::move(still);
  }
  return want - left;
}

void PopMessageProcessor::ackOrConsume(SimTime now) {
  std::map<ClientIndex, std::pair<std::int64_t, std::int64_t>> consumed;  // messages, duplicates
  std::vector<Batch> keep;
  for (Batch& b : inFlight_) {
    const MQClientInstance& c = *ctx_.clients[static_cast<std::size_t>(b.client)];
    if (!c.isAlive()) {
      if (!b.revived) keep.push_back(b);  // waits for its deadline
      continue;
    }
    if (!c.isRunning()) {  // frozen: nothing happens until it resumes
      keep.push_back(b);
      continue;
    }
    if (!b.consumed) {
      auto& [msgs, dups] = consumed[b.client];
      msgs += b.messages;
      if (b.revived) dups += b.messages;  // handed out again already: this copy is the second
      b.consumed = true;
    }
    // AckMessageProcessor: the ack reaches the broker, or is lost with a cut link; an ack after
    // the revive finds the message gone (the client's receipt handle is stale).
    if (!b.revived && !reaches(c, b.broker)) keep.push_back(b);
    else if (!b.revived) released(b, now);
  }
  inFlight_ = std::move(keep);
  for (const auto& [client, n] : consumed) ctx_.trace.emit(EvPopConsumed{now, client, n.first, n.second});
}

void PopMessageProcessor::revive(SimTime now) {
  const SimTime wait = ctx_.timing().pop_revive_interval;
  std::map<ClientIndex, EvPopRevived> out;
  std::vector<Batch> keep;
  for (Batch& b : inFlight_) {
    // FIFO: no checkpoint to revive; the queue's order info stops blocking at the deadline.
    if (b.revived || now < b.deadline + (b.queue >= 0 ? 0 : wait)) {
      keep.push_back(b);
      continue;
    }
    // PopReviveService: the checkpoint has no ack by its deadline: the messages go back.
    b.revived = true;
    const GroupIndex g = ctx_.clients[static_cast<std::size_t>(b.client)]->setup().group;
    if (b.queue >= 0) {
      popOffset_[{g, b.queue}] -= b.messages;  // the next pop re-reads them, in order
      released(b, now);
    } else {
      revived_[{g, b.broker}] += b.messages;
    }
    auto [it, fresh] = out.try_emplace(b.client, EvPopRevived{now, b.client, 0, 0, 0});
    it->second.messages += b.messages;
    if (b.consumed) it->second.duplicates += b.messages;  // consumed, ack lost: the redelivery repeats it
    it->second.overdueMsgMs += b.messages * (now - b.deadline);
    // A consumed batch is done; an unconsumed one stays with a live client that may still get to it.
    if (!b.consumed && ctx_.clients[static_cast<std::size_t>(b.client)]->isAlive()) keep.push_back(b);
  }
  inFlight_ = std::move(keep);
  for (const auto& [client, e] : out) ctx_.trace.emit(e);
}

void PopMessageProcessor::released(const Batch& b, SimTime now) {
  const SimTime late = now - (b.poppedAt + kStep);
  if (b.queue >= 0 && late > 0) ctx_.trace.emit(EvPopBlocked{now, b.client, b.queue, late});
}

PopMessageProcessor::Poppers PopMessageProcessor::poppers(const std::vector<MQClientInstance*>& running) const {
  // Each client's capacity for this step, split over the brokers it reaches.
  Poppers byBroker;
  for (MQClientInstance* c : running) {
    std::vector<std::string> reach;
    for (const auto& [name, b] : ctx_.brokers)
      if (reaches(*c, name)) reach.push_back(name);
    if (reach.empty()) continue;
    const double cap = c->setup().consumeRatePerSecond * static_cast<double>(kStep) / kSecond;
    const auto perBroker = static_cast<std::int64_t>(std::floor(cap / static_cast<double>(reach.size())));
    for (const std::string& name : reach) byBroker[name].push_back({c, perBroker});
  }
  return byBroker;
}

void PopMessageProcessor::pop(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running) {
  Poppers byBroker = poppers(running);
  for (auto& [broker, clients] : byBroker) {
    // Water-filling: the broker's messages evenly over its poppers, none past its capacity.
    std::int64_t left = available(g, broker, now);
    std::stable_sort(clients.begin(), clients.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    for (std::size_t i = 0; i < clients.size() && left > 0; ++i) {
      const auto rest = static_cast<std::int64_t>(clients.size() - i);
      const std::int64_t want = std::min(clients[i].second, (left + rest - 1) / rest);
      const std::int64_t got = take(g, broker, want, now);
      left -= got;
      if (got > 0)
        inFlight_.push_back(Batch{clients[i].first->index(), broker, got, now + ctx_.timing().pop_invisible_time, -1, now});
    }
  }
}

void PopMessageProcessor::popFifo(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running) {
  std::set<QueueIndex> blocked;  // ConsumerOrderInfoManager.checkBlock: an unacked batch, not yet visible again
  for (const Batch& b : inFlight_)
    if (b.queue >= 0 && !b.revived && ctx_.clients[static_cast<std::size_t>(b.client)]->setup().group == g)
      blocked.insert(b.queue);
  Poppers byBroker = poppers(running);
  for (auto& [broker, clients] : byBroker) {
    const Broker* br = ctx_.findBroker(broker);
    std::size_t& cursor = fifoCursor_[{g, broker}];
    for (QueueIndex q : queuesOn(g, broker)) {
      auto [it, fresh] = popOffset_.try_emplace({g, q}, br->maxOffset(q, now));  // first pop: the queue's end
      const std::int64_t avail = br->maxOffset(q, now) - it->second;
      if (avail <= 0 || blocked.count(q)) continue;
      // The queue's next batch goes to the next client (round robin) with capacity left.
      for (std::size_t tried = 0; tried < clients.size(); ++tried) {
        auto& [c, left] = clients[cursor++ % clients.size()];
        if (left <= 0) continue;
        const std::int64_t got = std::min(left, avail);
        left -= got;
        it->second += got;
        inFlight_.push_back(Batch{c->index(), broker, got, now + ctx_.timing().pop_invisible_time, q, now});
        break;
      }
    }
  }
}

void PopMessageProcessor::popAssigned(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running) {
  Poppers byBroker = poppers(running);
  for (auto& [broker, all] : byBroker) {
    const Broker* br = ctx_.findBroker(broker);
    const std::vector<QueueIndex> queues = queuesOn(g, broker);
    // A client pops a broker only for the queues its assignment holds there.
    std::vector<std::pair<MQClientInstance*, std::int64_t>> clients;
    for (const auto& pc : all) {
      const auto& mine = pc.first->consumer().rebalanceImpl().popProcessQueueTable();
      if (std::any_of(queues.begin(), queues.end(), [&mine](QueueIndex q) { return mine.count(q) > 0; })) clients.push_back(pc);
    }
    std::vector<std::int64_t> taken(clients.size(), 0);
    // Water-fills `left` over the clients chosen by `holds`, none past its capacity; returns the total.
    auto share = [&clients, &taken](std::int64_t left, const auto& holds) {
      std::vector<std::size_t> idx;
      for (std::size_t i = 0; i < clients.size(); ++i)
        if (holds(i) && clients[i].second > 0) idx.push_back(i);
      std::stable_sort(idx.begin(), idx.end(), [&clients](std::size_t a, std::size_t b) { return clients[a].second < clients[b].second; });
      std::int64_t total = 0;
      for (std::size_t k = 0; k < idx.size() && left > 0; ++k) {
        const auto rest = static_cast<std::int64_t>(idx.size() - k);
        const std::int64_t got = std::min(clients[idx[k]].second, (left + rest - 1) / rest);
        clients[idx[k]].second -= got, taken[idx[k]] += got, left -= got, total += got;
      }
      return total;
    };
    // Revived messages first (the broker pops its retry queues for any of them), then each queue.
    std::int64_t& back = revived_[{g, broker}];
    back -= share(back, [](std::size_t) { return true; });
    for (QueueIndex q : queues) {
      auto [it, fresh] = popOffset_.try_emplace({g, q}, br->maxOffset(q, now));
      it->second += share(br->maxOffset(q, now) - it->second,
                          [&clients, q](std::size_t i) { return clients[i].first->consumer().rebalanceImpl().popProcessQueueTable().count(q) > 0; });
    }
    for (std::size_t i = 0; i < clients.size(); ++i)
      if (taken[i] > 0)
        inFlight_.push_back(Batch{clients[i].first->index(), broker, taken[i], now + ctx_.timing().pop_invisible_time, -1, now});
  }
}

void PopMessageProcessor::step() {
  const SimTime now = ctx_.now();
  ackOrConsume(now);
  revive(now);
  std::map<GroupIndex, std::vector<MQClientInstance*>> running;
  for (MQClientInstance* c : ctx_.clients) {
    if (!isPop(*c)) continue;
    topics_.try_emplace(c->setup().group, c->setup().topics);
    if (c->isRunning()) running[c->setup().group].push_back(c);
  }
  for (const auto& [g, clients] : running) {
    const MQClientInstance& first = *clients.front();
    if (isFifo(first)) popFifo(now, g, clients);
    else if (first.setup().popRequestMode) popAssigned(now, g, clients);
    else pop(now, g, clients);
  }
}

}  // namespace rmqsim
