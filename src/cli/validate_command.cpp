// STUB: replaced by the command's real implementation.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"

namespace rmqsim {

CommandRun setupValidateCommand(CLI::App& app) {
  app.add_subcommand("validate", "(not yet implemented)");
  return [] { std::cerr << "validate: not implemented yet\n"; return 3; };
}

}  // namespace rmqsim
