#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, build, unit + end-to-end tests (Release),
# the same suite under AddressSanitizer + UndefinedBehaviorSanitizer, lint, bounded fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
ctest --test-dir build --output-on-failure -j2

echo "== AddressSanitizer + UndefinedBehaviorSanitizer =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRMQSIM_SANITIZE=ON >/dev/null
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build-asan --output-on-failure -j2

echo "== lint =="
tools/lint.sh
if [ -x tools/fuzz.sh ]; then
  echo "== fuzzing (bounded) =="
  tools/fuzz.sh 30
fi
