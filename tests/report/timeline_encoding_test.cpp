#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "engine/random.h"
#include "report/timeline_encoding.h"

using namespace rmqsim;

TEST_CASE("report/timeline_encoding/varints round-trip at the byte boundaries and the extremes") {
  const std::vector<std::uint64_t> us = {0, 1, 127, 128, 16383, 16384, (1ull << 32) - 1, std::numeric_limits<std::uint64_t>::max()};
  const std::vector<std::int64_t> ss = {0, 1, -1, 63, -64, 64, -65, std::numeric_limits<std::int64_t>::max(),
                                        std::numeric_limits<std::int64_t>::min()};
  ByteLog log;
  for (std::uint64_t u : us) log.putU(u);
  for (std::int64_t s : ss) log.putS(s);
  ByteLog::Reader r(log);
  for (std::uint64_t u : us) CHECK(r.getU() == u);
  for (std::int64_t s : ss) CHECK(r.getS() == s);
  CHECK(r.done());
}

TEST_CASE("report/timeline_encoding/small values take one byte; zigzag keeps small negatives small") {
  ByteLog log;
  log.putU(127);
  CHECK(log.bytes() == 1);
  log.putU(128);
  CHECK(log.bytes() == 3);
  log.putS(-64);
  CHECK(log.bytes() == 4);
  log.putS(64);
  CHECK(log.bytes() == 6);
}

TEST_CASE("report/timeline_encoding/chunks double up to 64 KiB; reads cross them; copies are deep") {
  ByteLog log;
  CHECK(log.capacityBytes() == 0);
  log.putU(5);
  CHECK(log.capacityBytes() == ByteLog::kFirstChunk);
  Random rng(11);
  std::vector<std::int64_t> values;
  for (int i = 0; i < 200000; ++i) {
    const auto v = static_cast<std::int64_t>(rng.nextBounded(1u << 30)) - (1 << 29);
    values.push_back(v);
    log.putS(v);
  }
  // 256 + 512 + ... + 32 KiB, then 64 KiB chunks: never more than one chunk of slack.
  CHECK(log.capacityBytes() >= log.bytes());
  CHECK(log.capacityBytes() - log.bytes() < ByteLog::kChunk);
  const ByteLog copy = log;
  log.putU(7);  // the copy does not see it
  ByteLog::Reader r(copy);
  CHECK(r.getU() == 5);
  std::vector<std::int64_t> back;
  while (back.size() < values.size()) back.push_back(r.getS());
  CHECK(back == values);
  CHECK(r.done());
}

TEST_CASE("report/timeline_encoding/the string table stores each string once") {
  StringTable t;
  CHECK(t.intern("notify") == 0);
  CHECK(t.intern("rebalance") == 1);
  CHECK(t.intern("notify") == 0);
  CHECK(t.size() == 2);
  CHECK(t.at(1) == "rebalance");
}
