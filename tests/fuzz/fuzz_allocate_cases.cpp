// Fuzzes one line of `allocate --cases`: every line yields an output object (a result or an
// "invalid" explanation); the strategies must never crash on what a valid line can express.
#include <cstddef>
#include <cstdint>
#include <string>

#include "report/allocation_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  const rmqsim::CaseLineResult r = rmqsim::allocateCaseLine(line, "fuzz.jsonl", 1);
  if (!r.output.is_object()) __builtin_trap();
  (void)r.output.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
