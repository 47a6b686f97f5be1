#!/usr/bin/env bash
# The generated man page and completions (cmake/cli_docs.cmake) against the binary's --help:
# every subcommand and every option of each appears in the man page and the zsh completion,
# and the bash completion really offers them. The option lists here are read from --help
# independently of tools/cli_docs.py, so a parser that misses an entry fails.
#   cli_docs_test.sh BINARY CLI_DOCS_DIR
set -uo pipefail
bin=$1 docs=$2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# shellcheck source=/dev/null
source "$docs/rmq-rebalance-sim.bash"
complete_words() {  # the words bash offers for the command line "$@" (last word: being typed)
  COMP_WORDS=(rmq-rebalance-sim "$@") COMP_CWORD=$#
  COMPREPLY=()
  _rmq_rebalance_sim
  printf '%s\n' "${COMPREPLY[@]}"
}
export LC_ALL=C MANWIDTH=200  # ASCII output: "\-" renders as "-"
man_text=$(man -l "$docs/rmq-rebalance-sim.1" 2>/dev/null)
man_warnings=$(man --warnings -l "$docs/rmq-rebalance-sim.1" 2>&1 >/dev/null)
[ -z "$man_warnings" ] || fail "groff warns about the man page: $man_warnings"
zsh -n "$docs/_rmq-rebalance-sim" || fail "the zsh completion does not parse"

subcommands=$("$bin" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[ -n "$subcommands" ] || fail "no subcommands in --help"
offered=$(complete_words "")
for sub in $subcommands; do
  grep -qx -- "$sub" <<<"$offered" || fail "bash does not offer subcommand $sub"
  grep -q "^ *'$sub:" "$docs/_rmq-rebalance-sim" || fail "zsh does not describe subcommand $sub"
  grep -qF "rmq-rebalance-sim $sub [OPTIONS]" <<<"$man_text" || fail "the man page has no usage line for $sub"
  options=$("$bin" "$sub" --help | awk '/^Options:/ {on = 1; next} /^[A-Z]/ {on = 0}
            on && /^  -/ {split($1, names, ","); for (i in names) print names[i]}')
  [ -n "$options" ] || fail "$sub --help lists no options"
  offered_opts=$(complete_words "$sub" -)
  zsh_block=$(sed -n "/^        $sub) _arguments/,/;;\$/p" "$docs/_rmq-rebalance-sim")
  for opt in $options; do
    grep -qx -- "$opt" <<<"$offered_opts" || fail "bash does not offer $sub $opt"
    grep -qF -- "$opt" <<<"$zsh_block" || fail "zsh does not know $sub $opt"
    grep -qF -- "$opt" <<<"$man_text" || fail "the man page does not mention $sub $opt"
  done
done

# Values: choices for an option with a fixed set, nothing for a number, files for a scenario.
[ "$(complete_words run --format "" | sort | tr '\n' ' ')" = "csv json text " ] || fail "run --format values"
[ -z "$(complete_words run --seed "")" ] || fail "run --seed should offer nothing"
[ "$(complete_words check --format = j)" = json ] || fail "check --format=j should complete json"  # bash splits at =
here=$(mktemp -d) && touch "$here/a.yaml" && cd "$here" || exit 1
[ "$(complete_words run "")" = a.yaml ] || fail "run should complete a scenario file"
! grep -qx a.yaml <<<"$(complete_words allocate "")" || fail "allocate takes no positional file"
cd / && rm -rf "$here"

[ $fails = 0 ] && echo "cli docs: every subcommand and option of --help documented and completed"
exit $((fails > 0))
