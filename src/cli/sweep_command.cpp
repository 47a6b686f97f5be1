// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupSweepCommand(CLI::App& app) {
  app.add_subcommand("sweep", "(not yet implemented)");
  return [] { std::cerr << "sweep: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
