// The text report: sections, event table, balance, compact ranges, warnings, colour on request.
#include <doctest/doctest.h>

#include "metrics_fixture.h"
#include "report/queue_ranges.h"
#include "report/text_report.h"
#include "report/warnings.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("report/text/queue ranges: grouped by topic and broker, consecutive ids merged") {
  CHECK(compactQueueRanges({"orders@broker-a:3", "orders@broker-a:0", "orders@broker-a:1", "orders@broker-a:2",
                            "orders@broker-a:6", "orders@broker-b:0"}) == "orders@broker-a[0-3,6] orders@broker-b[0]");
  CHECK(compactQueueRanges({"%RETRY%g@broker-a:0"}) == "%RETRY%g@broker-a[0]");
  CHECK(compactQueueRanges({}).empty());
}

TEST_CASE("report/text/sections and figures") {
  TextReportOptions o;
  o.reproduce = "rmq-rebalance-sim run crash.yaml --seed 7";
  const std::string t = renderTextReport(reportScenario(), reportResult(), o);
  CHECK(has(t, "crash (crash.yaml): seed 7, profile rocketmq-5"));
  CHECK(has(t, "Events"));
  CHECK(has(t, "crash g-1"));
  CHECK(has(t, "131.00 s"));
  CHECK(has(t, "never"));
  CHECK(has(t, "Final balance"));
  CHECK(has(t, "0.600"));  // Jain
  CHECK(has(t, "g-0  3  %RETRY%g@broker-a[0] orders@broker-a[0-1]"));
  CHECK(has(t, "(idle)"));
  CHECK(has(t, "Warnings"));
  CHECK(has(t, o.reproduce));
  CHECK_FALSE(has(t, "\033["));
}

TEST_CASE("report/text/colour only when asked") {
  TextReportOptions o;
  o.colour = true;
  CHECK(has(renderTextReport(reportScenario(), reportResult(), o), "\033["));
}

TEST_CASE("report/warnings/idle consumers, orphaned broker queues after a crash, no convergence, shared ids") {
  RunResult r = reportResult();
  r.groups[0].sharedIds["10.0.0.1@1"] = {"g-0", "g-3"};
  r.groups[0].unownedQueues = 2;
  const auto w = plainWarnings(reportScenario(), r);
  auto any = [&](const std::string& part) {
    for (const auto& line : w)
      if (has(line, part)) return true;
    return false;
  };
  CHECK(any("1 consumer of g is idle"));
  CHECK(any("queues of broker-a were unowned for up to 131 s after g-1 crashed"));
  CHECK(any("g did not converge after broker-b was killed"));
  CHECK(any("shared client id: g-0 and g-3 share the id 10.0.0.1@1; RocketMQ gives them the same queues, 2 queues of g stay unowned"));
  CHECK(any("40 messages were delivered twice"));
}

TEST_CASE("report/warnings/more consumers than queues is named as such") {
  RunResult r = reportResult();
  r.groups[0].balance = BalanceStats{6, 4, 1, 0, 1, 1, 0, 2, 4.0 / 6.0, true};
  const auto w = plainWarnings(reportScenario(), r);
  bool found = false;
  for (const auto& line : w) found = found || has(line, "2 consumers of g are idle: the group has more consumers than queues");
  CHECK(found);
}

TEST_CASE("report/warnings/CONFIG queues that no broker has are named (RocketMQ accepts any list)") {
  Scenario s = reportScenario();
  BrokerSpec b;
  b.name = std::string("broker-a");
  TopicSpec t;
  t.name = std::string("orders");
  t.read_queues = t.write_queues = 4;
  b.topics.push_back(t);
  s.brokers.push_back(b);
  GroupSpec& g = s.groups[0];
  g.strategy.name = std::string("CONFIG");
  g.strategy.params.messageQueueList = std::vector<MessageQueue>{
      {"orders", "broker-a", 0}, {"orders", "broker-a", 3}, {"%RETRY%g", "broker-a", 0},
      {"orders", "broker-a", 5}, {"orders", "broker-z", 1}, {"orders", "broker-z", 2}, {"ordres", "broker-a", 0}};
  auto configWarnings = [](const std::vector<std::string>& w) {
    std::vector<std::string> out;
    for (const auto& line : w)
      if (has(line, "CONFIG")) out.push_back(line);
    return out;
  };
  auto w = configWarnings(plainWarnings(s, reportResult()));
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "the CONFIG queue list of g names orders@broker-a[5] orders@broker-z[1-2] ordres@broker-a[0], which no "
                "broker has: RocketMQ takes the list as given, so no client consumes these (a typo?)");
  EventSpec grow;  // a later set_queues makes orders@broker-a:5 real
  grow.action = std::string("set_queues");
  grow.topic = std::string("orders");
  grow.queues = 8;
  s.events.push_back(grow);
  w = configWarnings(plainWarnings(s, reportResult()));
  REQUIRE(w.size() == 1);
  CHECK(has(w[0], "names orders@broker-z[1-2] ordres@broker-a[0], which"));
  g.strategy.params.messageQueueList = std::vector<MessageQueue>{{"orders", "broker-a", 1}};
  CHECK(configWarnings(plainWarnings(s, reportResult())).empty());
}
