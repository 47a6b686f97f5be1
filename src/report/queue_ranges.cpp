#include "report/queue_ranges.h"

#include <map>
#include <set>

namespace rmqsim {

std::string compactQueueRanges(const std::vector<std::string>& queues) {
  std::map<std::string, std::set<int>> byPrefix;
  for (const std::string& q : queues) {
    const auto colon = q.rfind(':');
    if (colon == std::string::npos) continue;
    byPrefix[q.substr(0, colon)].insert(std::stoi(q.substr(colon + 1)));
  }
  std::string out;
  for (const auto& [prefix, ids] : byPrefix) {
    // Appends, not "literal" + std::string&&: GCC 12 misreads that inlined insert
    // (-Wrestrict, -Wstringop-overflow; GCC bug 105329), and appending allocates less.
    if (!out.empty()) out += ' ';
    (out += prefix) += '[';
    bool firstRange = true;
    for (auto it = ids.begin(); it != ids.end();) {
      const int start = *it;
      int end = start;
      auto next = std::next(it);
      while (next != ids.end() && *next == end + 1) end = *next, ++next;
      if (!firstRange) out += ',';
      out += std::to_string(start);
      if (end > start) (out += '-') += std::to_string(end);
      firstRange = false;
      it = next;
    }
    out += "]";
  }
  return out;
}

}  // namespace rmqsim
