// `--set PATH=VALUE` (and each point of `sweep --vary`): a dotted path into the scenario's YAML
// (map keys, list indices, `*` for every element or key at that level) and a YAML value
// ("5", "CONSISTENT_HASH", "[a, b]", "{name: X, virtual_nodes: 5}"). Applied to the YAML tree
// before it is read, so overridden values are validated exactly like values from the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/diagnostic.h"

namespace rmqsim {

struct Override {
  std::string path;   ///< "groups.0.clients"
  std::string value;  ///< "5"
  std::string text = {};  ///< the whole "PATH=VALUE" as given, for messages (empty: path=value)
};

/// Splits "PATH=VALUE"; throws ScenarioError (located "--set") when malformed.
Override parseOverride(std::string_view keyEqualsValue);

/// Applies one override; returns the concrete paths it replaced (wildcards expanded). Problems
/// (an index past the end, a path through a scalar, a value that is not YAML) go to `errors`.
std::vector<std::string> applyOverride(YAML::Node& root, const Override& o, std::vector<Diagnostic>& errors);

}  // namespace rmqsim
