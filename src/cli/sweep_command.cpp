// `sweep`: capacity planning over a parameter grid (contract §1): the cartesian product of the
// --vary axes, --repeat seeds per point, run on --jobs threads with results placed by index so
// the output is identical whatever the thread count; --shard for batch engines.
#include <CLI/CLI.hpp>

#include <atomic>
#include <iostream>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/parallel.h"
#include "cli/pipeline.h"
#include "cli/terminal.h"
#include "report/sweep_report.h"
#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "scenario/sweep_grid.h"
#include "util/atomic_file.h"

namespace rmqsim {
namespace {

struct SweepOptions {
  std::string scenario;
  std::vector<std::string> vary;
  int repeat = 1;
  std::string shard;
  std::string format = "table";
  CommonOptions common;
};

Scenario loadPoint(const std::string& path, const std::vector<std::string>& sets, std::uint64_t seed,
                   const std::string& pointText) {
  try {
    return loadScenarioFile(path, sets, seed);
  } catch (const ScenarioError& e) {
    throw UsageError{"grid point " + pointText + " is not a valid scenario:\n" + renderDiagnostics(e.diagnostics(), false), true};
  }
}

int runSweep(const SweepOptions& o) {
  std::vector<VaryAxis> axes;
  std::vector<GridPoint> grid;
  std::optional<Shard> shard;
  try {
    for (const auto& v : o.vary) axes.push_back(parseVary(v));
    grid = buildGrid(axes);
    if (!o.shard.empty()) shard = parseShard(o.shard);
  } catch (const GridError& e) {
    throw UsageError{e.what(), false};
  }
  Scenario base = loadScenarioOrThrow(o.scenario, o.common);
  std::vector<GridPoint> points;
  for (const GridPoint& p : grid)
    if (!shard || inShard(p, *shard)) points.push_back(p);

  const std::size_t repeat = static_cast<std::size_t>(o.repeat);
  auto setsOf = [&](const GridPoint& p) {
    std::vector<std::string> sets = o.common.sets;
    sets.insert(sets.end(), p.sets.begin(), p.sets.end());
    return sets;
  };
  auto pointText = [](const GridPoint& p) {
    std::string t;
    for (const auto& s : p.sets) t += (t.empty() ? "" : " ") + s;
    return t;
  };
  // Every point must be a valid scenario: check them all before spending time on runs.
  std::vector<Scenario> scenarios;
  scenarios.reserve(points.size());
  for (const GridPoint& p : points) scenarios.push_back(loadPoint(o.scenario, setsOf(p), base.seed, pointText(p)));

  std::vector<nlohmann::ordered_json> reports(points.size() * repeat);
  std::atomic<std::size_t> done{0};
  Progress progress(o.common.quiet || !stderrIsTty(), static_cast<SimTime>(reports.size()));
  auto tick = progress.callback();
  PipelineOptions popts = pipelineOptions(o.common);
  parallelFor(reports.size(), o.common.jobs, [&](std::size_t job) {
    Scenario s = scenarios[job / repeat];
    s.seed = base.seed + job % repeat;  // repeat k runs seed + k: the same seeds for every point
    reports[job] = runPipeline(s, popts).report;
    const std::size_t n = ++done;
    if (tick && job % 2 == 0) tick(static_cast<SimTime>(n));  // coarse: progress is only a hint
  });
  progress.done();

  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<nlohmann::ordered_json> runs(reports.begin() + static_cast<std::ptrdiff_t>(i * repeat),
                                             reports.begin() + static_cast<std::ptrdiff_t>((i + 1) * repeat));
    rows.push_back(sweepRow(points[i], axes, runs));
  }
  nlohmann::ordered_json doc =
      sweepDocument(sweepHeader(o.scenario, base.name, base.seed, o.repeat, axes, grid.size()), std::move(rows), shard);
  try {
    if (!o.common.html.empty()) writeFileAtomically(o.common.html, renderSweepHtml(doc));
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  std::string out = renderSweep(doc, o.format);
  if (o.format != "json" && o.format != "csv") {
    std::string line = "rmq-rebalance-sim sweep " + o.scenario + " --seed " + std::to_string(base.seed);
    for (const auto& v : o.vary) line += " --vary " + v;
    if (o.repeat != 1) line += " --repeat " + std::to_string(o.repeat);
    for (const auto& s : o.common.sets) line += " --set " + s;
    if (shard) line += " --shard " + o.shard;
    out += "\n" + line + "  # rmq-rebalance-sim " RMQSIM_VERSION_STRING "\n";
  }
  emitOutput(o.common.output, out);
  return kExitOk;
}

}  // namespace

CommandRun setupSweepCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("sweep", "Run a scenario over a parameter grid (capacity planning)");
  auto opts = std::make_shared<SweepOptions>();
  sub->add_option("scenario", opts->scenario, "Scenario file (YAML)")->required();
  sub->add_option("--vary", opts->vary,
                  "KEY=VALUES: an axis of the grid, e.g. groups.0.clients=1..64 or brokers.*.topics.orders.queues=8,16,32 "
                  "or groups.0.strategy=AVG,CONSISTENT_HASH (repeatable)")
      ->required();
  sub->add_option("--repeat", opts->repeat, "Seeds per grid point (seed, seed+1, ...): mean and p95")->check(CLI::Range(1, 1000));
  sub->add_option("--shard", opts->shard, "Run only slice I of N (I/N, 0-based); join the outputs with sweep-merge");
  sub->add_option("--format", opts->format, "Output on stdout")->check(CLI::IsMember({"table", "text", "csv", "json"}));
  sub->add_option("--output,-o", opts->common.output, "Write the output to FILE instead of stdout");
  sub->add_option("--html", opts->common.html, "Also write heatmaps as a self-contained HTML page");
  addCommonOptions(*sub, opts->common, kSeedAndSet | kJobs);
  sub->add_flag("--quiet,-q", opts->common.quiet, "No progress bar on stderr");
  sub->add_flag("--no-cache", opts->common.noCache, "Compute every client's allocation separately (same results, slower)");
  sub->add_flag("--no-fast-forward", opts->common.noFastForward,
                "Run every steady heartbeat, route poll, rebalance round and offset commit as events (same results, slower)");
  return [opts] { return runSweep(*opts); };
}

}  // namespace rmqsim
