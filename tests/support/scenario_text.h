// The cluster most hand-written test scenarios share: brokers broker-a and broker-b with 4
// queues of `orders` each, and one group `g` of 2 clients. Tests assert line numbers, so the
// layout is fixed: name (line 1), duration (2), brokers (3-9), group g (10-13), then `rest`.
#pragma once

#include <string>

namespace rmqsim::test {

inline std::string scenarioText(const std::string& name, const std::string& duration, const std::string& rest = "") {
  return "name: " + name + "\nduration: " + duration + R"(
brokers:
  - name: broker-a
    topics:
      orders: {queues: 4}
  - name: broker-b
    topics:
      orders: {queues: 4}
groups:
  - name: g
    subscribe: [orders]
    clients: 2
)" + rest;
}

}  // namespace rmqsim::test
