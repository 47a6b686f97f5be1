// import end to end in-process: the fixtures → a scenario that validates, names its sources and
// whose strategy gives the live owners; inconsistent input gets located errors.
#include <doctest/doctest.h>

#include "import/import_fixture.h"
#include "import/importer.h"
#include "scenario/scenario_parser.h"

using namespace rmqsim;
using rmqsim::test::firstError;
using rmqsim::test::importData;

namespace {

ImportSources fixture(const std::string& route, const std::string& connection, const std::string& progress) {
  ImportSources s;
  s.routes.emplace_back("", readSourceText(importData(route)));
  s.connection = readSourceText(importData(connection));
  if (!progress.empty()) s.progress = readSourceText(importData(progress));
  return s;
}

Diagnostic errorOf(const ImportSources& s, const ImportOptions& o = {}) {
  return firstError([&] { importCluster(s, o); });
}

const TopicSpec* topicOn(const Scenario& sc, const std::string& broker, const std::string& topic) {
  for (const auto& b : sc.brokers)
    if (b.name == broker)
      for (const auto& t : b.topics)
        if (t.name == topic) return &t;
  return nullptr;
}

}  // namespace

TEST_CASE("import/5.x outputs: the live cluster and group, AVG found from the live owners") {
  const ImportResult r = importCluster(fixture("orders.route-5x.json", "order-consumer.connection-5x.txt", "order-consumer.progress-5x.txt"), {});
  CHECK(r.strategy == "AVG");
  CHECK(r.warnings.empty());
  CHECK(r.yaml.find("#   topicRoute -t orders: " + importData("orders.route-5x.json") + " (json)") != std::string::npos);
  CHECK(r.yaml.find("#   consumerProgress -g order-consumer -s true: " + importData("order-consumer.progress-5x.txt")) != std::string::npos);
  CHECK(r.yaml.find("strategy: AVG  # gives the live owner of all 15 queues in order-consumer.progress-5x.txt") != std::string::npos);
  const Scenario sc = parseScenarioText(r.yaml, "imported.yaml");
  CHECK(sc.profile.name == "rocketmq-5");
  REQUIRE(sc.brokers.size() == 3);
  REQUIRE(topicOn(sc, "broker-b", "orders"));
  CHECK(topicOn(sc, "broker-b", "orders")->read_queues == 4);
  CHECK(topicOn(sc, "broker-b", "orders")->write_queues == 8);
  CHECK(topicOn(sc, "broker-c", "orders")->perm == 2);
  REQUIRE(sc.groups.size() == 1);
  const GroupSpec& g = sc.groups[0];
  CHECK(g.name == "order-consumer");
  CHECK(g.subscribe == std::vector<std::string>{"orders"});
  CHECK(g.clients == 3);
  CHECK(g.client_id.ids == std::vector<std::string>{"10.0.1.23@11250#2061468012378901", "10.0.1.21@12877#2061467834612345",
                                                    "10.0.1.22@13002#2061467923145678"});
  CHECK(g.model == MessageModel::CLUSTERING);
  CHECK(g.consume_from == ConsumeFromWhere::CONSUME_FROM_LAST_OFFSET);
  CHECK(g.retry_queues == 1);
}

TEST_CASE("import/4.9 outputs: the numbered connection layout, the 4.9 profile, the same cluster") {
  const ImportResult r = importCluster(fixture("orders.route-4.9.json", "order-consumer.connection-legacy.txt", "order-consumer.progress-4.9.txt"), {});
  CHECK(r.strategy == "AVG");
  CHECK(r.warnings.empty());
  const Scenario sc = parseScenarioText(r.yaml, "imported.yaml");
  CHECK(sc.profile.name == "rocketmq-4.9");
  CHECK(sc.groups[0].client_id.ids.size() == 3);
  const std::string list = importCluster(fixture("orders.route-list.txt", "order-consumer.connection-5x.txt", ""), {}).yaml;
  const std::string json = importCluster(fixture("orders.route-5x.json", "order-consumer.connection-5x.txt", ""), {}).yaml;
  CHECK(list.substr(list.find("brokers:")) == json.substr(json.find("brokers:")));
}

TEST_CASE("import/the strategy: inferred from the live owners, or checked against them") {
  const auto circle = fixture("orders.route-5x.json", "order-consumer.connection-5x.txt", "order-consumer.progress-circle.txt");
  const ImportResult inferred = importCluster(circle, {});
  CHECK(inferred.strategy == "AVG_BY_CIRCLE");
  CHECK(inferred.warnings.empty());
  ImportOptions avg;
  avg.strategy = "AVG";
  const ImportResult forced = importCluster(circle, avg);
  CHECK(forced.strategy == "AVG");
  REQUIRE(forced.warnings.size() == 1);
  CHECK(forced.warnings[0].find("is not what AVG gives these clients: AVG (6 of 15 differ)") != std::string::npos);
  CHECK(forced.warnings[0].find("orders broker-a:1 (line 6): live 10.0.1.22, strategy 10.0.1.21") != std::string::npos);
  const ImportResult none = importCluster(fixture("orders.route-5x.json", "order-consumer.connection-5x.txt", ""), {});
  CHECK(none.strategy == "AVG");
  CHECK(none.yaml.find("strategy: AVG  # the default: mqadmin does not show the strategy") != std::string::npos);
}

TEST_CASE("import/inconsistent input: located errors") {
  auto s = fixture("orders.route-5x.json", "order-consumer.connection-5x.txt", "");
  ImportOptions other;
  other.group = "billing";
  Diagnostic group = errorOf(s, other);
  CHECK(group.loc.line == 9);
  CHECK(group.message.find("they are group 'order-consumer', not --group billing") != std::string::npos);

  s.routes[0].first = "payments";
  Diagnostic topic = errorOf(s);
  CHECK(topic.loc.file.find("--route payments=") == 0);
  CHECK(topic.allowed == "a subscribed topic: orders");

  s.routes.clear();
  Diagnostic missing = errorOf(s);
  CHECK(missing.loc.line == 8);
  CHECK(missing.message == "no --route for subscribed topic 'orders'");

  ImportSources pop;
  pop.routes.emplace_back("orders", readSourceText(importData("orders.route-5x.json")));
  std::string text = readSourceText(importData("order-consumer.connection-5x.txt")).text;
  text.replace(text.find("CONSUME_PASSIVELY"), 17, "CONSUME_POP");
  pop.connection = sourceFromString(text, "pop.txt");
  Diagnostic popError = errorOf(pop);
  CHECK(popError.loc.line == 11);
  CHECK(popError.message.find("a POP group") == 0);
}

TEST_CASE("import/several topics: TOPIC=FILE, the file name's stem, or the one topic left") {
  const std::string conn =
      "#ClientId                            #ClientAddr            #Language  #Version\n"
      "10.0.2.1@DEFAULT                     10.0.2.1:50000         JAVA       V5_3_3\n"
      "\nBelow is subscription:\n#Topic               #SubExpression\n"
      "orders               *\npayments             *\nrefunds              *\n%RETRY%billing       *\n"
      "\nConsumeType: CONSUME_PASSIVELY\nMessageModel: CLUSTERING\nConsumeFromWhere: CONSUME_FROM_FIRST_OFFSET\n";
  auto route = [](int queues) {
    return "{\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":" + std::to_string(queues) +
           ",\"topicSysFlag\":0,\"writeQueueNums\":" + std::to_string(queues) + "}]}";
  };
  ImportSources s;
  s.connection = sourceFromString(conn, "conn.txt");
  s.routes.emplace_back("", sourceFromString(route(2), "routes/refunds.json"));   // the stem
  s.routes.emplace_back("orders", sourceFromString(route(4), "a.json"));        // named
  s.routes.emplace_back("", sourceFromString(route(6), "b.json"));              // the one left: payments
  const Scenario sc = parseScenarioText(importCluster(s, {}).yaml, "imported.yaml");
  CHECK(sc.groups[0].name == "billing");
  CHECK(sc.groups[0].subscribe == std::vector<std::string>{"orders", "payments", "refunds"});
  CHECK(sc.groups[0].consume_from == ConsumeFromWhere::CONSUME_FROM_FIRST_OFFSET);
  CHECK(topicOn(sc, "broker-a", "orders")->read_queues == 4);
  CHECK(topicOn(sc, "broker-a", "payments")->read_queues == 6);
  CHECK(topicOn(sc, "broker-a", "refunds")->read_queues == 2);

  s.routes.pop_back();
  s.routes.emplace_back("", sourceFromString(route(6), "b.json"));
  s.routes.emplace_back("", sourceFromString(route(6), "c.json"));
  const Diagnostic unsure = errorOf(s);
  CHECK(unsure.loc.file == "--route b.json");
  CHECK(unsure.allowed == "--route TOPIC=FILE with one of: orders, payments, refunds");
}

TEST_CASE("import/broadcasting: no %RETRY% subscription, so --group names the group") {
  std::string text = readSourceText(importData("order-consumer.connection-5x.txt")).text;
  text.replace(text.find("CLUSTERING"), 10, "BROADCASTING");
  text.erase(text.find("%RETRY%"), text.find('\n', text.find("%RETRY%")) - text.find("%RETRY%") + 1);
  ImportSources s;
  s.routes.emplace_back("", readSourceText(importData("orders.route-5x.json")));
  s.connection = sourceFromString(text, "conn.txt");
  CHECK(errorOf(s).allowed == "--group NAME");
  ImportOptions named;
  named.group = "order-consumer";
  const Scenario sc = parseScenarioText(importCluster(s, named).yaml, "imported.yaml");
  CHECK(sc.groups[0].model == MessageModel::BROADCASTING);
  CHECK(sc.groups[0].name == "order-consumer");
}

TEST_CASE("import/profile: 5.0.x-5.1.x clients get rocketmq-5.0, later 5.x rocketmq-5") {
  // RebalanceService's adaptive wait and the forced orderly removal arrived in 5.2.0.
  auto profileFor = [](const std::string& version) {
    const std::string conn =
        "#ClientId                            #ClientAddr            #Language  #Version\n"
        "10.0.2.1@DEFAULT                     10.0.2.1:50000         JAVA       " + version + "\n"
        "\nBelow is subscription:\n#Topic               #SubExpression\norders               *\n%RETRY%billing       *\n"
        "\nConsumeType: CONSUME_PASSIVELY\nMessageModel: CLUSTERING\nConsumeFromWhere: CONSUME_FROM_FIRST_OFFSET\n";
    ImportSources s;
    s.connection = sourceFromString(conn, "conn.txt");
    s.routes.emplace_back("orders", sourceFromString(
        "{\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}]}",
        "a.json"));
    return parseScenarioText(importCluster(s, {}).yaml, "imported.yaml").profile.name;
  };
  CHECK(profileFor("V5_1_4") == "rocketmq-5.0");
  CHECK(profileFor("V5_0_0") == "rocketmq-5.0");
  CHECK(profileFor("V5_2_0") == "rocketmq-5");
  CHECK(profileFor("V4_9_8") == "rocketmq-4.9");
}
