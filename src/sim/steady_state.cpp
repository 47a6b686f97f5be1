#include "sim/steady_state.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

SimTime SteadyState::horizon(bool forCommits) {
  const SimTime now = ctx_.now();
  if (now >= until_) {
    if (now < recheckAt_) return 0;
    if (!steadyNow()) {
      // A fleet with one process that never settles would pay a whole check every second.
      recheckAt_ = now + backoff_;
      backoff_ = std::min<SimTime>(backoff_ * 2, 16 * kSecond);
      return 0;
    }
    recheckAt_ = now + kSecond;
    backoff_ = kSecond;
    const SimTime until = std::min(faults_.nextChange(now), end_);
    if (until <= now) return 0;
    until_ = until;
  }
  return forCommits ? std::min(until_, sampleTimer_.due()) : until_;
}

bool SteadyState::steadyNow() {
  if (ctx_.unsteadyScheduled != 0 || ctx_.net.unsteadyInFlight() != 0 || !ctx_.net.noCuts()) return false;
  for (const auto& ns : cluster_.nameservers())
    if (!ns->isUp()) return false;
  for (const auto& b : cluster_.brokers())
    if (!b->isUp() || !b->notificationsSent()) return false;
  // Every live client steady and registered at each broker of its routes, and no other channel.
  if (lastUnsteady_ && lastUnsteady_->isAlive() && !lastUnsteady_->isSteady()) return false;  // most likely still so
  std::size_t channels = 0;
  for (const auto& c : cluster_.clients()) {
    if (!c->isAlive()) continue;
    if (!c->isSteady()) {
      lastUnsteady_ = c.get();
      return false;
    }
    for (const std::string& name : c->brokerAddrTable()) {
      const Broker* b = ctx_.findBroker(name);
      if (!b || !b->hasConsumerChannel(c->setup().groupName, c->index(), c->getClientId())) return false;
      ++channels;
    }
  }
  std::size_t registered = 0;
  for (const auto& b : cluster_.brokers()) registered += b->consumerManager().channelCount();
  return registered == channels;
}

}  // namespace rmqsim
