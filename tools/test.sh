#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, build, unit + end-to-end tests (Release),
# the Debian package installed into a clean root, the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer, lint, bounded fuzzing. A compiler warning fails either build.
set -euo pipefail
cd "$(dirname "$0")/.."
RMQSIM_WERROR=1 tools/build.sh
ctest --test-dir build --output-on-failure -j2

echo "== Debian package =="
tools/package_test.sh

echo "== AddressSanitizer + UndefinedBehaviorSanitizer =="
# -O1 -g1: sanitizers need little optimisation, and the build is most of CI's time.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DRMQSIM_SANITIZE=ON \
  -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
tools/quiet_build.sh build-asan
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build-asan --output-on-failure -j2

echo "== lint =="
tools/lint.sh
echo "== fuzzing (bounded) =="
tools/fuzz 30
echo "== HTML report in headless Chromium (hover, zoom, pan, client highlight, event jump) =="
tools/html_test.sh build/html-test
