// Options shared by run, check and sweep (contract §1), and the steps every command repeats:
// load + validate a scenario, build the reproduce line, pick colours, write the output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline.h"
#include "scenario/scenario.h"

namespace CLI {
class App;
}

namespace rmqsim {

/// `--phases` at most this many runs (a phase every 60 ms of the 60 s cycle).
inline constexpr int kMaxPhaseRuns = 1000;

/// Values of the common options after parsing.
struct CommonOptions {
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;  ///< --set KEY=VALUE, in order
  std::string format = "text";    ///< text | json | csv
  std::string output;             ///< --output FILE; empty = stdout
  std::string html;
  std::string trace;
  std::string csvDir;
  std::string color = "auto";     ///< auto | always | never
  int jobs = 1;
  bool quiet = false;
  bool verbose = false;
  bool checkInvariants = false;
  std::int64_t maxEvents = 0;
  bool noCache = false;
  bool noFastForward = false;
  int phases = 0;  ///< --phases N: run at N points of the 60 s timer cycle (0: one plain run)
};

/// Which options a command takes.
enum CommonOptionSet : unsigned {
  kSeedAndSet = 1u << 0,
  kFormat = 1u << 1,
  kOutputFiles = 1u << 2,  ///< --output --html --trace --csv
  kRunControl = 1u << 3,   ///< --verbose --check-invariants --max-events --no-cache --color --quiet
  kJobs = 1u << 4,
  kPhases = 1u << 5,       ///< --phases
  kRunOptions = kSeedAndSet | kFormat | kOutputFiles | kRunControl,
};

/// Registers the chosen options on a subcommand.
void addCommonOptions(CLI::App& sub, CommonOptions& o, unsigned which);
/// Parses, applies --set and --seed, validates; throws UsageError with rendered diagnostics.
Scenario loadScenarioOrThrow(const std::string& path, const CommonOptions& o);
/// The run knobs from the options.
PipelineOptions pipelineOptions(const CommonOptions& o);
/// One line that reproduces the run: command, scenario, seed, overrides, version.
std::string reproduceCommand(const std::string& command, const std::string& path, const CommonOptions& o,
                             std::uint64_t seed);
/// Writes to --output atomically, or to stdout.
void emitOutput(const std::string& outputPath, const std::string& text);
/// Colour on a TTY unless NO_COLOR is set or --color says otherwise; never into a file.
bool useColour(const CommonOptions& o);

}  // namespace rmqsim
