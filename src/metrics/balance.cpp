#include "metrics/balance.h"

#include <algorithm>

namespace rmqsim {

BalanceStats balanceOf(const std::vector<std::int64_t>& loads, std::int64_t queues, bool complete) {
  BalanceStats b;
  b.consumers = static_cast<std::int64_t>(loads.size());
  b.queues = queues;
  b.complete = complete;
  if (loads.empty()) return b;
  b.maxLoad = *std::max_element(loads.begin(), loads.end());
  b.minLoad = *std::min_element(loads.begin(), loads.end());
  b.imbalance = b.maxLoad - b.minLoad;
  b.idealImbalance = queues % b.consumers == 0 ? 0 : 1;
  b.excessImbalance = std::max<std::int64_t>(0, b.imbalance - b.idealImbalance);
  double sum = 0, squares = 0;
  for (std::int64_t l : loads) {
    b.idleConsumers += l == 0 ? 1 : 0;
    sum += static_cast<double>(l);
    squares += static_cast<double>(l) * static_cast<double>(l);
  }
  b.jainIndex = squares > 0 ? sum * sum / (static_cast<double>(loads.size()) * squares) : 1.0;
  return b;
}

}  // namespace rmqsim
