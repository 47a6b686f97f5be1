#include "engine/timer.h"

#include <algorithm>

namespace rmqsim {

void Timer::startPeriodic(SimTime initialDelay, SimTime period, std::function<void()> fn) {
  cancel();
  fn_ = std::make_shared<std::function<void()>>(std::move(fn));
  period_ = std::max<SimTime>(1, period);
  armed_ = true;
  arm(loop_->now() + initialDelay);
}

void Timer::startOnce(SimTime delay, std::function<void()> fn) {
  fn_ = std::make_shared<std::function<void()>>(std::move(fn));
  restartOnce(delay);
}

void Timer::restartOnce(SimTime delay) {
  loop_->cancel(handle_);
  suspended_ = false;
  period_ = 0;
  armed_ = true;
  arm(loop_->now() + delay);
}

void Timer::cancel() {
  loop_->cancel(handle_);
  armed_ = false;
  suspended_ = false;
  due_ = kNever;
}

void Timer::suspend() {
  if (!armed_ || suspended_) return;
  loop_->cancel(handle_);
  suspended_ = true;
}

void Timer::resume() {
  if (!armed_ || !suspended_) return;
  suspended_ = false;
  arm(std::max(due_, loop_->now()));
}

void Timer::skipTo(SimTime at) {
  if (!armed_ || suspended_) return;
  loop_->cancel(handle_);
  arm(at);
}

void Timer::arm(SimTime at) {
  due_ = at;
  if (!suspended_) handle_ = loop_->schedule(at, [this] { fire(); });
}

void Timer::fire() {
  handle_ = EventHandle{};
  if (period_ > 0) {
    // Fixed rate from the due time (after a suspension, due was moved to the resume time).
    arm(due_ + period_);
  } else {
    armed_ = false;
    due_ = kNever;
  }
  auto fn = fn_;  // keeps the callable alive if it cancels or restarts this timer
  (*fn)();
}

}  // namespace rmqsim
