// `strategies` and `profiles`: what is built in, from the same tables the scenario validator uses.
#include <CLI/CLI.hpp>

#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "scenario/profiles.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {
namespace {

using Json = nlohmann::ordered_json;

// Scenario duration syntax: "20s" when whole seconds, else "500ms".
std::string durationText(SimTime ms) {
  return ms % kSecond == 0 ? std::to_string(ms / kSecond) + "s" : std::to_string(ms) + "ms";
}

const std::vector<std::pair<const char*, SimTime Timing::*>>& timingFields() {
  static const std::vector<std::pair<const char*, SimTime Timing::*>> fields = {
      {"rebalance_interval", &Timing::rebalance_interval},
      {"rebalance_min_interval", &Timing::rebalance_min_interval},
      {"rebalance_unbalanced_interval", &Timing::rebalance_unbalanced_interval},
      {"route_poll_interval", &Timing::route_poll_interval},
      {"route_poll_initial_delay", &Timing::route_poll_initial_delay},
      {"heartbeat_interval", &Timing::heartbeat_interval},
      {"heartbeat_initial_delay", &Timing::heartbeat_initial_delay},
      {"persist_offset_interval", &Timing::persist_offset_interval},
      {"persist_offset_initial_delay", &Timing::persist_offset_initial_delay},
      {"pull_dispatch_delay", &Timing::pull_dispatch_delay},
      {"lock_retry_delay", &Timing::lock_retry_delay},
      {"pull_max_idle_time", &Timing::pull_max_idle_time},
      {"lock_interval", &Timing::lock_interval},
      {"lock_initial_delay", &Timing::lock_initial_delay},
      {"client_lock_max_live_time", &Timing::client_lock_max_live_time},
      {"broker_lock_max_live_time", &Timing::broker_lock_max_live_time},
      {"orderly_remove_try_lock", &Timing::orderly_remove_try_lock},
      {"orderly_force_unlock_after", &Timing::orderly_force_unlock_after},
      {"unlock_delay", &Timing::unlock_delay},
      {"long_poll_suspend", &Timing::long_poll_suspend},
      {"pull_retry_flow_control", &Timing::pull_retry_flow_control},
      {"pull_retry_error", &Timing::pull_retry_error},
      {"channel_expired_timeout", &Timing::channel_expired_timeout},
      {"housekeeping_scan_interval", &Timing::housekeeping_scan_interval},
      {"notify_batch_interval", &Timing::notify_batch_interval},
      {"broker_register_interval", &Timing::broker_register_interval},
      {"broker_register_initial_delay", &Timing::broker_register_initial_delay},
      {"broker_expired_timeout", &Timing::broker_expired_timeout},
      {"namesrv_scan_interval", &Timing::namesrv_scan_interval},
      {"namesrv_scan_initial_delay", &Timing::namesrv_scan_initial_delay},
  };
  return fields;
}

std::vector<std::pair<const char*, bool>> behaviourFields(const Behaviour& b) {
  return {{"adaptive_rebalance_wait", b.adaptive_rebalance_wait},
          {"start_rebalance_needs_heartbeat", b.start_rebalance_needs_heartbeat},
          {"expiry_fires_unregister", b.expiry_fires_unregister},
          {"real_time_notify", b.real_time_notify},
          {"orderly_remove_forced", b.orderly_remove_forced}};
}

int printStrategies(const std::string& format) {
  if (format == "json") {
    Json out = Json::array();
    for (const auto& s : strategyInfos()) {
      Json row{{"name", s.name}, {"javaClass", s.javaClass}, {"description", s.description}, {"params", Json::array()}};
      for (const auto& p : s.params)
        row["params"].push_back({{"name", p.name}, {"type", p.type}, {"default", p.defaultText}, {"description", p.description}});
      out.push_back(row);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& s : strategyInfos()) {
    std::cout << std::left << std::setw(21) << s.name << s.javaClass << "\n    " << s.description << "\n";
    if (s.params.empty()) std::cout << "    parameters: none\n";
    for (const auto& p : s.params)
      std::cout << "    " << std::setw(15) << p.name << std::setw(15) << p.type << "default " << p.defaultText << "\n"
                << "    " << std::setw(15) << "" << p.description << "\n";
  }
  std::cout << "\nIn a scenario: strategy: NAME or {name: NAME, PARAM: VALUE}; with allocate: --param PARAM=VALUE.\n";
  return kExitOk;
}

int printProfiles(const std::string& format) {
  const auto& profiles = builtinProfiles();
  if (format == "json") {
    Json out = Json::array();
    for (const auto& p : profiles) {
      Json row{{"name", p.name}, {"description", p.description}, {"timing", Json::object()}, {"behaviour", Json::object()}};
      for (const auto& [name, field] : timingFields()) row["timing"][name] = durationText(p.timing.*field);
      for (const auto& [name, value] : behaviourFields(p.behaviour)) row["behaviour"][name] = value;
      out.push_back(row);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const auto& p = profiles[i];
    std::cout << p.name << (i == 0 ? " (default)" : "") << "\n    " << p.description << "\n    timing:\n";
    for (const auto& [name, field] : timingFields())
      std::cout << "      " << std::left << std::setw(32) << name << durationText(p.timing.*field) << "\n";
    std::cout << "    behaviour:\n";
    for (const auto& [name, value] : behaviourFields(p.behaviour))
      std::cout << "      " << std::left << std::setw(32) << name << (value ? "true" : "false") << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandRun setupStrategiesCommand(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("strategies", "List the allocation strategies with their parameters");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  return [format] { return printStrategies(*format); };
}

CommandRun setupProfilesCommand(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("profiles", "List the built-in profiles (RocketMQ timing and behaviour defaults)");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  return [format] { return printProfiles(*format); };
}

}  // namespace rmqsim
