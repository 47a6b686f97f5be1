#!/usr/bin/env bash
# cmake --build DIR [ARGS...], showing one progress line and the compiler's warnings and errors
# only; the whole log goes to DIR/build.log, named when the build fails. On a terminal the
# line updates in place; elsewhere (CI) it grows by a percentage every quarter.
# RMQSIM_WERROR=1: fail when the compiler printed any warning.
set -uo pipefail
dir=$1; shift
log=$dir/build.log
tty=0; [ -t 2 ] && tty=1

show_progress() {  # reads ninja's output
  local line open=0 shown=0 skip=0 done total pct
  end_line() { if [ $open = 1 ]; then printf '\n' >&2; open=0; fi; }
  while IFS= read -r line; do
    if [[ $line =~ ^\[([0-9]+)/([0-9]+)\]\  ]]; then   # "[12/156] Building CXX object ..."
      done=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]} pct=$((100 * done / total))
      # ninja's own steps before the build ("[0/2] Re-checking globbed directories", "[1/2]
      # Re-running CMake"): the build proper counts its steps anew after them
      [[ $done = 0 || $line == *"Re-running CMake"* ]] && continue
      if [ $tty = 1 ]; then
        printf '\r\033[Kbuilding %s: %d/%d' "$dir" "$done" "$total" >&2; open=1
      else
        if [ $open = 0 ]; then printf 'building %s:' "$dir" >&2; open=1; fi
        while [ $((shown + 25)) -le $pct ]; do shown=$((shown + 25)); printf ' %d%%' $shown >&2; done
      fi
    elif [[ $line == "ninja: no work to do." || $line == "-- "* ]]; then
      :                                                  # and CMake's own status when it re-runs
    elif [[ $line == FAILED:* ]]; then
      end_line; printf '%s\n' "$line" >&2; skip=1   # the failed command line that follows: log only
    elif [ $skip = 1 ]; then
      skip=0
    else
      end_line; printf '%s\n' "$line" >&2           # compiler output: warnings, errors, notes
    fi
  done
  end_line
}

cmake --build "$dir" "$@" 2>&1 | tee "$log" | show_progress
status=${PIPESTATUS[0]}
if [ "$status" != 0 ]; then
  echo "build failed; full log: $log" >&2
  exit "$status"
fi
if [ "${RMQSIM_WERROR:-0}" = 1 ] && grep -q 'warning:' "$log"; then
  echo "build printed compiler warnings (RMQSIM_WERROR=1); full log: $log" >&2
  exit 1
fi
