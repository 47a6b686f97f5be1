// A string as a double-quoted YAML scalar, for the scenario files `import` and `replay` write.
#pragma once

#include <string>

namespace rmqsim {

/// Double-quoted, with JSON's escapes (which are YAML's): '"' and '\' escaped, control
/// characters as \u00XX, so yaml-cpp reads back the same bytes.
inline std::string yamlDoubleQuoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += "\\u00";
      out += "0123456789abcdef"[(c >> 4) & 0xf];
      out += "0123456789abcdef"[c & 0xf];
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace rmqsim
