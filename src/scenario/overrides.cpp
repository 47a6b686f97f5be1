#include "scenario/overrides.h"

#include <charconv>

namespace rmqsim {

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : path) {
    if (c == '.') parts.push_back(cur), cur.clear();
    else cur += c;
  }
  parts.push_back(cur);
  return parts;
}

bool index(const std::string& s, std::size_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

struct Cursor {
  YAML::Node node;
  std::string path;
};

}  // namespace

Override parseOverride(std::string_view text) {
  const auto eq = text.find('=');
  const std::string whole(text);
  auto fail = [&](const std::string& msg) {
    throw ScenarioError({Diagnostic{SourceLoc{"--set " + whole, 0, 0}, msg,
                                    "PATH=VALUE, e.g. groups.0.clients=8 or groups.0.strategy=CONSISTENT_HASH", "", false}});
  };
  if (eq == std::string_view::npos) fail("expected PATH=VALUE");
  Override o{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)), whole};
  while (!o.path.empty() && o.path.back() == ' ') o.path.pop_back();
  while (!o.path.empty() && o.path.front() == ' ') o.path.erase(o.path.begin());
  if (o.path.empty()) fail("the path before '=' is empty");
  for (const auto& part : split(o.path))
    if (part.empty()) fail("the path '" + o.path + "' has an empty part");
  if (o.value.find_first_not_of(" \t") == std::string::npos) fail("the value after '=' is empty");
  return o;
}

std::vector<std::string> applyOverride(YAML::Node& root, const Override& o, std::vector<Diagnostic>& errors) {
  const SourceLoc where{"--set " + (o.text.empty() ? o.path + "=" + o.value : o.text), 0, 0};
  auto fail = [&](const std::string& msg, const std::string& allowed = "") {
    errors.push_back(Diagnostic{where, msg, allowed, "", false});
    return std::vector<std::string>{};
  };
  YAML::Node value;
  try {
    value = YAML::Load(o.value);
  } catch (const YAML::Exception& e) {
    return fail("the value '" + o.value + "' is not valid YAML: " + e.msg, "a scalar, [list] or {map: in flow style}");
  }
  if (!root.IsMap()) return fail("the scenario is not a map, so '" + o.path + "' cannot be set");
  const std::vector<std::string> parts = split(o.path);
  std::vector<Cursor> level = {{root, ""}};
  std::vector<std::string> done;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const bool last = i + 1 == parts.size();
    std::vector<Cursor> next;
    for (Cursor& c : level) {
      const std::string here = c.path.empty() ? part : c.path + "." + part;
      if (part == "*") {
        if (c.node.IsSequence()) {
          for (std::size_t k = 0; k < c.node.size(); ++k) {
            const std::string p = (c.path.empty() ? "" : c.path + ".") + std::to_string(k);
            if (last) c.node[k] = YAML::Clone(value), done.push_back(p);
            else next.push_back({c.node[k], p});
          }
        } else if (c.node.IsMap()) {
          for (auto kv : c.node) {  // a copy: yaml-cpp's operator-> points into a temporary
            const std::string p = (c.path.empty() ? "" : c.path + ".") + kv.first.Scalar();
            if (last) kv.second = YAML::Clone(value), done.push_back(p);
            else next.push_back({kv.second, p});
          }
        } else {
          return fail("'*' in '" + o.path + "' needs a list or a map at '" + (c.path.empty() ? "(top)" : c.path) + "'");
        }
        continue;
      }
      if (c.node.IsSequence()) {
        std::size_t k = 0;
        if (!index(part, k) || k >= c.node.size())
          return fail("'" + here + "': '" + (c.path.empty() ? "(top)" : c.path) + "' has " + std::to_string(c.node.size()) +
                          " item(s)",
                      c.node.size() ? "an index from 0 to " + std::to_string(c.node.size() - 1) + ", or *" : "nothing: the list is empty");
        if (last) c.node[k] = YAML::Clone(value), done.push_back(here);
        else next.push_back({c.node[k], here});
        continue;
      }
      if (c.node.IsNull() || !c.node.IsDefined()) c.node = YAML::Node(YAML::NodeType::Map);
      if (!c.node.IsMap()) return fail("'" + here + "' goes through '" + c.path + "', which is a single value");
      if (last) {
        c.node[part] = YAML::Clone(value);
        done.push_back(here);
      } else {
        if (!c.node[part] || c.node[part].IsNull()) c.node[part] = YAML::Node(YAML::NodeType::Map);
        next.push_back({c.node[part], here});
      }
    }
    level = std::move(next);
  }
  if (done.empty()) return fail("'" + o.path + "' matches nothing in the scenario");
  return done;
}

}  // namespace rmqsim
