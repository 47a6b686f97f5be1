// `allocate --cases FILE`: the batch form of contract §5, one JSON case in and one JSON result out per line.
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>

#include "cli/allocate_command.h"
#include "cli/exit_codes.h"

namespace rmqsim {

using Json = nlohmann::ordered_json;

int runAllocateCases(const std::string& path) {
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) throw UsageError{"cannot open cases file '" + path + "'"};
  }
  std::istream& in = path == "-" ? std::cin : file;
  const std::string where = path == "-" ? "<stdin>" : path;
  std::string line;
  std::vector<std::size_t> invalidLines;
  for (std::size_t lineNo = 1; std::getline(in, line); ++lineNo) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines carry no case
    const CaseLineResult r = allocateCaseLine(line, where, lineNo);
    if (r.invalid) invalidLines.push_back(lineNo);
    const Json& out = r.output;
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  std::cout.flush();
  if (!invalidLines.empty()) {
    std::string lines;
    for (std::size_t i = 0; i < invalidLines.size() && i < 20; ++i) lines += (i ? ", " : "") + std::to_string(invalidLines[i]);
    if (invalidLines.size() > 20) lines += ", ...";
    throw UsageError{std::to_string(invalidLines.size()) + " invalid case line(s) in " + where + " (line " + lines +
                     "); see their \"invalid\" output"};
  }
  return kExitOk;
}

}  // namespace rmqsim
