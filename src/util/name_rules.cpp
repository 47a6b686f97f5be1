#include "util/name_rules.h"

#include <cstdio>

namespace rmqsim {

namespace {
bool isControl(unsigned char c) { return c < 0x20 || c == 0x7f; }
}  // namespace

std::optional<std::string> nameProblem(std::string_view name, std::size_t maxLength, bool allowNewlines) {
  if (name.size() > maxLength) return "is " + std::to_string(name.size()) + " characters long";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (!isControl(c) || (allowNewlines && (c == '\n' || c == '\t'))) continue;
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", c);
    return std::string("holds control character ") + code + " at character " + std::to_string(i + 1);
  }
  return std::nullopt;
}

std::string nameRuleText(std::size_t maxLength) {
  return "at most " + std::to_string(maxLength) + " characters, none of them control characters";
}

std::string shownText(std::string_view text, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!isControl(c)) {
      out += static_cast<char>(c);
      continue;
    }
    char code[8];
    std::snprintf(code, sizeof code, "\\x%02X", c);
    out += code;
  }
  if (text.size() > max) out += "...";
  return out;
}

}  // namespace rmqsim
