#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/atomic_file.h"

namespace fs = std::filesystem;

TEST_CASE("util/atomic file/writes the content and leaves no temporary file") {
  const fs::path dir = fs::temp_directory_path() / "rmqsim_atomic_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "report.json").string();
  rmqsim::writeFileAtomically(path, "first");
  rmqsim::writeFileAtomically(path, "second");
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == "second");
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 1);
  fs::remove_all(dir);
}

TEST_CASE("util/atomic file/a missing directory is an error naming the path") {
  try {
    rmqsim::writeFileAtomically("/nonexistent-dir-rmqsim/x.json", "x");
    FAIL("expected an error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("/nonexistent-dir-rmqsim/x.json") != std::string::npos);
  }
}
