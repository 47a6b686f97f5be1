// `import`: turns a live group's mqadmin output into a scenario (issue 19): topicRoute per topic,
// consumerConnection, optionally consumerProgress -s true to check the live owners.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "import/importer.h"
#include "report/allocation_json.h"
#include "scenario/duration.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {
namespace {

struct ImportCliOptions {
  std::vector<std::string> routes;
  std::string connection, progress, output;
  ImportOptions import;
  bool quiet = false;
};

// "orders=route.json" names the topic; a bare path leaves it to the importer.
std::pair<std::string, std::string> splitRouteSpec(const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq != std::string::npos && eq > 0 && spec.substr(0, eq).find('/') == std::string::npos) return {spec.substr(0, eq), spec.substr(eq + 1)};
  return {"", spec};
}

int runImport(const ImportCliOptions& o) {
  if (!o.import.strategy.empty() && !findStrategy(o.import.strategy)) throw UsageError{unknownStrategyMessage(o.import.strategy)};
  if (!parseDuration(o.import.duration) || *parseDuration(o.import.duration) <= 0)
    throw UsageError{"--duration " + o.import.duration + ": not a duration; expected e.g. 10m, 1h"};
  const bool colour = stderrIsTty() && !std::getenv("NO_COLOR");
  try {
    ImportSources sources;
    for (const auto& spec : o.routes) {
      auto [topic, file] = splitRouteSpec(spec);
      sources.routes.emplace_back(topic, readSourceText(file));
    }
    sources.connection = readSourceText(o.connection);
    if (!o.progress.empty()) sources.progress = readSourceText(o.progress);
    const ImportResult r = importCluster(sources, o.import);
    emitOutput(o.output, r.yaml);
    if (!o.quiet)
      for (const auto& n : r.notes) std::cerr << "import: " << n << "\n";
    std::vector<Diagnostic> warnings;
    for (const auto& w : r.warnings) warnings.push_back(Diagnostic{SourceLoc{"import", 0, 0}, w, "", "", true});
    std::cerr << renderDiagnostics(warnings, colour);
    if (!o.quiet && !o.output.empty() && o.output != "-") std::cerr << "import: wrote " << o.output << "\n";
    return kExitOk;
  } catch (const ScenarioError& e) {
    throw UsageError{renderDiagnostics(e.diagnostics(), colour), true};
  }
}

}  // namespace

CommandRun setupImportCommand(CLI::App& app) {
  auto o = std::make_shared<ImportCliOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Turn a live group's mqadmin output (topicRoute, consumerConnection, consumerProgress) into a scenario");
  cmd->add_option("--route", o->routes, "[TOPIC=]FILE: mqadmin topicRoute -t TOPIC output (JSON or -l), one per subscribed topic")->required();
  cmd->add_option("--connection", o->connection, "FILE: mqadmin consumerConnection -g GROUP output")->required();
  cmd->add_option("--progress", o->progress, "FILE: mqadmin consumerProgress -g GROUP -s true output, to check the live owners");
  cmd->add_option("--group", o->import.group, "the group's name (default: from its %RETRY% subscription)");
  cmd->add_option("--strategy", o->import.strategy, "allocation strategy (default: the one matching the live owners, else AVG)");
  cmd->add_flag("--orderly", o->import.orderly, "the group consumes orderly (mqadmin does not show it)");
  cmd->add_option("--duration", o->import.duration, "the scenario's duration")->capture_default_str();
  cmd->add_option("-o,--output", o->output, "write the scenario here (default stdout)");
  cmd->add_flag("-q,--quiet", o->quiet, "no notes on stderr (warnings still)");
  return [o] { return runImport(*o); };
}

}  // namespace rmqsim
