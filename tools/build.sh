#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds (Release) into build/, printing
# one progress line and any compiler warning or error (full log: build/build.log).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
tools/quiet_build.sh build
