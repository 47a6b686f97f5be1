#include "cli/terminal.h"

#include <cstdio>
#include <string>
#include <unistd.h>

namespace rmqsim {

bool stderrIsTty() { return isatty(STDERR_FILENO) != 0; }

Progress::Progress(bool disabled, SimTime total)
    : disabled_(disabled), total_(total > 0 ? total : 1), start_(std::chrono::steady_clock::now()), lastDraw_(start_) {}

Progress::~Progress() { done(); }

std::function<void(SimTime)> Progress::callback() {
  if (disabled_) return {};
  return [this](SimTime reached) { update(reached); };
}

void Progress::update(SimTime reached) {
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1) || now - lastDraw_ < std::chrono::milliseconds(100)) return;
  lastDraw_ = now;
  shown_ = true;
  int pct = static_cast<int>(100 * reached / total_);
  int filled = pct * 30 / 100;
  std::string bar(static_cast<std::size_t>(filled), '=');
  bar += std::string(static_cast<std::size_t>(30 - filled), ' ');
  std::fprintf(stderr, "\r[%s] %3d%% of %s virtual", bar.c_str(), pct, formatSimTime(total_).c_str());
  std::fflush(stderr);
}

void Progress::done() {
  if (!shown_) return;
  shown_ = false;
  std::fprintf(stderr, "\r%60s\r", "");
  std::fflush(stderr);
}

}  // namespace rmqsim
