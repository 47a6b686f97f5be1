// For tests that drive the real rmq-rebalance-sim binary: run it through the shell from the
// source tree (so scenarios/... paths work), capture its output, and keep scratch files in one
// directory per test process (parallel ctest runs do not collide).
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace rmqsim::test {

struct CliRun {
  int code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr, only with captureStderr (otherwise it goes where `args` sends it)
};

/// A path in this process's scratch directory.
inline std::filesystem::path scratchPath(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("rmqsim_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void writeText(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

/// Writes `text` to a scratch file and returns its path.
inline std::filesystem::path scratchFile(const std::string& name, const std::string& text) {
  const auto p = scratchPath(name);
  writeText(p, text);
  return p;
}

/// Runs `rmq-rebalance-sim ARGS` (a shell fragment: quote paths, redirections allowed).
inline CliRun runCli(const std::string& args, bool captureStderr = false) {
  const std::filesystem::path errFile = scratchPath("stderr.txt");
  std::string cmd = std::string("cd '") + RMQSIM_SOURCE_DIR + "' && '" + RMQSIM_BINARY + "' " + args;
  if (captureStderr) cmd += " 2>'" + errFile.string() + "'";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (captureStderr) r.err = readText(errFile);
  return r;
}

}  // namespace rmqsim::test
