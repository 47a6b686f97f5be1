#include "rocketmq/broker/pop_message_processor.h"

#include <algorithm>
#include <cmath>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

namespace {

constexpr SimTime kStep = kSecond;

bool isPop(const MQClientInstance& c) { return c.setup().rebalanceMode == RebalanceMode::POP; }

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
  }
  inFlight_ = std::move(keep);
  for (const auto& [client, n] : consumed) ctx_.trace.emit(EvPopConsumed{now, client, n.first, n.second});
}

void PopMessageProcessor::revive(SimTime now) {
  const SimTime wait = ctx_.timing().pop_revive_interval;
  std::map<ClientIndex, EvPopRevived> out;
  std::vector<Batch> keep;
  for (Batch& b : inFlight_) {
    if (b.revived || now < b.deadline + wait) {
      keep.push_back(b);
      continue;
    }
    // PopReviveService: the checkpoint has no ack by its deadline: the messages go back.
    b.revived = true;
    const GroupIndex g = ctx_.clients[static_cast<std::size_t>(b.client)]->setup().group;
    revived_[{g, b.broker}] += b.messages;
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

void PopMessageProcessor::pop(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running) {
  // Each client's capacity for this step, split over the brokers it reaches.
  std::map<std::string, std::vector<std::pair<MQClientInstance*, std::int64_t>>> byBroker;
  for (MQClientInstance* c : running) {
    std::vector<std::string> reach;
    for (const auto& [name, b] : ctx_.brokers)
      if (reaches(*c, name)) reach.push_back(name);
    if (reach.empty()) continue;
    const double cap = c->setup().consumeRatePerSecond * static_cast<double>(kStep) / kSecond;
    const auto perBroker = static_cast<std::int64_t>(std::floor(cap / static_cast<double>(reach.size())));
    for (const std::string& name : reach) byBroker[name].push_back({c, perBroker});
  }
  for (auto& [broker, clients] : byBroker) {
    // Water-filling: the broker's messages evenly over its poppers, none past its capacity.
    std::int64_t left = available(g, broker, now);
    std::stable_sort(clients.begin(), clients.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    for (std::size_t i = 0; i < clients.size() && left > 0; ++i) {
      const auto rest = static_cast<std::int64_t>(clients.size() - i);
      const std::int64_t want = std::min(clients[i].second, (left + rest - 1) / rest);
      const std::int64_t got = take(g, broker, want, now);
      left -= got;
      if (got > 0) inFlight_.push_back(Batch{clients[i].first->index(), broker, got, now + ctx_.timing().pop_invisible_time});
    }
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
  for (const auto& [g, clients] : running) pop(now, g, clients);
}

}  // namespace rmqsim
