// twin of remoting/src/main/java/org/apache/rocketmq/remoting/netty/NettyRemotingServer.java (its
// channels and IdleStateHandler(0, 0, serverChannelMaxIdleTimeSeconds)), 4.9.x and 5.x;
// differences: only the broker's client connections; a connection opens when the client first
// sends (the handshake takes no time); a client's pulls are continuous traffic while it pulls.
// A node's newest connection carries its traffic; an older one the broker never saw close (the
// client closed it across a cut link) stays open, silent, until the idle handler or a reset.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/sim_network.h"
#include "engine/timer.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class NettyRemotingServer {
 public:
  /// ALL_IDLE: the channel was closed for lack of reads and writes (NettyConnectManageHandler).
  using IdleHandler = std::function<void(ClientIndex client, std::uint64_t id)>;

  NettyRemotingServer(EventLoop& loop, IdleHandler onIdle) : loop_(loop), timer_(loop), onIdle_(std::move(onIdle)) {}

  /// Serves with this idle time (0: no idle handler, Netty's "disabled").
  void start(SimTime maxIdle) { maxIdle_ = maxIdle; }
  /// The process went down: every channel is gone.
  void shutdown();

  /// A client connects: a new channel id. The node's older channel, if still open here, stays
  /// open beside it (its client end is closed: its FIN was lost), silent from now on.
  std::uint64_t accept(NodeId node, ClientIndex client);
  /// The client's channel `id` is still open here.
  bool isOpen(NodeId node, std::uint64_t id) const {
    const auto i = static_cast<std::size_t>(node);
    return id != 0 && ((i < channels_.size() && channels_[i].id == id) || findOrphan(id) != orphans_.end());
  }
  /// The node's newest open channel (0: none): the one its messages arrive on.
  std::uint64_t current(NodeId node) const {
    const auto i = static_cast<std::size_t>(node);
    return i < channels_.size() ? channels_[i].id : 0;
  }
  /// Traffic on the node's channel (a read or a write) at `at`, which may lie ahead (a message the
  /// fast-forward applied at send time with its arrival time). Inline: every message to or from
  /// the broker touches.
  void touch(NodeId node, SimTime at) {
    const auto i = static_cast<std::size_t>(node);
    // Activity only moves a deadline later: an armed timer that fires early re-arms (as Netty's does).
    if (i < channels_.size() && channels_[i].id != 0) channels_[i].lastActivity = std::max(channels_[i].lastActivity, at);
  }
  /// The client pulls over this channel now (continuous traffic) or stopped pulling now.
  void setPulling(NodeId node, bool pulling);
  /// The node's channel `id` closed (either side; 0: its newest); false if it was not open.
  bool close(NodeId node, std::uint64_t id = 0);

 private:
  struct Channel {
    std::uint64_t id = 0;  ///< 0: no channel
    ClientIndex client = 0;
    SimTime lastActivity = 0;
    bool pulling = false;
  };
  SimTime deadline(const Channel& c) const { return c.id == 0 || c.pulling ? kNever : c.lastActivity + maxIdle_; }
  void armFor(SimTime at);
  void onTimer();
  std::vector<Channel>::const_iterator findOrphan(std::uint64_t id) const {
    return std::find_if(orphans_.begin(), orphans_.end(), [id](const Channel& c) { return c.id == id; });
  }

  EventLoop& loop_;
  Timer timer_;
  IdleHandler onIdle_;
  SimTime maxIdle_ = 0;
  std::uint64_t nextId_ = 1;
  std::vector<Channel> channels_;  ///< by node id (dense): every message delivered looks one up
  std::vector<Channel> orphans_;   ///< older channels still open here (rare, a handful)
};

}  // namespace rmqsim
