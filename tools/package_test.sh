#!/usr/bin/env bash
# Builds the Debian package (tools/package.sh), checks its metadata, unpacks it into a clean
# temporary root and runs what it installed: the binary on the installed scenarios, the man
# page, both completions, the README. Uses nothing from the build tree but the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(tools/package.sh)
[ -f "$deb" ] || { echo "package test: tools/package.sh made no .deb" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fails=0
fail() { echo "package test: FAIL: $*" >&2; fails=$((fails + 1)); }

version=$(sed -n 's/^project(rmq-rebalance-sim VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$(basename "$deb")" = "rmq-rebalance-sim_${version}_amd64.deb" ] || fail "file name $(basename "$deb")"
info=$(dpkg-deb -I "$deb")
for field in "Package: rmq-rebalance-sim" "Version: $version" "Architecture: amd64"; do
  grep -qx " $field" <<<"$info" || fail "control lacks '$field'"
done
depends=$(sed -n 's/^ Depends: //p' <<<"$info")
for lib in libc6 libstdc++6 libyaml-cpp0.7 libssl3; do   # found by dpkg-shlibdeps, not listed by hand
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

dpkg -x "$deb" "$root"
bin=$root/usr/bin/rmq-rebalance-sim share=$root/usr/share
[ "$("$bin" --version)" = "$version" ] || fail "installed binary's --version"
"$bin" check "$share/rmq-rebalance-sim/scenarios/*.yaml" --quiet >"$root/check.txt" ||
  fail "check on the installed scenarios: $(tail -n 5 "$root/check.txt")"
[ "$(ls "$share"/rmq-rebalance-sim/scenarios/*.yaml | wc -l)" = "$(ls scenarios/*.yaml | wc -l)" ] ||
  fail "not every bundled scenario is installed"
[ -s "$share/rmq-rebalance-sim/scenarios/README.md" ] || fail "scenario key reference missing"
[ -s "$share/doc/rmq-rebalance-sim/README.md" ] || fail "README missing"
LC_ALL=C MANWIDTH=100 man -l "$share/man/man1/rmq-rebalance-sim.1.gz" 2>&1 | grep -q "^COMMANDS" ||
  fail "man page has no COMMANDS section"
# shellcheck source=/dev/null
COMP_WORDS=(rmq-rebalance-sim ru) COMP_CWORD=1 && source "$share/bash-completion/completions/rmq-rebalance-sim" &&
  _rmq_rebalance_sim && [ "${COMPREPLY[*]}" = run ] || fail "bash completion of 'ru'"
zsh -n "$share/zsh/vendor-completions/_rmq-rebalance-sim" || fail "zsh completion does not parse"

[ $fails = 0 ] || exit 1
echo "package test: $(basename "$deb") ($(dpkg-deb -c "$deb" | grep -vc '/$') files) installs and runs; Depends: $depends"
