// Helpers shared by the strategy tests: a fixed PRNG and the JSON form of results.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim::test {

/// splitmix64: tiny, documented, identical on every platform (no std::*_distribution).
struct SplitMix64 {
  std::uint64_t state;
  explicit SplitMix64(std::uint64_t seed) : state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform enough in [0, n) for tests (modulo bias is irrelevant here).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

template <class T>
void shuffle(std::vector<T>& v, SplitMix64& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

inline nlohmann::json toJson(const MessageQueue& mq) {
  return {{"topic", mq.topic}, {"brokerName", mq.brokerName}, {"queueId", mq.queueId}};
}

inline nlohmann::json toJson(const AllocateResult& r) {
  if (!r) return nullptr;
  nlohmann::json a = nlohmann::json::array();
  for (const auto& mq : *r) a.push_back(toJson(mq));
  return a;
}

inline nlohmann::json errorJson(const std::string& message) {
  return {{"error", "IllegalArgumentException"}, {"message", message}};
}

inline nlohmann::json toJson(const AllocateOutcome& o) { return o.error ? errorJson(*o.error) : toJson(o.result); }

inline MessageQueue queueFromJson(const nlohmann::json& j) {
  return MessageQueue{j.at("topic").get<std::string>(), j.at("brokerName").get<std::string>(), j.at("queueId").get<int>()};
}

}  // namespace rmqsim::test
