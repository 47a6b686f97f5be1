// Virtual time: integer milliseconds since the start of the run. Only EventLoop advances it.
#pragma once

#include <cstdint>
#include <string>

namespace rmqsim {

using SimTime = std::int64_t;  ///< milliseconds of virtual time

inline constexpr SimTime kMillisecond = 1;
inline constexpr SimTime kSecond = 1000;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kNever = INT64_MAX;

/// "1m20.500s"-style rendering for logs and text reports.
std::string formatSimTime(SimTime t);

}  // namespace rmqsim
