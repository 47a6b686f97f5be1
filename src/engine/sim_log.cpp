#include "engine/sim_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace rmqsim {

SimLog::SimLog(bool verbose) : enabled_(verbose) {
  if (!verbose) return;
  // A private (unregistered) logger: several simulations may run in one process (sweep --jobs).
  logger_ = std::make_shared<spdlog::logger>("rmqsim", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger_->set_pattern("%v");
}

void SimLog::info(SimTime at, std::string_view javaClass, const std::string& message) const {
  if (enabled_) logger_->info("[{}] INFO {} - {}", formatSimTime(at), javaClass, message);
}

void SimLog::warn(SimTime at, std::string_view javaClass, const std::string& message) const {
  if (enabled_) logger_->warn("[{}] WARN {} - {}", formatSimTime(at), javaClass, message);
}

}  // namespace rmqsim
