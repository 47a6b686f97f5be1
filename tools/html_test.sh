#!/usr/bin/env bash
# Interactive test of the HTML report in headless Chromium (tools/html-test/check.js, driven by
# playwright-core pinned in tools/html-test/package-lock.json): for a few scenarios it renders the
# --html page with the run's --csv timelines, hovers, zooms, pans, clicks a client and the events,
# and checks what the page shows against ownership.csv; then it measures the 10,000-queue /
# 1,000-client page (scenarios/large_fleet.yaml). Screenshots go to OUT_DIR (build artifacts).
# Usage: tools/html_test.sh [OUT_DIR]; BUILD_DIR=dir to use another build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
out=${1:-$build/html-test}
RMQSIM_WITH_CHROMIUM=1 tools/install_deps.sh
if [ ! -d tools/html-test/node_modules/playwright-core ]; then
  (cd tools/html-test && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [ ! -x "$build/src/rmq-rebalance-sim" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target rmq-rebalance-sim
fi
mkdir -p "$out"
status=0
for scenario in scenarios/scale_out.yaml scenarios/crash_failover.yaml scenarios/rolling_restart.yaml \
                scenarios/mixed_subscriptions.yaml scenarios/large_fleet.yaml; do
  name=$(basename "$scenario" .yaml)
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  "$build/src/rmq-rebalance-sim" run "$scenario" --quiet --html "$out/$name/report.html" --csv "$out/$name/csv" >/dev/null
  echo "== $scenario"
  timeout 240 node tools/html-test/check.js "$out/$name/report.html" "$out/$name/csv" "$out/$name" || status=1
done
[ "$status" = 0 ] && echo "html_test: all pages passed; screenshots in $out/*/" || echo "html_test: FAILED"
exit "$status"
