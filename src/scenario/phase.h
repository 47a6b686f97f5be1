// `phase:`: where the story falls in the fleet's timer cycle. The t=0 fleet's route polls and
// heartbeats repeat every 30 s and its rebalance rounds every 20 s, so the whole pattern repeats
// every 60 s; an event on a whole minute is the one moment of that cycle the bundled stories
// show. Shifting every event (and `duration`) later by `phase` shows another moment.
#pragma once

#include <optional>

#include "engine/sim_time.h"
#include "scenario/scenario.h"
#include "scenario/yaml_reader.h"

namespace rmqsim {

/// The common cycle of the default timers: lcm(route poll 30 s, heartbeat 30 s, rounds 20 s).
inline constexpr SimTime kTimerCycle = 60 * kSecond;
/// `phase:` at most this: past a few cycles a phase shows nothing a smaller one does not.
inline constexpr SimTime kMaxPhase = kHour;

/// Reads `phase:` (a duration, 0 to kMaxPhase); nullopt after reporting a located error.
std::optional<SimTime> readPhase(YamlReader& r, const YAML::Node& n);
/// Shifts every event and `duration` later by `phase` and records it (scenario.phase_ms).
void applyPhase(Scenario& s, SimTime phase);
/// The phase of run k of `--phases n`: k x 60 s / n, k = 0..n-1.
SimTime phaseOf(int k, int n);

}  // namespace rmqsim
