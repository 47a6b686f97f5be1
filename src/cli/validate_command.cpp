// `validate`: parse and check scenario files without running them (contract §1): every problem
// of every file, located, on stderr; a one-line summary per valid file on stdout; exit 2 if any
// file is invalid.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "scenario/diagnostic.h"
#include "scenario/duration.h"
#include "scenario/scenario_parser.h"

namespace rmqsim {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> sets;
};

std::string counted(std::size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

int runValidate(const ValidateOptions& o) {
  bool bad = false;
  const bool colour = stderrIsTty() && !std::getenv("NO_COLOR");
  for (const std::string& f : o.files) {
    try {
      const Scenario s = loadScenarioFile(f, o.sets);
      int clients = 0;
      for (const auto& g : s.groups) clients += g.clients;
      std::cout << f << ": ok (" << counted(s.brokers.size(), "broker") << ", " << counted(s.groups.size(), "group") << ", "
                << counted(s.events.size(), "event") << ", duration " << formatDuration(s.duration_ms) << "; "
                << counted(static_cast<std::size_t>(clients), "client") << " at start, "
                << counted(s.expect.size(), "expectation") << ", profile " << s.profile.name << ")\n";
    } catch (const ScenarioError& e) {
      bad = true;
      std::cerr << renderDiagnostics(e.diagnostics(), colour);
    }
  }
  return bad ? kExitBadInput : kExitOk;
}

}  // namespace

CommandRun setupValidateCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("validate", "Parse and check scenario files without running them");
  auto opts = std::make_shared<ValidateOptions>();
  sub->add_option("scenarios", opts->files, "Scenario files (YAML)")->required();
  sub->add_option("--set", opts->sets, "Override a scenario field by dotted path, e.g. groups.0.clients=8 (repeatable)");
  return [opts] { return runValidate(*opts); };
}

}  // namespace rmqsim
