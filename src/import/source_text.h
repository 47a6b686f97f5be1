// The text of one mqadmin output file, split into lines, and located errors into it: every
// problem names file:line:column and what was expected, as the scenario loader's do (exit 2).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.h"

namespace rmqsim {

struct SourceText {
  std::string file;                     ///< as given on the command line
  std::string text;                     ///< the whole file
  std::vector<std::string_view> lines;  ///< views into text, without "\n" or "\r\n"
};

/// Reads a file (throws ScenarioError "cannot read" naming it).
SourceText readSourceText(const std::string& path);
/// The same from a string (tests).
SourceText sourceFromString(std::string text, std::string file);

/// Throws a ScenarioError at line/column (1-based; 0 = unknown).
[[noreturn]] void failAt(const SourceText& src, int line, int column, std::string message, std::string allowed = "");

/// Lines the JVM's logging prints before mqadmin's own output ("RocketMQLog:WARN ...", "log4j:", "SLF4J:").
bool isJavaLogNoise(std::string_view line);
/// Index of the first line that is neither blank nor log noise (lines.size() if none).
std::size_t firstContentLine(const SourceText& src);

/// The text with surrounding blanks removed.
std::string_view trimmed(std::string_view s);
/// Whitespace-separated words of a line, each with its 1-based column.
struct Word {
  std::string_view text;
  int column;
};
std::vector<Word> wordsOf(std::string_view line);

}  // namespace rmqsim
