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
