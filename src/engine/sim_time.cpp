#include "engine/sim_time.h"

#include <cstdio>

namespace rmqsim {

std::string formatSimTime(SimTime t) {
  if (t == kNever) return "never";
  const char* sign = t < 0 ? "-" : "";
  SimTime a = t < 0 ? -t : t;
  char buf[64];
  SimTime h = a / kHour, m = (a % kHour) / kMinute, s = (a % kMinute) / kSecond, ms = a % kSecond;
  if (h > 0) std::snprintf(buf, sizeof buf, "%s%lldh%02lldm%02lld.%03llds", sign, (long long)h, (long long)m, (long long)s, (long long)ms);
  else if (m > 0) std::snprintf(buf, sizeof buf, "%s%lldm%02lld.%03llds", sign, (long long)m, (long long)s, (long long)ms);
  else std::snprintf(buf, sizeof buf, "%s%lld.%03llds", sign, (long long)s, (long long)ms);
  return buf;
}

}  // namespace rmqsim
