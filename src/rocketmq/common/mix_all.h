// twin of common/src/main/java/org/apache/rocketmq/common/MixAll.java and PermName.java, 4.9.x and 5.x;
// differences: only the constants the simulated model uses.
#pragma once

#include <string>
#include <string_view>

namespace rmqsim {

/// MixAll.RETRY_GROUP_TOPIC_PREFIX
inline constexpr std::string_view kRetryGroupTopicPrefix = "%RETRY%";
/// MixAll.DEFAULT_CONSUMER_GROUP's instance name default, replaced by pid#nanoTime.
inline constexpr std::string_view kDefaultInstanceName = "DEFAULT";
/// PermName bits.
inline constexpr int kPermRead = 1 << 2;
inline constexpr int kPermWrite = 1 << 1;

/// MixAll.getRetryTopic(group)
inline std::string getRetryTopic(std::string_view group) { return std::string(kRetryGroupTopicPrefix) + std::string(group); }
/// topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)
inline bool isRetryTopic(std::string_view topic) { return topic.substr(0, kRetryGroupTopicPrefix.size()) == kRetryGroupTopicPrefix; }
/// PermName.isReadable / isWriteable
inline bool isReadable(int perm) { return (perm & kPermRead) != 0; }
inline bool isWriteable(int perm) { return (perm & kPermWrite) != 0; }

}  // namespace rmqsim
