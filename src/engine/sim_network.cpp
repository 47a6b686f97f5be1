#include "engine/sim_network.h"

namespace rmqsim {

NodeId SimNetwork::addNode(std::string name) {
  nodes_.push_back(Node{true, false, 0});
  taps_.emplace_back();
  tapsInbound_.push_back(1);
  names_.push_back(std::move(name));
  return static_cast<NodeId>(nodes_.size() - 1);
}

void SimNetwork::setUp(NodeId n, bool up) {
  Node& node = nodes_[n];
  if (node.up == up) return;
  node.up = up;
  node.refuses = false;
  ++node.epoch;  // messages in flight to the old incarnation are lost
}

}  // namespace rmqsim
