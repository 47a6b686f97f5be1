// `sweep-merge`: joins the JSON outputs of `sweep --shard I/N` runs into the document one
// unsharded sweep would have printed (same bytes), after checking they describe the same grid.
#include <CLI/CLI.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "report/sweep_report.h"
#include "util/atomic_file.h"

namespace rmqsim {

namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string format = "json";
  std::string output;
  std::string html;
};

nlohmann::ordered_json readShard(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read '" + path + "'", false};
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::ordered_json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("results") || !j.contains("vary") || !j.contains("points"))
    throw UsageError{"'" + path + "' is not the JSON output of `sweep --format json`", false};
  return j;
}

int runMerge(const MergeOptions& o) {
  nlohmann::ordered_json header;
  std::map<std::size_t, nlohmann::ordered_json> rows;
  for (const std::string& path : o.inputs) {
    nlohmann::ordered_json doc = readShard(path);
    nlohmann::ordered_json h = doc;
    h.erase("results");
    h.erase("shard");
    h.erase("summary");
    if (header.is_null()) header = h;
    else if (h != header)
      throw UsageError{"'" + path + "' comes from a different sweep (scenario, seed, repeat or grid differ) than '" +
                           o.inputs.front() + "'", false};
    for (const auto& row : doc["results"]) {
      const std::size_t index = row["index"].get<std::size_t>();
      if (!rows.emplace(index, row).second)
        throw UsageError{"grid point " + std::to_string(index) + " appears twice (in '" + path + "' and an earlier file)", false};
    }
  }
  const std::size_t points = header["points"].get<std::size_t>();
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < points; ++i)
    if (!rows.count(i)) missing.push_back(i);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 10; ++k) list += (k ? ", " : "") + std::to_string(missing[k]);
    throw UsageError{std::to_string(missing.size()) + " of " + std::to_string(points) +
                         " grid points are missing (e.g. " + list + "): is a shard's output missing?", false};
  }
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (auto& [i, row] : rows) all.push_back(std::move(row));
  nlohmann::ordered_json doc = sweepDocument(header, std::move(all), std::nullopt);
  try {
    if (!o.html.empty()) writeFileAtomically(o.html, renderSweepHtml(doc));
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  emitOutput(o.output, renderSweep(doc, o.format));
  return kExitOk;
}

}  // namespace

CommandRun setupSweepMergeCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("sweep-merge", "Join the JSON outputs of `sweep --shard I/N` runs");
  auto opts = std::make_shared<MergeOptions>();
  sub->add_option("shards", opts->inputs, "Shard outputs (sweep --format json)")->required();
  sub->add_option("--format", opts->format, "Output on stdout")->check(CLI::IsMember({"table", "text", "csv", "json"}));
  sub->add_option("--output,-o", opts->output, "Write the output to FILE instead of stdout");
  sub->add_option("--html", opts->html, "Also write heatmaps as a self-contained HTML page");
  return [opts] { return runMerge(*opts); };
}

}  // namespace rmqsim
