// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupStrategiesCommand(CLI::App& app) {
  app.add_subcommand("strategies", "(not yet implemented)");
  return [] { std::cerr << "strategies: not implemented yet\n"; return 3; };
}

CommandRun setupProfilesCommand(CLI::App& app) {
  app.add_subcommand("profiles", "(not yet implemented)");
  return [] { std::cerr << "profiles: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
