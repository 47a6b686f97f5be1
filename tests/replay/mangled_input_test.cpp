// Damaged logs (bytes flipped, lines cut, shuffled) never crash the replay: it either reports
// or raises a located input error (the contract of tests/fuzz/fuzz_replay.cpp, run here on a
// fixed set of mutations of a real log so every ctest run checks it).
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <stdexcept>

#include "replay/replay.h"
#include "scenario/diagnostic.h"
#include "support/cli_harness.h"

using namespace rmqsim;

namespace {
void splice(std::string& text, std::size_t at, const std::string& piece) {
  std::string next;
  next.reserve(text.size() + piece.size());
  next.append(text, 0, at).append(piece).append(text, at, std::string::npos);
  text.swap(next);
}
}  // namespace

TEST_CASE("replay/mangled/300 mutations of a real client log: a report or an input error, nothing else") {
  const std::string c2 = test::readText(std::filesystem::path(RMQSIM_TESTS_DIR) / "replay/data/kill1/c2.log");
  const std::string c3 = test::readText(std::filesystem::path(RMQSIM_TESTS_DIR) / "replay/data/kill1/c3.log");
  REQUIRE(c2.size() > 1000);
  std::mt19937_64 rng(18);
  int reports = 0, errors = 0;
  for (int i = 0; i < 300; ++i) {
    std::string text = c2;
    const int edits = 1 + static_cast<int>(rng() % 40);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0: text[at] = static_cast<char>(rng() % 256); break;                      // flip a byte
        case 1: text.erase(at, std::min<std::size_t>(rng() % 200, text.size() - at)); break;  // cut
        case 2: splice(text, at, c3.substr(rng() % c3.size(), rng() % 300)); break;  // another client's lines
        default: splice(text, at, std::string(1, '\n')); break;                     // break a line
      }
      if (text.empty()) text.assign(1, 'x');
    }
    const auto path = test::scratchFile("mangled.log", text);
    try {
      const Replay r = replayClientLogs({path.string()}, std::nullopt);
      CHECK(r.input.stats.total == r.input.stats.used + r.input.stats.other + r.input.stats.continuation +
                                       r.input.stats.blank + r.input.stats.unusable);
      ++reports;
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find("mangled.log") != std::string::npos);
      ++errors;
    } catch (const ScenarioError& e) {
      CHECK_FALSE(e.diagnostics().empty());
      ++errors;
    }
  }
  CHECK(reports > 100);  // most damage leaves a usable log
}
