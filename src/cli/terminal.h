// Terminal niceties for people: TTY detection and a progress bar on stderr. The only wall-clock
// use in the project (lint allows it in src/cli/ only): the bar appears after one second.
#pragma once

#include <chrono>
#include <functional>

#include "engine/sim_time.h"

namespace rmqsim {

/// True when stderr is a terminal.
bool stderrIsTty();

/// "[=====>     ] 42% of 10m virtual" on stderr, redrawn at most 10 times a second, shown only
/// for runs that take more than a second, erased when done.
class Progress {
 public:
  Progress(bool disabled, SimTime total);
  ~Progress();
  /// The callback to hand to PipelineOptions::progress (empty when disabled).
  std::function<void(SimTime)> callback();
  /// Erases the bar.
  void done();

 private:
  void update(SimTime reached);
  bool disabled_;
  bool shown_ = false;
  SimTime total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

}  // namespace rmqsim
