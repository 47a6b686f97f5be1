#include "scenario/phase.h"

#include "scenario/duration.h"

namespace rmqsim {

std::optional<SimTime> readPhase(YamlReader& r, const YAML::Node& n) {
  const std::optional<SimTime> v = r.duration(n, "phase", true);
  if (!v) return std::nullopt;
  if (*v > kMaxPhase) {
    r.error(n, "phase", "phase " + formatDuration(*v) + " is longer than " + formatDuration(kMaxPhase),
            "a duration from 0s to " + formatDuration(kMaxPhase) + " (the timers' cycle is " +
                formatDuration(kTimerCycle) + ": 0s, 15s, 30s, 45s cover it)");
    return std::nullopt;
  }
  return v;
}

void applyPhase(Scenario& s, SimTime phase) {
  for (EventSpec& e : s.events) e.at_ms += phase;
  s.duration_ms += phase;
  s.phase_ms += phase;
}

SimTime phaseOf(int k, int n) { return n <= 0 ? 0 : static_cast<SimTime>(k) * kTimerCycle / n; }

}  // namespace rmqsim
