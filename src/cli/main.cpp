// rmq-rebalance-sim: builds the command line, runs the chosen command, maps errors to exit codes.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include "cli/command.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  using namespace rmqsim;
  CLI::App app{"Simulates Apache RocketMQ consumer rebalancing on a virtual clock.", "rmq-rebalance-sim"};
  app.set_version_flag("--version", RMQSIM_VERSION_STRING);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, CommandRun>> commands;
  auto add = [&](CommandRun (*setup)(CLI::App&)) {
    std::size_t before = app.get_subcommands({}).size();
    CommandRun run = setup(app);
    commands.emplace_back(app.get_subcommands({}).at(before), std::move(run));
  };
  add(setupRunCommand);
  add(setupCheckCommand);
  add(setupSweepCommand);
  add(setupSweepMergeCommand);
  add(setupAllocateCommand);
  add(setupValidateCommand);
  add(setupReplayCommand);
  add(setupStrategiesCommand);
  add(setupProfilesCommand);
  add(setupImportCommand);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help/version (0) or the usage error
    return code == 0 ? kExitOk : kExitBadInput;
  }
  try {
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run();
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::cerr << (e.preformatted ? "" : "error: ") << e.message << (e.message.ends_with('\n') ? "" : "\n");
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << " (please report it with the command line and scenario)\n";
    return kExitInternalError;
  } catch (...) {
    std::cerr << "internal error: unknown exception (please report it with the command line and scenario)\n";
    return kExitInternalError;
  }
}
