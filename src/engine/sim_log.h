// Human logs in RocketMQ's style, stamped with VIRTUAL time, on stderr through spdlog.
// Off by default; entities check enabled() before formatting. Never used by strategies.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/sim_time.h"

namespace spdlog {
class logger;
}

namespace rmqsim {

class SimLog {
 public:
  /// A disabled log (the default) costs one branch per call site.
  SimLog() = default;
  /// verbose = true: lines go to stderr as "[virtual time] LEVEL ClassName - message".
  explicit SimLog(bool verbose);
  bool enabled() const { return enabled_; }
  void info(SimTime at, std::string_view javaClass, const std::string& message) const;
  void warn(SimTime at, std::string_view javaClass, const std::string& message) const;

 private:
  bool enabled_ = false;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace rmqsim
