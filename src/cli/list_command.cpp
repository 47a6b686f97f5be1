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
      for (const auto& k : timingKeys()) row["timing"][k.name] = durationText(p.timing.*k.member);
      for (const auto& k : behaviourKeys()) row["behaviour"][k.name] = p.behaviour.*k.member;
      out.push_back(row);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const auto& p = profiles[i];
    std::cout << p.name << (i == 0 ? " (default)" : "") << "\n    " << p.description << "\n    timing:\n";
    for (const auto& k : timingKeys())
      std::cout << "      " << std::left << std::setw(32) << k.name << durationText(p.timing.*k.member) << "\n";
    std::cout << "    behaviour:\n";
    for (const auto& k : behaviourKeys())
      std::cout << "      " << std::left << std::setw(32) << k.name << (p.behaviour.*k.member ? "true" : "false") << "\n";
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
