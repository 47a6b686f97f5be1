// Fuzzes the mqadmin output parsers and the importer: any bytes as a topicRoute, consumerConnection
// or consumerProgress output either parse or raise a ScenarioError with located diagnostics;
// anything else (crash, other exception, a scenario that does not validate) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "import/consumer_connection.h"
#include "import/consumer_progress.h"
#include "import/importer.h"
#include "import/topic_route.h"

namespace {

template <class Call>
void expectCleanEnd(Call&& call) {
  try {
    call();
  } catch (const rmqsim::ScenarioError& e) {
    if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
    (void)rmqsim::renderDiagnostics(e.diagnostics(), false);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rmqsim;
  const SourceText src = sourceFromString(std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt");
  expectCleanEnd([&] { (void)parseTopicRoute(src); });
  expectCleanEnd([&] { (void)parseConsumerConnection(src); });
  expectCleanEnd([&] { (void)parseConsumerProgress(src); });
  // The same text as every input of one import: whatever parses must give a valid scenario.
  ImportSources sources;
  sources.routes.emplace_back("", src);
  sources.connection = src;
  sources.progress = src;
  expectCleanEnd([&] { (void)importCluster(sources, ImportOptions{}); });
  return 0;
}
