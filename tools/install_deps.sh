#!/usr/bin/env bash
# Installs what the build, tests and tools need from Debian's packages; idempotent, quiet when
# everything is already there. Run as root on a fresh Debian 12 machine.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
      libcli11-dev libyaml-cpp-dev libspdlog-dev libfmt-dev doctest-dev nlohmann-json3-dev
      libssl-dev zlib1g-dev libbenchmark-dev libjemalloc-dev python3
      help2man man-db zsh)  # the man page is made with help2man; man-db and zsh check it and the completion
# The HTML report's browser test (tools/html_test.sh): Chromium, and Node.js + npm for playwright-core.
if [ "${RMQSIM_WITH_CHROMIUM:-0}" = 1 ]; then
  pkgs+=(chromium)
  command -v node >/dev/null || pkgs+=(nodejs)
  command -v npm >/dev/null || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
