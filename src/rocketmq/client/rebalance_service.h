// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/RebalanceService.java, 4.9.x and 5.x;
// differences: the service thread's wait is a Timer and its round a coroutine (it blocks on
// synchronous calls); wakeup() ends the wait at once, or, during a round, skips the next wait
// (ServiceThread.hasNotified).
// 5.x: at least minInterval between rounds; the next wait is waitInterval if every consumer was
// balanced, else minInterval. 4.9: a fixed waitInterval (min interval 0).
#pragma once

#include "engine/task.h"
#include "engine/timer.h"

namespace rmqsim {

class MQClientInstance;

class RebalanceService {
 public:
  explicit RebalanceService(MQClientInstance& client);
  /// Starts the loop: the first wait is waitInterval (a start-up wakeup cuts it short).
  void start();
  void shutdown() {
    waitTimer_.cancel();
    running_ = notified_ = false;
  }
  /// rebalanceImmediately: ends the current wait.
  void wakeup();
  void suspend() { waitTimer_.suspend(); }
  void resume() { waitTimer_.resume(); }
  SimTime lastRebalanceTimestamp() const { return lastRebalanceTimestamp_; }
  SimTime due() const { return waitTimer_.due(); }

 private:
  void onWake();
  /// Arms the wait timer to run onWake after `delay`.
  void waitFor(SimTime delay);
  Task<void> runRound();
  /// Fast-forward: accounts for the steady rounds that end before the horizon (their draws and
  /// their rebalanceByTopic count) and sets the wait to the first round after them.
  void skipSteadyRounds();

  MQClientInstance& client_;
  Timer waitTimer_;
  SimTime lastRebalanceTimestamp_ = 0;
  bool running_ = false;   ///< a round is in progress (waiting on a request)
  bool notified_ = false;  ///< woken during the round: the next wait returns at once
  bool started_ = false;   ///< the wait timer holds onWake
};

}  // namespace rmqsim
