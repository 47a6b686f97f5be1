#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60)
# from a seed corpus: the bundled scenarios, sample overrides, the golden allocation vectors and
# every saved regression input (tests/fuzz/regressions/<target>/, replayed first). A crash, leak,
# timeout or out-of-memory fails the script; the input is left in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
tools/install_deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRMQSIM_FUZZ=ON -DRMQSIM_TESTS=OFF >/dev/null
cmake --build build-fuzz --target fuzz_scenario fuzz_set fuzz_allocate_cases

corpus=build-fuzz/corpus
rm -rf "$corpus" && mkdir -p "$corpus"/{scenario,set,cases} build-fuzz/artifacts
cp scenarios/*.yaml tests/scenario/broken/*.yaml "$corpus/scenario/" 2>/dev/null || true
cp tests/fuzz/regressions/scenario/* "$corpus/scenario/" 2>/dev/null || true
i=0
for s in groups.0.clients=5 groups.0.strategy=CONSISTENT_HASH 'brokers.*.topics.orders.queues=16' \
         'groups.0.strategy={name: CONSISTENT_HASH, virtual_nodes: 3}' timing.heartbeat_interval=10s \
         duration=5m events.0.at=30s 'groups.0.subscribe=[orders]' seed=7 profile=rocketmq-4.9; do
  printf '%s' "$s" > "$corpus/set/seed$i"; i=$((i+1))
done
cp tests/fuzz/regressions/set/* "$corpus/set/" 2>/dev/null || true
head -n 300 tests/golden/allocation_vectors.jsonl | split -l 1 - "$corpus/cases/golden-"
cp tests/fuzz/regressions/cases/* "$corpus/cases/" 2>/dev/null || true

status=0
for t in scenario set cases; do
  bin=build-fuzz/tests/fuzz/fuzz_$t
  [ "$t" = cases ] && bin=build-fuzz/tests/fuzz/fuzz_allocate_cases
  echo "== fuzz $t for ${seconds}s =="
  if ! ASAN_OPTIONS=detect_leaks=1 "$bin" "$corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=8192 -artifact_prefix=build-fuzz/artifacts/"$t"- -print_final_stats=0 2>build-fuzz/fuzz-$t.log; then
    tail -n 40 build-fuzz/fuzz-$t.log
    echo "fuzz $t: FAILED (input saved under build-fuzz/artifacts/)"
    status=1
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" build-fuzz/fuzz-$t.log | tail -n 1 || true
  fi
done
exit $status
