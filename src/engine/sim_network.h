// The simulated network: one-way messages with a latency drawn uniformly from [min, max] on the
// sender's stream, nodes that are up or down, and directional link cuts. The only place that
// knows links. A message is lost when its link is cut at send time or its destination is down
// (or restarted) when it arrives. A synchronous request is two messages (MQClientAPIImpl).
// A down node is silent (its host is lost: nothing answers) unless it refuses connections (its
// process died on a live host: the kernel answers a SYN or a segment with a reset at once).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/event_loop.h"
#include "engine/random.h"

namespace rmqsim {

template <class Payload, class Handler>
class SimFanout;
using NodeId = std::int32_t;

class SimNetwork {
 public:
  SimNetwork(EventLoop& loop, SimTime minLatency, SimTime maxLatency)
      : loop_(loop), minLatency_(minLatency), maxLatency_(maxLatency) {}

  /// Registers a node (up) and returns its id.
  NodeId addNode(std::string name);
  const std::string& nodeName(NodeId n) const { return names_[n]; }
  /// Watches a node's traffic: `tap(peer, outbound)` runs when the node sends a message (at send
  /// time, even one lost on the way: a socket write completes locally) and when a message from
  /// `peer` is delivered to it (inbound). The brokers' idle-channel handler reads it.
  /// `inbound` false: the tap only watches what the node sends (a client's channel opening),
  /// and the deliveries to it, most of a fleet's messages, skip the call.
  using Tap = std::function<void(NodeId peer, bool outbound)>;
  void setTap(NodeId n, Tap tap, bool inbound = true) {
    taps_[n] = std::move(tap);
    tapsInbound_[n] = inbound;
  }
  /// Brings a node down (its in-flight inbound messages are lost) or up (a new incarnation).
  void setUp(NodeId n, bool up);
  bool isUp(NodeId n) const { return nodes_[n].up; }
  /// The down node's host is alive (a killed process): connections to it are refused until it
  /// comes up again, instead of timing out.
  void refuseConnections(NodeId n) {
    if (!nodes_[n].up) nodes_[n].refuses = true;
  }
  /// A connection attempt from -> to gets a reset now (both links work, nothing listens at `to`).
  bool refuses(NodeId from, NodeId to) const {
    return nodes_[to].refuses && !nodes_[to].up && nodes_[from].up && !isCut(from, to) && !isCut(to, from);
  }

  /// Cuts / heals the directed link from -> to.
  void cut(NodeId from, NodeId to) { cuts_.insert({from, to}); }
  void heal(NodeId from, NodeId to) { cuts_.erase({from, to}); }
  bool isCut(NodeId from, NodeId to) const { return !cuts_.empty() && cuts_.count({from, to}) > 0; }

  /// A message from -> to would arrive now (both up, link not cut).
  bool canReach(NodeId from, NodeId to) const { return nodes_[from].up && nodes_[to].up && !isCut(from, to); }
  /// Both directions work now (a pull loop's long-polling connection is usable).
  bool roundTrip(NodeId from, NodeId to) const { return canReach(from, to) && canReach(to, from); }

  /// One-way latency drawn from the sender's stream (a Random or a CounterRandom).
  template <class Stream>
  SimTime drawLatency(Stream& senderRng) const {
    return maxLatency_ <= minLatency_ ? minLatency_ : senderRng.uniform(minLatency_, maxLatency_);
  }
  /// How many draws one drawLatency takes (0 when the latency is fixed).
  int drawsPerLatency() const { return maxLatency_ <= minLatency_ ? 0 : 1; }
  /// No loss handler (send's default).
  struct NoLoss {};
  /// Sends a message; `deliver` runs at the destination after the latency unless the message is
  /// lost, in which case `onLost` (if any) runs when the loss happens (at send time for a cut link,
  /// at arrival for a destination down). Returns false when it is lost at send time. The latency
  /// is drawn either way. `steady`: a message of the steady state's periodic work (route and
  /// consumer-list queries and their replies), not counted in unsteadyInFlight(). The handlers
  /// are kept as they are in the event (no std::function): a message whose captures fit the
  /// event loop's slot allocates nothing.
  template <class Deliver, class OnLost = NoLoss>
  bool send(NodeId from, NodeId to, Random& senderRng, Deliver&& deliver, OnLost&& onLost = {}, bool steady = false) {
    const bool counted = !steady;
    SimTime latency = 0;
    if (!depart(from, to, senderRng, onLost, counted, latency)) return false;
    loop_.scheduleAfter(latency, Message<std::decay_t<Deliver>, std::decay_t<OnLost>>{
                                     this, from, to, nodes_[to].epoch, counted, std::forward<Deliver>(deliver),
                                     std::forward<OnLost>(onLost)});
    return true;
  }
  /// Messages in flight other than the steady ones: while any is, something may still change.
  std::int64_t unsteadyInFlight() const { return unsteadyInFlight_; }
  /// No link is cut.
  bool noCuts() const { return cuts_.empty(); }
  SimTime maxLatency() const { return std::max(minLatency_, maxLatency_); }
  /// The mean one-way latency in milliseconds (uniform draws).
  double meanLatency() const { return (static_cast<double>(minLatency_) + static_cast<double>(maxLatency())) / 2.0; }

  std::int64_t messagesSent() const { return sent_; }
  std::int64_t messagesLost() const { return lost_; }

 private:
  /// What every message reads of its two ends, 8 bytes a node (a fleet has thousands).
  struct Node {
    bool up = true;
    bool refuses = false;  ///< down, host alive (see refuseConnections)
    std::uint32_t epoch = 0;
  };
  /// A message on the wire: what arrival checks and runs.
  template <class Deliver, class OnLost>
  struct Message {
    SimNetwork* net;
    NodeId from;
    NodeId to;
    std::uint32_t epoch;
    bool counted;
    Deliver deliver;
    [[no_unique_address]] OnLost lost;
    void operator()() { net->arrive(from, to, epoch, counted, deliver, lost); }
  };
  /// A message's arrival: lost if its destination went down or restarted since it was sent.
  template <class Deliver, class OnLost>
  void arrive(NodeId from, NodeId to, std::uint32_t epoch, bool counted, Deliver& deliver, OnLost& lost) {
    if (counted) --unsteadyInFlight_;
    const Node& dest = nodes_[to];
    if (!dest.up || dest.epoch != epoch) {
      ++lost_;
      runLost(lost);
      return;
    }
    if (tapsInbound_[to])
      if (const Tap& tap = taps_[to]) tap(from, false);
    deliver();
  }
  /// The send-time half of send(): false when the message is lost at once (its link is cut).
  template <class Stream, class OnLost>
  bool depart(NodeId from, NodeId to, Stream& senderRng, OnLost& onLost, bool counted, SimTime& latency) {
    latency = drawLatency(senderRng);
    ++sent_;
    if (taps_[from]) taps_[from](to, true);
    if (!canReach(from, to)) {
      ++lost_;
      runLost(onLost);
      return false;
    }
    if (counted) ++unsteadyInFlight_;
    return true;
  }
  template <class Payload, class Handler>
  friend class SimFanout;
  template <class OnLost>
  static void runLost(OnLost& lost) {
    if constexpr (std::is_same_v<OnLost, NoLoss> || std::is_same_v<OnLost, std::nullptr_t>) {
    } else if constexpr (requires { lost.operator bool(); }) {  // a std::function may be empty
      if (lost) lost();
    } else {
      lost();
    }
  }

  EventLoop& loop_;
  SimTime minLatency_;
  SimTime maxLatency_;
  std::vector<Node> nodes_;
  std::vector<Tap> taps_;  ///< by node, beside nodes_: both are read per message
  std::vector<char> tapsInbound_;  ///< by node: whether taps_ watches deliveries too
  std::vector<std::string> names_;
  std::set<std::pair<NodeId, NodeId>> cuts_;
  std::int64_t sent_ = 0;
  std::int64_t lost_ = 0;
  std::int64_t unsteadyInFlight_ = 0;
};

}  // namespace rmqsim
