// One sender's burst of messages of one kind, such as a broker notifying every channel of a
// group: each message is sent exactly as SimNetwork::send sends it (its own latency draw, tap,
// reachability check and loss), but the messages due at the same instant share one loop event,
// which delivers them in the order they were sent. A fleet's membership change is thousands of
// notifications; one event per instant instead of one per message saves the scheduling and the
// event slot each would take.
//
// Exact: events due at one instant run in the order they were scheduled, so a message is added
// to the shared event only while that event is still the last scheduled at its instant
// (EventLoop::lastAtItsInstant). When anything else has been scheduled there since, a new
// shared event is started. With an event limit set, every message is its own event, as the
// limit counts events.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "engine/event_loop.h"
#include "engine/sim_network.h"

namespace rmqsim {

template <class Payload, class Handler>
class SimFanout {
 public:
  /// `handler(payload)` runs at the destination for each message that arrives; `expected`: about
  /// how many messages will be sent (a shared event's list is sized for them).
  SimFanout(SimNetwork& net, NodeId from, Random& senderRng, Handler handler, std::size_t expected = 0)
      : net_(net), from_(from), rng_(senderRng), handler_(std::move(handler)), expected_(expected) {}

  /// Sends one message to `to`; false when it is lost at once (as SimNetwork::send).
  bool send(NodeId to, Payload payload) {
    if (net_.loop_.limited())
      return net_.send(from_, to, rng_, [h = handler_, payload]() mutable { h(payload); });
    SimNetwork::NoLoss noLoss;
    SimTime latency = 0;
    if (!net_.depart(from_, to, rng_, noLoss, true, latency)) return false;
    batchFor(net_.loop_.now() + latency).entries.push_back(Entry{to, net_.nodes_[to].epoch, std::move(payload)});
    return true;
  }

 private:
  struct Entry {
    NodeId to;
    std::uint32_t epoch;
    Payload payload;
  };
  struct Batch {
    Handler handler;
    std::vector<Entry> entries;
  };
  struct Open {
    SimTime at;
    EventHandle event;
    Batch* batch;
  };

  /// The shared event for messages due at `at`, a new one when there is none that a message
  /// may still join.
  Batch& batchFor(SimTime at) {
    for (Open& o : open_)
      if (o.at == at) {
        // Pending: nothing else holds its handle, and it runs after the event sending now.
        if (net_.loop_.pendingLastAtItsInstant(o.event)) return *o.batch;
        o = start(at);
        return *o.batch;
      }
    open_.push_back(start(at));
    return *open_.back().batch;
  }
  Open start(SimTime at) {
    auto owned = std::make_unique<Batch>(Batch{handler_, {}});
    // The messages spread evenly over the latency range's instants.
    const std::size_t share = expected_ / static_cast<std::size_t>(net_.maxLatency() - net_.minLatency_ + 1);
    if (share > 0) owned->entries.reserve(share);
    Batch* batch = owned.get();
    SimNetwork* net = &net_;
    const NodeId from = from_;
    const EventHandle h = net_.loop_.schedule(at, [net, from, b = std::move(owned)] {
      SimNetwork::NoLoss noLoss;
      for (Entry& e : b->entries) {
        auto deliver = [&] { b->handler(e.payload); };
        net->arrive(from, e.to, e.epoch, true, deliver, noLoss);
      }
    });
    return Open{at, h, batch};
  }

  SimNetwork& net_;
  NodeId from_;
  Random& rng_;
  Handler handler_;
  std::size_t expected_;
  std::vector<Open> open_;  ///< one per arrival instant drawn so far (one for a fixed latency)
};

}  // namespace rmqsim
