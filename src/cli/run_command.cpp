// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupRunCommand(CLI::App& app) {
  app.add_subcommand("run", "(not yet implemented)");
  return [] { std::cerr << "run: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
