#!/usr/bin/env bash
# tools/quiet_build.sh against a stand-in `cmake` printing what ninja prints: a log (non-TTY)
# gets one progress line, the compiler's warnings and errors, not the step lines nor the failed
# command line; the full log is kept and named; RMQSIM_WERROR=1 turns a warning into failure.
#   quiet_build_test.sh TOOLS_DIR
set -uo pipefail
tools=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
fake() {  # fake cmake: 8 steps, optionally a warning and a failed step
  mkdir -p "$work/bin" "$work/b"
  {
    echo '#!/usr/bin/env bash'
    echo 'echo "[0/8] Re-checking globbed directories..."'
    echo 'for i in 1 2 3 4 5 6 7 8; do echo "[$i/8] Building CXX object src/x$i.cpp.o"; done'
    [ "$1" = warn ] && echo 'echo "../src/x3.cpp:3:4: warning: unused variable [-Wunused-variable]"'
    if [ "$1" = fail ]; then
      echo 'echo "FAILED: src/x9.cpp.o"; echo "/usr/bin/c++ -O3 -c ../src/x9.cpp"'
      echo 'echo "../src/x9.cpp:1:1: error: boom"; echo "ninja: build stopped: subcommand failed."; exit 1'
    fi
  } >"$work/bin/cmake"
  chmod +x "$work/bin/cmake"
}
run() { PATH=$work/bin:$PATH "$tools/quiet_build.sh" "$work/b" 2>&1; }

fake clean
out=$(run) || fail "a clean build failed"
[ "$out" = "building $work/b: 25% 50% 75% 100%" ] || fail "clean build printed: $out"
grep -q 'x8.cpp.o' "$work/b/build.log" || fail "the log lacks the step lines"

fake warn
out=$(run) || fail "a build with a warning failed without RMQSIM_WERROR"
grep -q 'warning: unused variable' <<<"$out" || fail "the warning was not shown"
[ "$(grep -c 'Building' <<<"$out")" = 0 ] || fail "step lines were shown"
RMQSIM_WERROR=1 run >/dev/null && fail "RMQSIM_WERROR=1 let a warning pass"

fake fail
out=$(run) && fail "a failed build exited 0"
grep -q 'error: boom' <<<"$out" || fail "the error was not shown"
grep -q '/usr/bin/c++' <<<"$out" && fail "the failed command line was shown"
grep -q "full log: $work/b/build.log" <<<"$out" || fail "the log was not named"

[ $fails = 0 ] && echo "quiet build: one progress line, diagnostics only, log named on failure"
exit $((fails > 0))
