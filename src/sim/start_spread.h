// When a started process's JVM is up: processes launched together (a fleet, a `start` event, a
// restart's new process) register over a second or two, not at one instant. Each process draws
// its offset from a stream of its own, so a spread on one group shifts no other random draw.
#pragma once

#include <cstdint>
#include <string>

#include "engine/sim_time.h"

namespace rmqsim {

/// The start offset of process `processName` (GROUP-N, GROUP-N#incarnation): uniform in
/// [0, spread) from the stream (seed, "start-spread/NAME"), draw `draw` (`--phases` re-seeds
/// per phase); 0 when spread <= 0, without drawing.
SimTime startOffset(std::uint64_t seed, std::uint64_t draw, const std::string& processName, SimTime spread);

}  // namespace rmqsim
