// consumerConnection output: the 4.9.4+/5.x table and the 4.9.3- numbered layout, located errors.
#include <doctest/doctest.h>

#include "import/import_fixture.h"
#include "import/consumer_connection.h"

using namespace rmqsim;
using rmqsim::test::firstError;
using rmqsim::test::importData;

namespace {

Diagnostic errorOf(const std::string& text) {
  return firstError([&] { parseConsumerConnection(sourceFromString(text, "conn.txt")); });
}

const char* kTable =
    "#ClientId                            #ClientAddr            #Language  #Version\n"
    "10.0.1.21@12877#2061467834612345     10.0.1.21:53412        JAVA       V4_9_8\n"
    "\n"
    "Below is subscription:\n"
    "#Topic               #SubExpression\n"
    "orders               *\n"
    "\n"
    "ConsumeType: CONSUME_PASSIVELY\n"
    "MessageModel: CLUSTERING\n"
    "ConsumeFromWhere: CONSUME_FROM_LAST_OFFSET\n";

}  // namespace

TEST_CASE("import/connection/both layouts give the same connections and subscriptions") {
  for (const char* f : {"order-consumer.connection-5x.txt", "order-consumer.connection-legacy.txt"}) {
    CAPTURE(f);
    const ConsumerConnection cc = parseConsumerConnection(readSourceText(importData(f)));
    CHECK(cc.layout == (std::string(f).find("legacy") != std::string::npos ? "numbered" : "table"));
    REQUIRE(cc.connections.size() == 3);
    CHECK(cc.connections[0].clientId == "10.0.1.23@11250#2061468012378901");
    CHECK(cc.connections[1].clientAddr == "10.0.1.21:53412");
    CHECK(cc.connections[2].language == "JAVA");
    REQUIRE(cc.subscriptions.size() == 2);
    CHECK(cc.subscriptions[0].topic == "orders");
    CHECK(cc.subscriptions[0].expression == "TagA || TagB");
    CHECK(cc.subscriptions[1].topic == "%RETRY%order-consumer");
    CHECK(cc.subscriptions[1].expression == "*");
    CHECK(cc.consumeType == "CONSUME_PASSIVELY");
    CHECK(cc.messageModel == "CLUSTERING");
    CHECK(cc.consumeFromWhere == "CONSUME_FROM_LAST_OFFSET");
  }
  const ConsumerConnection table = parseConsumerConnection(sourceFromString(kTable, "c"));
  CHECK(table.connections[0].version == "V4_9_8");
  CHECK(table.connections[0].line == 2);
}

TEST_CASE("import/connection/bad and partial input: located errors") {
  std::string text = kTable;
  Diagnostic model = errorOf(text.replace(text.find("CLUSTERING"), 10, "CLUSTERNG"));
  CHECK(model.loc.line == 9);
  CHECK(model.loc.column == 15);
  CHECK(model.message == "unknown MessageModel 'CLUSTERNG' (did you mean 'CLUSTERING'?)");
  CHECK(model.allowed == "CLUSTERING, BROADCASTING");

  std::string cut(kTable);
  cut.resize(cut.find("MessageModel"));
  CHECK(errorOf(cut).message == "the output ends without its MessageModel line (a cut-off copy?)");

  std::string noSubs(kTable);
  noSubs.resize(noSubs.find("Below"));
  CHECK(errorOf(noSubs).message.find("Below is subscription:") != std::string::npos);

  Diagnostic columns = errorOf(std::string("#ClientId  #ClientAddr  #Language  #Version\n10.0.1.21@1 10.0.1.21:5 JAVA\n"));
  CHECK(columns.loc.line == 2);
  CHECK(columns.message == "a connection row has 3 columns, not 4");
  CHECK(errorOf("#ClientId  #ClientAddr  #Language  #Version\nnot-an-id 10.0.1.21:5 JAVA V5_3_3\n").loc.column == 1);
  CHECK(errorOf("org.apache.rocketmq.tools.command.SubCommandException: ConsumerConnectionSubCommand command failed\n"
                "Caused by: org.apache.rocketmq.client.exception.MQBrokerException: CODE: 206  DESC: the consumer group[g] not online\n")
            .message.find("no client of it was online") != std::string::npos);
  CHECK(errorOf("").message == "the file is empty");
}
