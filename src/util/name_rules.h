// What a user-given name (group, client, broker, topic, room, metric path, ...) may hold before it
// is compared, stored or printed in a report: a bounded length and no control characters, so a
// name can neither slow the loader down nor carry terminal escapes or NULs into an output.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rmqsim {

inline constexpr std::size_t kMaxNameLength = 255;         ///< names of groups, clients, brokers, topics, ...
inline constexpr std::size_t kMaxMetricPathLength = 1024;  ///< dotted `expect:` paths (they hold names)

/// Why `name` is refused ("is 300 characters long", "holds control character U+0000 at
/// character 4"), or nullopt when it is fine. Characters count bytes from 1; DEL and C0 codes
/// are control characters (UTF-8 text passes). `allowNewlines` admits '\n' and '\t' (descriptions).
std::optional<std::string> nameProblem(std::string_view name, std::size_t maxLength = kMaxNameLength,
                                       bool allowNewlines = false);

/// What nameProblem allows, for messages: "at most 255 characters, none of them control characters".
std::string nameRuleText(std::size_t maxLength = kMaxNameLength);

/// User text fit for a message: control characters as \xNN, cut to `max` characters with "...".
std::string shownText(std::string_view text, std::size_t max = 60);

}  // namespace rmqsim
