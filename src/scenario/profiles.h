// The built-in profiles: RocketMQ 4.9.x and 5.x timing and behaviour defaults.
#pragma once

#include <string_view>
#include <vector>

#include "scenario/scenario.h"

namespace rmqsim {

/// All built-in profiles, default first ("rocketmq-5", then "rocketmq-4.9").
const std::vector<Profile>& builtinProfiles();
/// The profile of that name, or nullptr.
const Profile* findProfile(std::string_view name);

}  // namespace rmqsim
