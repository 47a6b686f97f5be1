// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupAllocateCommand(CLI::App& app) {
  app.add_subcommand("allocate", "(not yet implemented)");
  return [] { std::cerr << "allocate: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
