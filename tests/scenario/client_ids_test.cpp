// clients.ids: a group's exact client ids (what `import` writes for a live group).
#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"

using namespace rmqsim;

namespace {

std::string withClients(const std::string& clients) {
  return "name: ids\nduration: 5m\nbrokers:\n  - name: broker-a\n    topics:\n      orders: {queues: 4}\ngroups:\n"
         "  - name: g\n    subscribe: [orders]\n    clients: " + clients + "\n";
}

Diagnostic errorOf(const std::string& text) {
  try {
    parseScenarioText(text, "ids.yaml");
  } catch (const ScenarioError& e) {
    return e.diagnostics().front();
  }
  FAIL("no error");
  return {};
}

}  // namespace

TEST_CASE("scenario/clients.ids gives the count, or the first ids of a larger count") {
  const Scenario listed = parseScenarioText(withClients("{ids: [\"10.0.1.2@7#1\", 10.0.1.1@DEFAULT, 10.0.1.1@DEFAULT]}"), "ids.yaml");
  CHECK(listed.groups[0].clients == 3);
  CHECK(listed.groups[0].client_id.ids == std::vector<std::string>{"10.0.1.2@7#1", "10.0.1.1@DEFAULT", "10.0.1.1@DEFAULT"});
  const Scenario more = parseScenarioText(withClients("{count: 4, ids: [a@1]}"), "ids.yaml");
  CHECK(more.groups[0].clients == 4);
  CHECK(more.groups[0].client_id.ids.size() == 1);
}

TEST_CASE("scenario/clients.ids: a count below the list names later-started clients; an empty id is a located error") {
  const Scenario fewer = parseScenarioText(withClients("{count: 1, ids: [a@1, b@1]}"), "ids.yaml");
  CHECK(fewer.groups[0].clients == 1);
  CHECK(fewer.groups[0].client_id.ids.size() == 2);
  const Diagnostic empty = errorOf(withClients("{ids: [a@1, \"\"]}"));
  CHECK(empty.loc.line == 10);
  CHECK(empty.loc.column == 26);
  CHECK(empty.message == "groups.0.clients.ids.1 must be a non-empty string, not ''");
  bool hinted = false;
  try {
    parseScenarioText(withClients("{idz: [a@1]}"), "ids.yaml");
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) hinted = hinted || d.hint == "ids";
  }
  CHECK(hinted);
}
