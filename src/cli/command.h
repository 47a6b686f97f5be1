// One file per command (CLI11's subcom_in_files): each registers its subcommand and returns
// the function main() calls when that subcommand was chosen.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace rmqsim {

/// Runs a parsed command; returns an ExitCode. Throws UsageError for bad input.
using CommandRun = std::function<int()>;

CommandRun setupRunCommand(CLI::App& app);
CommandRun setupCheckCommand(CLI::App& app);
CommandRun setupSweepCommand(CLI::App& app);
CommandRun setupSweepMergeCommand(CLI::App& app);
CommandRun setupAllocateCommand(CLI::App& app);
CommandRun setupValidateCommand(CLI::App& app);
CommandRun setupReplayCommand(CLI::App& app);
CommandRun setupStrategiesCommand(CLI::App& app);
CommandRun setupProfilesCommand(CLI::App& app);
CommandRun setupImportCommand(CLI::App& app);

}  // namespace rmqsim
