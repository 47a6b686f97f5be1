// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/RebalanceService.java, 4.9.x and 5.x;
// differences: the service thread's wait is a Timer; wakeup() ends the wait at once.
// 5.x: at least minInterval between rounds; the next wait is waitInterval if every consumer was
// balanced, else minInterval. 4.9: a fixed waitInterval (min interval 0).
#pragma once

#include "engine/timer.h"

namespace rmqsim {

class MQClientInstance;

class RebalanceService {
 public:
  explicit RebalanceService(MQClientInstance& client);
  /// Starts the loop: the first wait is waitInterval (a start-up wakeup cuts it short).
  void start();
  void shutdown() { waitTimer_.cancel(); }
  /// rebalanceImmediately: ends the current wait.
  void wakeup();
  void suspend() { waitTimer_.suspend(); }
  void resume() { waitTimer_.resume(); }
  SimTime lastRebalanceTimestamp() const { return lastRebalanceTimestamp_; }

 private:
  void onWake();

  MQClientInstance& client_;
  Timer waitTimer_;
  SimTime lastRebalanceTimestamp_ = 0;
};

}  // namespace rmqsim
