#include "rocketmq/client/rebalance_service.h"

#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

RebalanceService::RebalanceService(MQClientInstance& client) : client_(client), waitTimer_(client.ctx().loop) {}

void RebalanceService::start() {
  lastRebalanceTimestamp_ = client_.ctx().now();  // Java: field initialised when the service is created
  waitTimer_.startOnce(client_.ctx().timing().rebalance_interval, [this] { onWake(); });
  started_ = true;
}

void RebalanceService::waitFor(SimTime delay) {
  if (started_) waitTimer_.restartOnce(delay);  // the timer keeps onWake from start()
  else waitTimer_.startOnce(delay, [this] { onWake(); });
}

void RebalanceService::wakeup() {
  // A paused process defers its inputs, so a wakeup never arrives while suspended.
  if (waitTimer_.suspended() || !client_.isRunning()) return;
  if (running_) {
    notified_ = true;
    return;
  }
  waitFor(0);
}

void RebalanceService::onWake() {
  const ModelTiming& t = client_.ctx().timing();
  const SimTime minInterval = client_.ctx().behaviour().adaptive_rebalance_wait ? t.rebalance_min_interval : 0;
  const SimTime now = client_.ctx().now();
  const SimTime interval = now - lastRebalanceTimestamp_;
  if (interval < minInterval) {
    waitFor(minInterval - interval);
    return;
  }
  running_ = true;
  client_.spawn(runRound());
}

Task<void> RebalanceService::runRound() {
  const bool balanced = co_await client_.doRebalance();
  running_ = false;
  const ModelTiming& t = client_.ctx().timing();
  const bool adaptive = client_.ctx().behaviour().adaptive_rebalance_wait;
  SimTime realWait = (balanced || !adaptive) ? t.rebalance_interval : t.rebalance_unbalanced_interval;
  lastRebalanceTimestamp_ = client_.ctx().now();
  if (notified_) realWait = 0;  // woken meanwhile: waitForRunning returns at once
  notified_ = false;
  if (!client_.isRunning()) co_return;
  waitFor(realWait);
  if (realWait == t.rebalance_interval) skipSteadyRounds();
}

void RebalanceService::skipSteadyRounds() {
  const SimTime horizon = client_.steadyHorizon();
  const SimTime now = client_.ctx().now();
  if (horizon <= now) return;
  const ModelTiming& t = client_.ctx().timing();
  const SimTime minInterval = client_.ctx().behaviour().adaptive_rebalance_wait ? t.rebalance_min_interval : 0;
  const SimTime slack = client_.steadyCallSlack();
  SimTime last = lastRebalanceTimestamp_;
  SimTime start = last + t.rebalance_interval;
  std::int64_t rounds = 0;
  for (;;) {
    if (start - last < minInterval) start = last + minInterval;  // onWake waits out the minimum
    if (start + slack >= horizon) break;
    last = client_.drawSteadyRound(start);
    ++rounds;
    start = last + t.rebalance_interval;  // balanced: waitInterval
  }
  if (rounds == 0) return;
  lastRebalanceTimestamp_ = last;
  waitFor(start - now);
  const auto topics = static_cast<std::int64_t>(client_.consumer().rebalanceImpl().subscriptionInner().size());
  client_.ctx().trace.emit(EvSteadyRebalances{now, client_.index(), rounds * topics});
}

}  // namespace rmqsim
