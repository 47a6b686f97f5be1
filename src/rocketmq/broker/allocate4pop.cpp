#include "rocketmq/broker/allocate4pop.h"

#include <algorithm>

namespace rmqsim {

std::optional<std::vector<QueueIndex>> allocate4Pop(const std::vector<QueueIndex>& mqAll,
                                                    const std::vector<std::string>& cidAll, const std::string& clientId,
                                                    int popShareQueueNum, const ShareOf& shareOf) {
  const int n = popShareQueueNum;
  const auto index = static_cast<std::size_t>(std::find(cidAll.begin(), cidAll.end(), clientId) - cidAll.begin());
  std::vector<QueueIndex> out;
  if (n <= 0 || n >= static_cast<int>(cidAll.size()) - 1) {
    out = mqAll;
  } else if (cidAll.size() <= mqAll.size()) {
    auto own = shareOf(clientId);
    if (!own) return std::nullopt;
    out = std::move(*own);
    for (int i = 1; i <= n && index < cidAll.size(); ++i) {
      auto next = shareOf(cidAll[(index + static_cast<std::size_t>(i)) % cidAll.size()]);
      if (!next) return std::nullopt;
      out.insert(out.end(), next->begin(), next->end());
    }
  } else if (index < cidAll.size()) {  // a client not in cidAll gets nothing ("[BUG] ... not in cidAll")
    out.push_back(mqAll[index % mqAll.size()]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());  // Java gathers them in a set
  return out;
}

}  // namespace rmqsim
