#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds (Release) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install_deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
