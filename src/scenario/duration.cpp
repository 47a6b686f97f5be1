#include "scenario/duration.h"

#include <cctype>
#include <limits>

namespace rmqsim {

std::optional<SimTime> parseDuration(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  SimTime total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (n > std::numeric_limits<std::int64_t>::max() / 10 - 10) return std::nullopt;
      n = n * 10 + (text[i++] - '0');
    }
    std::size_t u = i;
    while (u < text.size() && std::isalpha(static_cast<unsigned char>(text[u]))) ++u;
    const std::string_view unit = text.substr(i, u - i);
    std::int64_t scale;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = kSecond;
    else if (unit == "m" || unit == "min") scale = kMinute;
    else if (unit == "h") scale = kHour;
    else if (unit == "d") scale = 24 * kHour;
    else return std::nullopt;  // also "no unit": "20" is ambiguous
    if (n > (std::numeric_limits<std::int64_t>::max() / 4 - total) / scale) return std::nullopt;
    total += n * scale;
    i = u;
  }
  return total;
}

std::string formatDuration(SimTime ms) {
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) out = "-", ms = -ms;
  const std::pair<SimTime, const char*> units[] = {{24 * kHour, "d"}, {kHour, "h"}, {kMinute, "m"}, {kSecond, "s"}, {1, "ms"}};
  for (const auto& [scale, name] : units) {
    if (ms >= scale) {
      out += std::to_string(ms / scale) + name;
      ms %= scale;
    }
  }
  return out;
}

}  // namespace rmqsim
