// Internal to the scenario loader: the state shared by its parts (top level, groups, events,
// validation) while one file is read.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "scenario/yaml_reader.h"

namespace rmqsim::parse {

struct Context {
  YamlReader& r;
  Scenario& s;
  std::set<std::string> topics;  ///< every topic some broker has
};

void readBrokers(Context& c, const YAML::Node& n);
void readGroups(Context& c, const YAML::Node& n);
void readEvents(Context& c, const YAML::Node& n);
void readExpect(Context& c, const YAML::Node& n);
/// Cross-checks after everything was read: event times, client names over time, sizes.
void validate(Context& c, const YAML::Node& root);

}  // namespace rmqsim::parse
