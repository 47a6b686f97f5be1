#include "engine/sim_network.h"

namespace rmqsim {

NodeId SimNetwork::addNode(std::string name) {
  nodes_.push_back(Node{std::move(name), true, false, 0, {}});
  return static_cast<NodeId>(nodes_.size() - 1);
}

void SimNetwork::setUp(NodeId n, bool up) {
  Node& node = nodes_[n];
  if (node.up == up) return;
  node.up = up;
  node.refuses = false;
  ++node.epoch;  // messages in flight to the old incarnation are lost
}

bool SimNetwork::send(NodeId from, NodeId to, Random& senderRng, std::function<void()> deliver,
                      std::function<void()> onLost, bool steady) {
  const bool counted = !steady;
  const SimTime latency = drawLatency(senderRng);
  ++sent_;
  if (nodes_[from].tap) nodes_[from].tap(to, true);
  if (!canReach(from, to)) {
    ++lost_;
    if (onLost) onLost();
    return false;
  }
  const std::uint32_t epoch = nodes_[to].epoch;
  if (counted) ++unsteadyInFlight_;
  loop_.scheduleAfter(latency, [this, from, to, epoch, counted, fn = std::move(deliver), lost = std::move(onLost)] {
    if (counted) --unsteadyInFlight_;
    if (!nodes_[to].up || nodes_[to].epoch != epoch) {
      ++lost_;
      if (lost) lost();
      return;
    }
    if (nodes_[to].tap) nodes_[to].tap(from, false);
    fn();
  });
  return true;
}

}  // namespace rmqsim
