#include "rocketmq/broker/netty_remoting_server.h"

#include <algorithm>

namespace rmqsim {

void NettyRemotingServer::shutdown() {
  timer_.cancel();
  channels_.clear();
}

std::uint64_t NettyRemotingServer::accept(NodeId node, ClientIndex client) {
  const auto i = static_cast<std::size_t>(node);
  if (channels_.size() <= i) channels_.resize(i + 1);
  channels_[i] = Channel{nextId_++, client, loop_.now(), false};
  armFor(deadline(channels_[i]));
  return channels_[i].id;
}

void NettyRemotingServer::touch(NodeId node, SimTime at) {
  const auto i = static_cast<std::size_t>(node);
  // Activity only moves a deadline later: an armed timer that fires early re-arms (as Netty's does).
  if (i < channels_.size() && channels_[i].id != 0) channels_[i].lastActivity = std::max(channels_[i].lastActivity, at);
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

bool NettyRemotingServer::close(NodeId node) {
  const auto i = static_cast<std::size_t>(node);
  if (i >= channels_.size() || channels_[i].id == 0) return false;
  channels_[i] = Channel{};
  return true;
}

void NettyRemotingServer::armFor(SimTime at) {
  if (maxIdle_ <= 0 || at == kNever || (timer_.active() && timer_.due() <= at)) return;
  timer_.startOnce(std::max<SimTime>(0, at - loop_.now()), [this] { onTimer(); });
}

void NettyRemotingServer::onTimer() {
  // IdleStateHandler.AllIdleTimeoutTask: idle when nothing was read or written for maxIdle.
  const SimTime now = loop_.now();
  std::vector<ClientIndex> idle;
  SimTime next = kNever;
  for (Channel& c : channels_) {
    const SimTime d = deadline(c);
    if (d <= now) {
      idle.push_back(c.client);
      c = Channel{};  // RemotingHelper.closeChannel, then the IDLE event
    } else {
      next = std::min(next, d);
    }
  }
  armFor(next);
  for (ClientIndex client : idle) onIdle_(client);
}

}  // namespace rmqsim
