#!/usr/bin/env bash
# Builds the Debian package build/rmq-rebalance-sim_VERSION_amd64.deb (tools/build.sh, then
# CPack's DEB generator) and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
log=build/package.log
if ! (cd build && cpack -G DEB) >"$log" 2>&1; then
  cat "$log" >&2
  echo "cpack failed; full log: $log" >&2
  exit 1
fi
sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log"
