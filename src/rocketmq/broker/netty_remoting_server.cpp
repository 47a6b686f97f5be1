#include "rocketmq/broker/netty_remoting_server.h"

#include <algorithm>

namespace rmqsim {

void NettyRemotingServer::shutdown() {
  timer_.cancel();
  channels_.clear();
  orphans_.clear();
}

std::uint64_t NettyRemotingServer::accept(NodeId node, ClientIndex client) {
  const auto i = static_cast<std::size_t>(node);
  if (channels_.size() <= i) channels_.resize(i + 1);
  if (channels_[i].id != 0) {
    Channel old = channels_[i];
    old.pulling = false;  // the client's pulls move to the new connection
    orphans_.push_back(old);
    armFor(deadline(old));
  }
  channels_[i] = Channel{nextId_++, client, loop_.now(), false};
  armFor(deadline(channels_[i]));
  return channels_[i].id;
}

void NettyRemotingServer::setPulling(NodeId node, bool pulling) {
  const auto i = static_cast<std::size_t>(node);
  if (i >= channels_.size() || channels_[i].id == 0 || channels_[i].pulling == pulling) return;
  Channel& c = channels_[i];
  c.pulling = pulling;
  // The last pulls are answered within the round trip (traffic wakes the held long poll): the
  // channel's last activity is when pulling stopped.
  c.lastActivity = std::max(c.lastActivity, loop_.now());
  if (!pulling) armFor(deadline(c));
}

bool NettyRemotingServer::close(NodeId node, std::uint64_t id) {
  const auto i = static_cast<std::size_t>(node);
  if (i < channels_.size() && channels_[i].id != 0 && (id == 0 || channels_[i].id == id)) {
    channels_[i] = Channel{};
    return true;
  }
  auto it = findOrphan(id);
  if (id == 0 || it == orphans_.end()) return false;
  orphans_.erase(it);
  return true;
}

void NettyRemotingServer::armFor(SimTime at) {
  if (maxIdle_ <= 0 || at == kNever || (timer_.active() && timer_.due() <= at)) return;
  timer_.startOnce(std::max<SimTime>(0, at - loop_.now()), [this] { onTimer(); });
}

void NettyRemotingServer::onTimer() {
  // IdleStateHandler.AllIdleTimeoutTask: idle when nothing was read or written for maxIdle.
  const SimTime now = loop_.now();
  std::vector<std::pair<ClientIndex, std::uint64_t>> idle;
  SimTime next = kNever;
  for (Channel& c : channels_) {
    const SimTime d = deadline(c);
    if (d <= now) {
      idle.emplace_back(c.client, c.id);
      c = Channel{};  // RemotingHelper.closeChannel, then the IDLE event
    } else {
      next = std::min(next, d);
    }
  }
  for (auto it = orphans_.begin(); it != orphans_.end();) {
    const SimTime d = deadline(*it);
    if (d <= now) {
      idle.emplace_back(it->client, it->id);
      it = orphans_.erase(it);
    } else {
      next = std::min(next, d);
      ++it;
    }
  }
  armFor(next);
  for (const auto& [client, id] : idle) onIdle_(client, id);
}

}  // namespace rmqsim
