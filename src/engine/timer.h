// Timer handles owned by entities (ns-3 Timer style): periodic at a fixed rate or one-shot,
// cancellable, and suspendable for a frozen process (resume fires overdue work at once).
#pragma once

#include <functional>
#include <memory>

#include "engine/event_loop.h"

namespace rmqsim {

class Timer {
 public:
  explicit Timer(EventLoop& loop) : loop_(&loop) {}
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer() { cancel(); }

  /// Runs `fn` after `initialDelay`, then every `period` (fixed rate, like scheduleAtFixedRate).
  void startPeriodic(SimTime initialDelay, SimTime period, std::function<void()> fn);
  /// Runs `fn` once after `delay`.
  void startOnce(SimTime delay, std::function<void()> fn);
  /// startOnce with the callable of the last start (there must have been one): a service that
  /// re-arms its wait on every wakeup allocates nothing.
  void restartOnce(SimTime delay);
  /// Stops the timer; it never fires again until restarted.
  void cancel();
  /// Freezes the timer, remembering when it was due.
  void suspend();
  /// Re-arms a suspended timer at its due time, or now if that has passed (one catch-up run).
  void resume();
  /// Moves an armed timer's next run to `at` (a periodic one keeps its period from there): the
  /// fast-forward's way past ticks it accounted for.
  void skipTo(SimTime at);
  bool active() const { return armed_; }
  bool suspended() const { return suspended_; }
  /// The period of a periodic timer (0 for a one-shot).
  SimTime period() const { return period_; }
  /// The next due time (kNever when idle).
  SimTime due() const { return armed_ ? due_ : kNever; }

 private:
  void arm(SimTime at);
  void fire();

  EventLoop* loop_;
  EventHandle handle_;
  std::shared_ptr<std::function<void()>> fn_;  ///< shared so fn may restart the timer while running
  SimTime due_ = kNever;
  SimTime period_ = 0;  ///< 0 = one-shot
  bool armed_ = false;
  bool suspended_ = false;
};

}  // namespace rmqsim
