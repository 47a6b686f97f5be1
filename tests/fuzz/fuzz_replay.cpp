// Fuzzes `replay`'s reading of a client log: any bytes as one log file either replay or raise a
// located std::invalid_argument / ScenarioError; anything else (crash, other exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "replay/replay.h"
#include "scenario/diagnostic.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = "/tmp/fuzz_replay_" + std::to_string(::getpid()) + ".log";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    rmqsim::Replay r = rmqsim::replayClientLogs({path}, std::nullopt);
    (void)r;
  } catch (const std::invalid_argument& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  } catch (const rmqsim::ScenarioError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
  }
  return 0;
}
