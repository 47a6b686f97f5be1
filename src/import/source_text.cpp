#include "import/source_text.h"

#include <fstream>
#include <sstream>

namespace rmqsim {

SourceText sourceFromString(std::string text, std::string file) {
  SourceText src;
  src.file = std::move(file);
  src.text = std::move(text);
  std::string_view all = src.text;
  while (!all.empty()) {
    std::size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    src.lines.push_back(line);
    if (nl == std::string_view::npos) break;
    all.remove_prefix(nl + 1);
  }
  return src;
}

SourceText readSourceText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({Diagnostic{SourceLoc{path, 0, 0}, "cannot read the file", "a readable mqadmin output file", "", false}});
  std::ostringstream ss;
  ss << in.rdbuf();
  return sourceFromString(ss.str(), path);
}

void failAt(const SourceText& src, int line, int column, std::string message, std::string allowed) {
  throw ScenarioError({Diagnostic{SourceLoc{src.file, line, line > 0 ? std::max(column, 1) : 0}, std::move(message),
                                  std::move(allowed), "", false}});
}

bool isJavaLogNoise(std::string_view line) {
  return line.starts_with("RocketMQLog:") || line.starts_with("log4j:") || line.starts_with("SLF4J:");
}

std::size_t firstContentLine(const SourceText& src) {
  std::size_t i = 0;
  while (i < src.lines.size() && (trimmed(src.lines[i]).empty() || isJavaLogNoise(src.lines[i]))) ++i;
  return i;
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::vector<Word> wordsOf(std::string_view line) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    out.push_back(Word{line.substr(i, j - i), static_cast<int>(i) + 1});
    i = j;
  }
  return out;
}

}  // namespace rmqsim
