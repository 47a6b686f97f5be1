#include "cli/common_options.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <unistd.h>

#include "cli/exit_codes.h"
#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "cli/terminal.h"
#include "util/atomic_file.h"

namespace rmqsim {

void addCommonOptions(CLI::App& sub, CommonOptions& o, unsigned which) {
  if (which & kSeedAndSet) {
    sub.add_option("--seed", o.seed, "Override the scenario's seed (default: the scenario's `seed`, else 1)");
    sub.add_option("--set", o.sets, "Override a scenario field by dotted path, e.g. groups.0.strategy=CONSISTENT_HASH (repeatable)")
        ->take_all()->allow_extra_args(false);
  }
  if (which & kFormat)
    sub.add_option("--format", o.format, "Report format on stdout")->check(CLI::IsMember({"text", "json", "csv"}));
  if (which & kOutputFiles) {
    sub.add_option("--output,-o", o.output, "Write the report to FILE instead of stdout");
    sub.add_option("--html", o.html, "Also write a self-contained HTML report to FILE");
    sub.add_option("--trace", o.trace, "Also write a Chrome/Perfetto trace-event JSON to FILE");
    sub.add_option("--csv", o.csvDir, "Also write tidy CSV timelines into DIR (created if missing)");
  }
  if (which & kRunControl) {
    sub.add_flag("--quiet,-q", o.quiet, "No progress bar or warnings on stderr");
    sub.add_flag("--verbose,-v", o.verbose, "RocketMQ-style log lines with virtual time on stderr");
    sub.add_flag("--check-invariants", o.checkInvariants, "Check engine invariants while running (slower)");
    sub.add_option("--max-events", o.maxEvents, "Stop after N simulation events and report as partial (0 = no limit)")
        ->check(CLI::NonNegativeNumber);
    sub.add_flag("--no-cache", o.noCache, "Compute every client's allocation separately (same results, slower)");
    sub.add_flag("--no-fast-forward", o.noFastForward,
                 "Run every steady heartbeat, route poll, rebalance round and offset commit as events (same results, slower)");
    sub.add_option("--color", o.color, "Colour in the text report")->check(CLI::IsMember({"auto", "always", "never"}));
  }
  if (which & kJobs) sub.add_option("--jobs,-j", o.jobs, "Parallel runs")->check(CLI::Range(1, 256));
  if (which & kPhases) {
    const CLI::Validator phaseCount(
        [](std::string& v) -> std::string {
          long n = 0;
          try {
            std::size_t used = 0;
            n = std::stol(v, &used);
            if (used != v.size()) n = 0;
          } catch (const std::exception&) {
            n = 0;
          }
          return n >= 1 && n <= kMaxPhaseRuns ? std::string()
                                              : "'" + v + "' is not a phase count: give 1 to " + std::to_string(kMaxPhaseRuns) +
                                                    " (runs at phase k x 60s / N, e.g. --phases 4 for 0s, 15s, 30s, 45s)";
        },
        "N");
    sub.add_option("--phases", o.phases,
                   "Run at N phases of the 60 s timer cycle (every event shifted later by k x 60s / N) and report best, "
                   "median and worst per event")
        ->check(phaseCount);
  }
}

Scenario loadScenarioOrThrow(const std::string& path, const CommonOptions& o) {
  try {
    return loadScenarioFile(path, o.sets, o.seed);
  } catch (const ScenarioError& e) {
    throw UsageError{renderDiagnostics(e.diagnostics(), stderrIsTty() && !std::getenv("NO_COLOR")), true};
  }
}

PipelineOptions pipelineOptions(const CommonOptions& o) {
  PipelineOptions p;
  p.useAllocationCache = !o.noCache;
  p.fastForward = !o.noFastForward;
  p.checkInvariants = o.checkInvariants;
  p.maxEvents = o.maxEvents;
  p.verbose = o.verbose;
  return p;
}

namespace {
// Quotes a shell word only when it needs it.
std::string shellWord(const std::string& w) {
  if (!w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-") == std::string::npos)
    return w;
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

std::string reproduceCommand(const std::string& command, const std::string& path, const CommonOptions& o,
                             std::uint64_t seed) {
  std::string line = "rmq-rebalance-sim " + command + " " + shellWord(path) + " --seed " + std::to_string(seed);
  for (const auto& s : o.sets) line += " --set " + shellWord(s);
  if (o.phases > 0) line.append(" --phases ").append(std::to_string(o.phases));
  line += "  # rmq-rebalance-sim " RMQSIM_VERSION_STRING;
  return line;
}

void emitOutput(const std::string& outputPath, const std::string& text) {
  if (outputPath.empty() || outputPath == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  try {
    writeFileAtomically(outputPath, text);
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
}

bool useColour(const CommonOptions& o) {
  if (o.color == "always") return true;
  if (o.color == "never" || !o.output.empty()) return false;
  const char* noColor = std::getenv("NO_COLOR");
  if (noColor && *noColor) return false;
  return isatty(STDOUT_FILENO) != 0;
}

}  // namespace rmqsim
