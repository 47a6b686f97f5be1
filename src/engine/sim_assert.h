// Always-on invariant checks (FoundationDB-style ASSERT): a broken invariant is a bug, reported as
// InternalError carrying the virtual time and the entity, never a crash.
#pragma once

#include <stdexcept>
#include <string>

#include "engine/sim_time.h"

namespace rmqsim {

/// A bug inside the simulator (exit code 3); what() names the virtual time and the entity.
class InternalError : public std::runtime_error {
 public:
  InternalError(SimTime at, std::string entity, const std::string& what)
      : std::runtime_error("at " + formatSimTime(at) + " [" + entity + "]: " + what), at_(at), entity_(std::move(entity)) {}
  SimTime at() const { return at_; }
  const std::string& entity() const { return entity_; }

 private:
  SimTime at_;
  std::string entity_;
};

}  // namespace rmqsim

/// Checks `cond` in every build type; throws InternalError(time, entity, message) when false.
#define SIM_ASSERT(cond, time, entity, message)                                                   \
  do {                                                                                            \
    if (!(cond)) throw ::rmqsim::InternalError((time), (entity), std::string("assertion failed: ") \
                                                                     + #cond + ": " + (message)); \
  } while (0)
