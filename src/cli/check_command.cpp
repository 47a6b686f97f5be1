// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupCheckCommand(CLI::App& app) {
  app.add_subcommand("check", "(not yet implemented)");
  return [] { std::cerr << "check: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
