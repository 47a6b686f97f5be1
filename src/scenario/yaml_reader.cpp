#include "scenario/yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include "scenario/duration.h"
#include "util/spellcheck.h"

namespace rmqsim {

std::string joinPath(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
std::string joinPath(const std::string& path, std::size_t index) { return joinPath(path, std::to_string(index)); }

std::string listText(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

namespace {

std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a map";
  const std::string& s = n.Scalar();
  return "'" + shownText(s, s.size() > 40 ? 37 : 40) + "'";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

SourceLoc YamlReader::loc(const YAML::Node& n, const std::string& path) const {
  for (const auto& [p, text] : overrides_)
    if (path == p || (path.size() > p.size() && path.compare(0, p.size(), p) == 0 && path[p.size()] == '.'))
      return SourceLoc{"--set " + text, 0, 0};
  SourceLoc l{file_, 0, 0};
  if (n.IsDefined()) {
    const YAML::Mark m = n.Mark();
    if (m.line >= 0) l.line = m.line + 1, l.column = m.column + 1;
  }
  return l;
}

void YamlReader::error(const YAML::Node& at, const std::string& path, std::string message, std::string allowed,
                       std::string hint) {
  errorAt(loc(at, path), std::move(message), std::move(allowed), std::move(hint));
}

void YamlReader::errorAt(SourceLoc l, std::string message, std::string allowed, std::string hint) {
  diags_.push_back(Diagnostic{std::move(l), std::move(message), std::move(allowed), std::move(hint), false});
}

bool YamlReader::expectMap(const YAML::Node& n, const std::string& path, const std::string& example) {
  if (n.IsMap()) return true;
  error(n, path, path + " must be a map, not " + describe(n), example);
  return false;
}

bool YamlReader::expectSeq(const YAML::Node& n, const std::string& path, const std::string& example) {
  if (n.IsSequence()) return true;
  error(n, path, path + " must be a list, not " + describe(n), example);
  return false;
}

void YamlReader::checkKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed,
                           const std::string& what) {
  std::map<std::string, int> seen;
  for (const auto kv : map) {  // a copy: yaml-cpp's operator-> points into a temporary
    const YAML::Node key = kv.first;
    const std::string k = key.IsScalar() ? key.Scalar() : "?";
    if (++seen[k] == 2) error(key, joinPath(path, k), "key '" + shownText(k) + "' is given twice in " + what);
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    auto hint = spellcheck(k, allowed);
    error(key, joinPath(path, k), "unknown key '" + shownText(k) + "' in " + what, listText(allowed), hint ? *hint : "");
  }
}

bool YamlReader::requireKeys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& required,
                             const std::string& what) {
  bool ok = true;
  for (const auto& k : required) {
    if (map[k]) continue;
    error(map, path, what + " needs '" + k + "'");
    ok = false;
  }
  return ok;
}

std::optional<std::string> YamlReader::str(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar() && !n.Scalar().empty()) return n.Scalar();
  error(n, path, path + " must be a non-empty string, not " + describe(n));
  return std::nullopt;
}

std::optional<std::string> YamlReader::name(const YAML::Node& n, const std::string& path, std::size_t maxLength,
                                            bool allowNewlines) {
  auto v = str(n, path);
  if (!v) return v;
  if (auto problem = nameProblem(*v, maxLength, allowNewlines)) {
    error(n, path, path + " " + *problem,
          nameRuleText(maxLength) +
              (allowNewlines ? " but newline and tab" : " (NUL, tab, newline, escape, ...)"));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> YamlReader::integer(const YAML::Node& n, const std::string& path, long long min, long long max) {
  long long v = 0;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) {
      if (v >= min && v <= max) return v;
      error(n, path, path + " is " + s + ", out of range",
            "an integer from " + std::to_string(min) + (max == (1LL << 62) ? " up" : " to " + std::to_string(max)));
      return std::nullopt;
    }
  }
  error(n, path, path + " must be an integer, not " + describe(n),
        "an integer from " + std::to_string(min) + (max == (1LL << 62) ? " up" : " to " + std::to_string(max)));
  return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& n, const std::string& path, double min, bool minExclusive) {
  const std::string allowed = std::string("a number ") + (minExclusive ? "above " : "from ") + std::to_string(static_cast<long long>(min));
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(v)) {
      if (v > min || (!minExclusive && v == min)) return v;
      error(n, path, path + " is " + s + ", out of range", allowed);
      return std::nullopt;
    }
  }
  error(n, path, path + " must be a number, not " + describe(n), allowed);
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar()) {
    const std::string s = lower(n.Scalar());
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  error(n, path, path + " must be true or false, not " + describe(n), "true, false");
  return std::nullopt;
}

std::optional<SimTime> YamlReader::duration(const YAML::Node& n, const std::string& path, bool allowZero) {
  if (n.IsScalar()) {
    if (auto d = parseDuration(n.Scalar())) {
      if (*d > 0 || allowZero) return d;
      error(n, path, path + " must be longer than 0", "a positive duration such as 500ms, 20s, 5m, 2h");
      return std::nullopt;
    }
    const std::string& s = n.Scalar();
    const bool bare = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    error(n, path, path + (bare ? " has no unit: '" + s + "'" : " is not a duration: " + describe(n)),
          "a number with a unit: ms, s, m, h, d (e.g. 250ms, 20s, 5m, 1m30s)", bare ? s + "s" : "");
    return std::nullopt;
  }
  error(n, path, path + " must be a duration, not " + describe(n), "a number with a unit: ms, s, m, h, d (e.g. 250ms, 20s, 5m)");
  return std::nullopt;
}

std::optional<std::string> YamlReader::oneOf(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) {
  if (n.IsScalar() && std::find(allowed.begin(), allowed.end(), n.Scalar()) != allowed.end()) return n.Scalar();
  const std::string got = n.IsScalar() ? n.Scalar() : "";
  auto hint = n.IsScalar() ? spellcheck(got, allowed) : std::nullopt;
  error(n, path, path + " cannot be " + describe(n), listText(allowed), hint ? *hint : "");
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlReader::stringList(const YAML::Node& n, const std::string& path) {
  if (n.IsScalar() && !n.Scalar().empty()) {
    if (auto s = name(n, path)) return std::vector<std::string>{*s};
    return std::nullopt;
  }
  if (!n.IsSequence()) {
    error(n, path, path + " must be a list of names, not " + describe(n), "[a, b] or a single name");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (auto s = name(n[i], joinPath(path, i))) out.push_back(*s);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace rmqsim
