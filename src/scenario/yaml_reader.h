// Typed, located access to yaml-cpp nodes for the scenario loader: each accessor reports a
// Diagnostic (file:line:column, what is wrong, what is allowed) instead of throwing, so one pass
// collects every problem. Values that came from a --set override are located as "--set PATH".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/diagnostic.h"
#include "util/name_rules.h"

namespace rmqsim {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  /// Paths replaced by --set (dotted, wildcards expanded) with the override's text.
  void addOverride(std::string path, std::string text) { overrides_.emplace_back(std::move(path), std::move(text)); }

  SourceLoc loc(const YAML::Node& n, const std::string& path) const;
  void error(const YAML::Node& at, const std::string& path, std::string message, std::string allowed = "",
             std::string hint = "");
  void errorAt(SourceLoc loc, std::string message, std::string allowed = "", std::string hint = "");
  std::vector<Diagnostic>& diagnostics() { return diags_; }
  const std::string& file() const { return file_; }

  /// True for a map; else reports "PATH must be a map" with an example.
  bool expectMap(const YAML::Node& n, const std::string& path, const std::string& example);
  /// True for a sequence; else reports it.
  bool expectSeq(const YAML::Node& n, const std::string& path, const std::string& example);
  /// Reports keys not in `allowed` (with did-you-mean) and keys given twice.
  void checkKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed,
                 const std::string& what);
  /// Reports each key of `required` missing from the map.
  bool requireKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& required,
                   const std::string& what);

  std::optional<std::string> str(const YAML::Node& n, const std::string& path);
  /// A name: str() within maxLength characters and without control characters (util/name_rules.h).
  std::optional<std::string> name(const YAML::Node& n, const std::string& path, std::size_t maxLength = kMaxNameLength,
                                  bool allowNewlines = false);
  std::optional<long long> integer(const YAML::Node& n, const std::string& path, long long min, long long max);
  std::optional<double> number(const YAML::Node& n, const std::string& path, double min, bool minExclusive);
  std::optional<bool> boolean(const YAML::Node& n, const std::string& path);
  std::optional<SimTime> duration(const YAML::Node& n, const std::string& path, bool allowZero);
  std::optional<std::string> oneOf(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed);
  /// A list of names (each as name()); a single name counts as a list of one.
  std::optional<std::vector<std::string>> stringList(const YAML::Node& n, const std::string& path);

 private:
  std::string file_;
  std::vector<std::pair<std::string, std::string>> overrides_;
  std::vector<Diagnostic> diags_;
};

/// Child path: join("groups", 0) = "groups.0", join("", "name") = "name".
std::string joinPath(const std::string& path, const std::string& key);
std::string joinPath(const std::string& path, std::size_t index);
/// "a, b, c" for messages.
std::string listText(const std::vector<std::string>& items);

}  // namespace rmqsim
