// `check`: run scenarios and evaluate their `expect:` blocks, for CI (contract §1): one line per
// expectation, a summary, exit 0 (all held) / 1 (some failed) / 2 (invalid input), JUnit XML,
// and regression detection against a stored earlier report.
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <glob.h>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/parallel.h"
#include "cli/phase_runs.h"
#include "cli/pipeline.h"
#include "report/baseline.h"
#include "report/expectations.h"
#include "report/junit_report.h"
#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "util/atomic_file.h"

namespace rmqsim {
namespace {

struct CheckOptions {
  std::vector<std::string> inputs;
  CommonOptions common;
  std::string junit;
  std::string baseline;
  std::string tolerance = "0%";
};

struct Outcome {
  std::string file;
  std::string error;  ///< rendered diagnostics: the scenario could not be loaded
  Scenario scenario;
  PipelineOutput out;
  std::vector<ExpectationResult> results;
  std::vector<std::string> regressions;
  std::string baselineNote;
  double seconds = 0;
};

/// Expands glob patterns that the shell left alone (quoted in CI files); plain paths pass through.
std::vector<std::string> expandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (in.find_first_of("*?[") == std::string::npos) {
      files.push_back(in);
      continue;
    }
    glob_t g{};
    const int rc = ::glob(in.c_str(), 0, nullptr, &g);
    if (rc == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i) files.emplace_back(g.gl_pathv[i]);
    globfree(&g);
    if (rc != 0) throw UsageError{"no file matches '" + in + "'", false};
  }
  return files;
}

nlohmann::ordered_json loadBaseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read the baseline report '" + path + "'", false};
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::ordered_json::parse(ss.str(), nullptr, false);
  if (j.is_discarded())
    throw UsageError{"the baseline '" + path + "' is not JSON; expected a report from `run --format json` or `check --format json`", false};
  return j;
}

nlohmann::ordered_json expectationJson(const ExpectationResult& r) {
  nlohmann::ordered_json j;
  j["metric"] = r.expectation.metric;
  if (r.expectation.min) j["min"] = *r.expectation.min;
  if (r.expectation.max) j["max"] = *r.expectation.max;
  if (r.expectation.equals) j["equals"] = *r.expectation.equals;
  j["actual"] = r.actual;
  j["passed"] = r.passed;
  if (!r.message.empty()) j["message"] = r.message;
  return j;
}

std::string location(const SourceLoc& loc) {
  if (loc.file.empty()) return "";
  return loc.file + (loc.line > 0 ? ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) : "") + ": ";
}

int runCheck(const CheckOptions& o) {
  const std::vector<std::string> files = expandInputs(o.inputs);
  if (files.empty()) throw UsageError{"check needs at least one scenario file", false};
  double tolerance = 0;
  std::optional<nlohmann::ordered_json> baseline;
  if (!o.baseline.empty()) {
    tolerance = parseTolerance(o.tolerance);
    if (tolerance < 0) throw UsageError{"--tolerance '" + o.tolerance + "' is not a percentage; e.g. 10% or 0.1", false};
    baseline = loadBaseline(o.baseline);
  }

  std::vector<Outcome> outcomes(files.size());
  // With --phases the threads go to each file's phases (results never depend on --jobs).
  const int fileJobs = o.common.phases > 0 ? 1 : o.common.jobs;
  parallelFor(files.size(), fileJobs, [&](std::size_t i) {
    Outcome& oc = outcomes[i];
    oc.file = files[i];
    const auto t0 = std::chrono::steady_clock::now();
    try {
      oc.scenario = loadScenarioFile(files[i], o.common.sets, o.common.seed);
    } catch (const ScenarioError& e) {
      oc.error = renderDiagnostics(e.diagnostics(), false);
      return;
    }
    if (o.common.phases > 0) {
      std::vector<PhaseRun> runs = runPhases(oc.scenario, o.common.phases, o.common.jobs, pipelineOptions(o.common));
      oc.results = evaluateByPhase(oc.scenario.expect, runs);
      const nlohmann::ordered_json summary = phaseSummaryJson(phaseReports(runs));
      oc.out = std::move(runs.front().out);
      oc.out.report["phases"] = summary;
    } else {
      oc.out = runPipeline(oc.scenario, pipelineOptions(o.common));
      oc.results = evaluateExpectations(oc.scenario.expect, oc.out.report);
    }
    if (baseline) {
      if (const auto* b = findBaselineReport(*baseline, oc.scenario.name))
        oc.regressions = compareToBaseline(oc.out.report, *b, tolerance);
      else
        oc.baselineNote = "no report for scenario '" + oc.scenario.name + "' in the baseline";
    }
    oc.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  });

  int passed = 0, failed = 0, invalid = 0, regressions = 0;
  std::ostringstream text;
  nlohmann::ordered_json json;
  json["scenarios"] = nlohmann::ordered_json::array();
  std::vector<JunitSuite> suites;
  for (const Outcome& oc : outcomes) {
    JunitSuite suite;
    suite.name = oc.file;
    suite.scenario = oc.scenario.name;
    suite.seconds = oc.seconds;
    nlohmann::ordered_json sj;
    sj["file"] = oc.file;
    if (!oc.error.empty()) {
      ++invalid;
      suite.error = oc.error;
      text << "ERROR " << oc.file << ": invalid scenario\n" << oc.error;
      std::cerr << oc.error;
      sj["error"] = oc.error;
      json["scenarios"].push_back(sj);
      suites.push_back(std::move(suite));
      continue;
    }
    text << oc.file << " (" << oc.scenario.name << ", seed " << oc.scenario.seed << (oc.out.partial ? ", PARTIAL" : "")
         << ")\n";
    if (oc.results.empty()) text << "  (no expectations: nothing to check)\n";
    bool scenarioFailed = false;
    for (const ExpectationResult& r : oc.results) {
      if (r.unknownMetric) {
        ++invalid;
        scenarioFailed = true;
        text << "  ERROR " << r.expectation.metric << ": " << r.message << "\n";
        std::cerr << location(r.expectation.loc) << "error: unknown metric '" << r.expectation.metric << "': " << r.message
                  << "\n";
        continue;
      }
      (r.passed ? passed : failed) += 1;
      scenarioFailed |= !r.passed;
      text << "  " << (r.passed ? "PASS" : "FAIL") << "  " << r.expectation.metric << " = " << r.actual << "  (" << r.bound
           << ")" << (r.passed ? "" : ": " + r.message) << "\n";
    }
    for (const std::string& reg : oc.regressions) {
      ++regressions;
      scenarioFailed = true;
      text << "  WORSE " << reg << "\n";
    }
    if (!oc.baselineNote.empty()) text << "  note: " << oc.baselineNote << "\n";
    if (scenarioFailed) {
      CommonOptions one = o.common;
      text << "  reproduce: " << reproduceCommand("run", oc.file, one, oc.scenario.seed) << "\n";
    }
    sj["scenario"] = oc.scenario.name;
    sj["seed"] = oc.scenario.seed;
    sj["passed"] = !scenarioFailed;
    sj["expectations"] = nlohmann::ordered_json::array();
    for (const auto& r : oc.results) sj["expectations"].push_back(expectationJson(r));
    sj["regressions"] = oc.regressions;
    sj["report"] = oc.out.report;
    json["scenarios"].push_back(sj);
    suite.results = oc.results;
    suite.regressions = oc.regressions;
    suites.push_back(std::move(suite));
  }
  text << "\n" << outcomes.size() << " scenario" << (outcomes.size() == 1 ? "" : "s") << ", " << passed + failed
       << " expectations: " << passed << " passed, " << failed << " failed";
  if (regressions) text << ", " << regressions << " regression" << (regressions == 1 ? "" : "s") << " against the baseline";
  if (invalid) text << ", " << invalid << " input error" << (invalid == 1 ? "" : "s");
  text << "\n";
  std::string line = "rmq-rebalance-sim check";
  for (const auto& in : o.inputs) line += " " + in;
  if (o.common.seed) line += " --seed " + std::to_string(*o.common.seed);
  for (const auto& s : o.common.sets) line += " --set " + s;
  if (o.common.phases > 0) line.append(" --phases ").append(std::to_string(o.common.phases));
  text << line << "  # rmq-rebalance-sim " RMQSIM_VERSION_STRING "\n";
  json["passed"] = passed;
  json["failed"] = failed;
  json["regressions"] = regressions;
  json["input_errors"] = invalid;

  try {
    if (!o.junit.empty()) writeFileAtomically(o.junit, renderJunitXml(suites));
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  emitOutput(o.common.output, o.common.format == "json" ? json.dump(2) + "\n" : text.str());
  if (invalid) return kExitBadInput;
  return failed || regressions ? kExitExpectationFailed : kExitOk;
}

}  // namespace

CommandRun setupCheckCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("check", "Run scenarios and evaluate their `expect:` blocks (exit 0 pass, 1 fail, 2 invalid)");
  auto opts = std::make_shared<CheckOptions>();
  sub->add_option("scenarios", opts->inputs, "Scenario files or glob patterns, e.g. 'scenarios/*.yaml'")->required();
  addCommonOptions(*sub, opts->common, kSeedAndSet | kRunControl | kJobs | kPhases);
  sub->add_option("--format", opts->common.format, "Output on stdout")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--output,-o", opts->common.output, "Write the output to FILE instead of stdout");
  sub->add_option("--junit", opts->junit, "Also write JUnit XML (GitHub Actions, GitLab, Jenkins) to FILE");
  sub->add_option("--baseline", opts->baseline, "A stored report (run/check --format json): fail when a metric got worse");
  sub->add_option("--tolerance", opts->tolerance, "Allowed worsening against --baseline, e.g. 10% (default 0%)");
  return [opts] { return runCheck(*opts); };
}

}  // namespace rmqsim
