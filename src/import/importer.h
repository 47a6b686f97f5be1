// `import`: mqadmin's view of a live group (topicRoute per topic, consumerConnection, optionally
// consumerProgress -s true) → a scenario that reproduces it, checked against the live owners.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import/mqadmin_records.h"
#include "import/source_text.h"

namespace rmqsim {

struct ImportSources {
  std::vector<std::pair<std::string, SourceText>> routes;  ///< topic ("" = infer from the file name or the subscriptions), route output
  SourceText connection;
  std::optional<SourceText> progress;
};

struct ImportOptions {
  std::string group;     ///< "" = from the %RETRY%GROUP subscription
  std::string strategy;  ///< "" = the first of AVG, AVG_BY_CIRCLE, CONSISTENT_HASH matching the live owners, else AVG
  bool orderly = false;  ///< consumerConnection does not show it
  std::string duration = "10m";
};

/// What the parsed outputs say, resolved: the cluster and the group.
struct ImportedTopic {
  std::string name, routeFile, routeFormat, expression;
  std::vector<RouteQueueData> queueDatas;
};
struct ImportedGroup {
  std::string name;
  std::vector<ImportedTopic> topics;  ///< subscription order
  ConsumerConnection connection;
  std::string connectionFile;
  std::optional<ConsumerProgress> progress;
  std::string progressFile;
  int retryQueues = 1;
};

struct ImportResult {
  std::string yaml;                   ///< the scenario, valid
  std::string strategy;               ///< chosen
  std::vector<std::string> notes;     ///< what was found (stderr)
  std::vector<std::string> warnings;  ///< where the live group differs from what the scenario will do
};

/// Parses and resolves; throws ScenarioError (located) for bad, partial or inconsistent input.
ImportedGroup resolveImport(const ImportSources& sources, const ImportOptions& options);
/// The whole import: resolve, write, validate, check the live owners.
ImportResult importCluster(const ImportSources& sources, const ImportOptions& options);

/// The scenario text for a resolved group under a strategy (scenario_yaml.cpp); `strategyNote`
/// becomes the comment on the strategy line.
std::string writeScenarioYaml(const ImportedGroup& g, const ImportOptions& options, const std::string& strategy,
                              const std::string& strategyNote);

}  // namespace rmqsim
