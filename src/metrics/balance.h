// The balance figures of contract §4 from a list of loads (queues owned per live client).
#pragma once

#include <cstdint>
#include <vector>

namespace rmqsim {

struct BalanceStats {
  std::int64_t consumers = 0;
  std::int64_t queues = 0;
  std::int64_t maxLoad = 0;
  std::int64_t minLoad = 0;
  std::int64_t imbalance = 0;       ///< max - min over live clients
  std::int64_t idealImbalance = 0;  ///< 0 when queues divide evenly by consumers, else 1
  std::int64_t excessImbalance = 0; ///< imbalance - ideal (never below 0)
  std::int64_t idleConsumers = 0;   ///< live clients with load 0
  double jainIndex = 1.0;           ///< (sum)^2 / (n * sum of squares); 1.0 when even (or nothing to share)
  bool complete = false;            ///< every queue has exactly one owner
};

/// `queues` is the number of subscribable queues (loads may sum to less: orphans, or more: overlap).
BalanceStats balanceOf(const std::vector<std::int64_t>& loads, std::int64_t queues, bool complete);

}  // namespace rmqsim
