// The built-in profiles: RocketMQ 4.9.x, 5.0.0-5.1.4 and 5.2.0+ timing and behaviour defaults.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "scenario/scenario.h"

namespace rmqsim {

/// A `timing:` key: its name, the field, whether 0 is meaningful (delays) or not (periods).
struct TimingKey {
  const char* name;
  SimTime Timing::*member;
  bool allowZero;
};
/// A `behaviour:` key.
struct BehaviourKey {
  const char* name;
  bool Behaviour::*member;
};
/// A key that was accepted once and removed: the parser rejects it saying why.
struct RemovedKey {
  const char* section;  ///< "timing" or "behaviour"
  const char* name;
  const char* why;
};
/// Every timing / behaviour key, in documentation order (the parser and `profiles` share them).
std::span<const TimingKey> timingKeys();
std::span<const BehaviourKey> behaviourKeys();
std::span<const RemovedKey> removedKeys();

/// All built-in profiles, default first ("rocketmq-5", then "rocketmq-5.0", "rocketmq-4.9").
const std::vector<Profile>& builtinProfiles();
/// The profile of that name, or nullptr.
const Profile* findProfile(std::string_view name);

}  // namespace rmqsim
