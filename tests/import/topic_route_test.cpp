// topicRoute output: fastjson JSON of 4.9.8 and 5.3.3, the -l table, and located errors.
#include <doctest/doctest.h>

#include "import/import_fixture.h"
#include "import/topic_route.h"

using namespace rmqsim;
using rmqsim::test::firstError;
using rmqsim::test::importData;

namespace {

Diagnostic errorOf(const std::string& text) {
  return firstError([&] { parseTopicRoute(sourceFromString(text, "route.json")); });
}

void checkFixtureRoute(const TopicRoute& r) {
  REQUIRE(r.queueDatas.size() == 3);
  CHECK(r.queueDatas[0].brokerName == "broker-a");
  CHECK(r.queueDatas[0].cluster == "DefaultCluster");
  CHECK(r.queueDatas[1].readQueueNums == 4);
  CHECK(r.queueDatas[1].writeQueueNums == 8);
  CHECK(r.queueDatas[2].perm == 2);
}

}  // namespace

TEST_CASE("import/route/fastjson output of 5.3.3 and 4.9.8, bare Long keys of brokerAddrs included") {
  for (const char* f : {"orders.route-5x.json", "orders.route-4.9.json"}) {
    CAPTURE(f);
    const TopicRoute r = parseTopicRoute(readSourceText(importData(f)));
    CHECK(r.format == "json");
    checkFixtureRoute(r);
    CHECK(r.queueDatas[1].line == (std::string(f).find("5x") != std::string::npos ? 34 : 31));  // broker-b's '{'

  }
}

TEST_CASE("import/route/the -l table, whose addresses hold spaces") {
  const TopicRoute r = parseTopicRoute(readSourceText(importData("orders.route-list.txt")));
  CHECK(r.format == "list");
  checkFixtureRoute(r);
}

TEST_CASE("import/route/log lines before the JSON are skipped; one-line JSON works") {
  const TopicRoute r = parseTopicRoute(sourceFromString(
      "RocketMQLog:WARN No appenders could be found for logger (io.netty.util.internal.PlatformDependent0).\n"
      "RocketMQLog:WARN Please initialize the logger system properly.\n"
      "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"10.0.0.1:10911\"},\"brokerName\":\"b\",\"cluster\":\"C\"}],"
      "\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":6,\"readQueueNums\":2,\"topicSynFlag\":0,\"writeQueueNums\":2}]}\n",
      "r"));
  REQUIRE(r.queueDatas.size() == 1);
  CHECK(r.queueDatas[0].readQueueNums == 2);
  CHECK(r.queueDatas[0].cluster == "C");
}

TEST_CASE("import/route/bad and partial input: located errors") {
  // Cut off mid-way: the parser's own position, mapped back past the quoted bare keys.
  Diagnostic cut = errorOf("{\n\t\"brokerDatas\":[{\"brokerAddrs\":{0:\"a:1\",1:\"b:1\"},\"brokerName\":\"b\"}],\n\t\"queueDatas\":[\n\t\t{\n\t\t\t\"brokerName\":\"b\",\n");
  CHECK(cut.loc.file == "route.json");
  CHECK(cut.loc.line >= 5);
  CHECK(cut.message.find("not valid JSON") == 0);

  Diagnostic perm = errorOf("{\"queueDatas\":[{\"brokerName\":\"b\",\"perm\":9,\"readQueueNums\":2,\"writeQueueNums\":2}]}");
  CHECK(perm.loc.line == 1);
  CHECK(perm.loc.column == 41);
  CHECK(perm.message == "\"perm\" must be an integer from 0 to 7");

  Diagnostic missing = errorOf("{\n  \"queueDatas\":[\n    {\"brokerName\":\"b\",\"perm\":6,\"writeQueueNums\":2}]}");
  CHECK(missing.loc.line == 3);
  CHECK(missing.loc.column == 5);
  CHECK(missing.message == "missing \"readQueueNums\"");

  CHECK(errorOf("{\"brokerDatas\":[]}").message == "the route has no \"queueDatas\"");
  Diagnostic staticTopic = errorOf("{\"queueDatas\":[],\"topicQueueMappingByBroker\":{\"b\":{\"bname\":\"b\",\"currIdMap\":{0:0}}}}");
  CHECK(staticTopic.loc.column == 46);
  CHECK(staticTopic.message.find("a static topic") == 0);
  CHECK(errorOf("").message == "the file is empty");
  CHECK(errorOf("org.apache.rocketmq.tools.command.SubCommandException: TopicRouteSubCommand command failed\n"
                "Caused by: org.apache.rocketmq.client.exception.MQClientException: CODE: 17  DESC: No topic route info in name server for the topic: ordrs\n")
            .message.find("no route for the topic") != std::string::npos);
  CHECK(errorOf("hello\n").allowed.find("#ClusterName") != std::string::npos);
  Diagnostic table = errorOf("#ClusterName  #BrokerName  #BrokerAddrs  #ReadQueue  #WriteQueue  #Perm\nDefaultCluster b {0=x:1} 8 eight 6\n");
  CHECK(table.loc.line == 2);
  CHECK(table.loc.column == 28);
  CHECK(table.message == "#WriteQueue 'eight' is not an integer from 0 to 65536");
  CHECK(errorOf("#ClusterName  #BrokerName  #BrokerAddrs  #ReadQueue  #WriteQueue  #Perm\nDefaultCluster b {0=x:1} 8 8 6\n")
            .message.find("cut-off") != std::string::npos);
}
