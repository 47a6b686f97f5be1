// One line of a RocketMQ client log → (time, level, message). The default layouts: 4.9's
// logging/inner/LoggingBuilder DefaultLayout "yyyy-MM-dd HH:mm:ss,SSS LEVEL logger - msg" (the
// JVM's zone) and 5.x's rmq.client.logback.xml "%d{yyy-MM-dd HH:mm:ss.SSS,GMT+8} %-5p [%pid] [%t]
// [%logger{12}#%M:%L] - %m%n"; or a --time-format of the user's own, the message after " - ".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rmqsim {

/// How timestamps look: strftime-like tokens %Y %m %d %H %M %S and %L (milliseconds); any other
/// character must match itself.
struct TimeFormat {
  std::string pattern;
  std::int64_t utcOffsetMs = 0;  ///< subtracted to get UTC (5.x logs in GMT+8)
  std::string layout;            ///< "4.9", "5.x" or "custom"
};

TimeFormat rocketmq49Format();
TimeFormat rocketmq5Format();
/// Checks a user's --time-format; throws std::invalid_argument naming the bad token.
TimeFormat customFormat(const std::string& pattern);

struct LogLine {
  std::int64_t epochMs = 0;  ///< UTC milliseconds since 1970
  std::string_view prefix;   ///< text before the timestamp (a merged file's source tag), trimmed
  std::string_view level;    ///< INFO, WARN, ...
  std::string_view message;  ///< after " - "
};

/// Parses a line; nullopt when no timestamp of the format starts it (after an optional prefix of
/// at most 120 characters) or it has no " - " separator.
std::optional<LogLine> parseLogLine(std::string_view line, const TimeFormat& format);

/// Matches the format at the start of `text`: epoch ms (local to the format) and characters used.
std::optional<std::pair<std::int64_t, std::size_t>> matchTime(std::string_view text, const std::string& pattern);

}  // namespace rmqsim
