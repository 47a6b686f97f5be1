// consumerProgress output: 4.9.8 and 5.3.3 tables with -s true, without it, and located errors.
#include <doctest/doctest.h>

#include "import/import_fixture.h"
#include "import/consumer_progress.h"

using namespace rmqsim;
using rmqsim::test::firstError;
using rmqsim::test::importData;

namespace {

Diagnostic errorOf(const std::string& text) {
  return firstError([&] { parseConsumerProgress(sourceFromString(text, "p.txt")); });
}

}  // namespace

TEST_CASE("import/progress/5.3.3 (#Inflight) and 4.9.8 tables with the client ip per queue") {
  for (const char* f : {"order-consumer.progress-5x.txt", "order-consumer.progress-4.9.txt"}) {
    CAPTURE(f);
    const ConsumerProgress p = parseConsumerProgress(readSourceText(importData(f)));
    CHECK(p.hasClientIp);
    CHECK(p.hasInflight == (std::string(f).find("5x") != std::string::npos));
    REQUIRE(p.rows.size() == 15);
    CHECK(p.rows[0].topic == "%RETRY%order-consumer");
    CHECK(p.rows[0].clientIp == "10.0.1.21");
    CHECK(p.rows[3].topic == "orders");
    CHECK(p.rows[3].brokerName == "broker-a");
    CHECK(p.rows[3].queueId == 0);
    CHECK(p.rows[3].brokerOffset == 209863);
    CHECK(p.rows[3].consumerOffset == 209842);
    CHECK(p.rows[14].brokerName == "broker-b");
    CHECK(p.rows[14].clientIp == "10.0.1.23");
  }
}

TEST_CASE("import/progress/without -s true there is no owner column; N/A is no owner") {
  const ConsumerProgress p = parseConsumerProgress(sourceFromString(
      "#Topic    #Broker Name    #QID  #Broker Offset  #Consumer Offset  #Diff  #LastTime\n"
      "orders    broker-a        0     10              8                 2      2026-12-02 13:12:03\n"
      "\nConsume TPS: 0.00\nDiff Total: 2\n",
      "p"));
  CHECK_FALSE(p.hasClientIp);
  REQUIRE(p.rows.size() == 1);
  CHECK(p.rows[0].clientIp.empty());
  const ConsumerProgress na = parseConsumerProgress(sourceFromString(
      "#Topic  #Broker Name  #QID  #Broker Offset  #Consumer Offset  #Client IP  #Diff  #LastTime\n"
      "orders  broker-a      0     10              8                 N/A         2      N/A\n",
      "p"));
  CHECK(na.hasClientIp);
  CHECK(na.rows[0].clientIp.empty());
}

TEST_CASE("import/progress/bad input: located errors") {
  Diagnostic qid = errorOf("#Topic  #Broker Name  #QID  #Broker Offset  #Consumer Offset  #Diff  #LastTime\n"
                           "orders  broker-a      x     10              8                 2      N/A\n");
  CHECK(qid.loc.line == 2);
  CHECK(qid.loc.column == 23);
  CHECK(qid.message == "#QID 'x' is not an integer");
  Diagnostic col = errorOf("#Topic  #Broker Name  #QID  #Client Ip  #LastTime\n");
  CHECK(col.loc.column == 29);
  CHECK(col.message == "unknown column '#Client Ip' (did you mean '#Client IP'?)");
  Diagnostic short_ = errorOf("#Topic  #Broker Name  #QID  #Broker Offset  #Consumer Offset  #Diff  #LastTime\norders  broker-a  0  10\n");
  CHECK(short_.message == "a queue row has 4 columns; the header names 7");
  CHECK(errorOf("#Group  #Count  #Version  #Type  #Model  #TPS  #Diff Total\n").message.find("all groups") != std::string::npos);
}
