// The built-in profiles: RocketMQ 4.9.x and 5.x timing and behaviour defaults.
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
/// Every timing / behaviour key, in documentation order (the parser and `profiles` share them).
std::span<const TimingKey> timingKeys();
std::span<const BehaviourKey> behaviourKeys();

/// All built-in profiles, default first ("rocketmq-5", then "rocketmq-4.9").
const std::vector<Profile>& builtinProfiles();
/// The profile of that name, or nullptr.
const Profile* findProfile(std::string_view name);

}  // namespace rmqsim
