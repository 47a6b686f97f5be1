#include "sim/start_spread.h"

#include "engine/random.h"

namespace rmqsim {

SimTime startOffset(std::uint64_t seed, std::uint64_t draw, const std::string& processName, SimTime spread) {
  if (spread <= 0) return 0;
  std::string stream = "start-spread/" + processName;
  if (draw != 0) stream.append("/").append(std::to_string(draw));
  return static_cast<SimTime>(Random::forEntity(seed, stream).nextBounded(static_cast<std::uint64_t>(spread)));
}

}  // namespace rmqsim
