#!/usr/bin/env python3
"""Derives the shell completions and the man page's COMMANDS section from the built binary's
--help, so none of them can drift from the options the program really takes.

    tools/cli_docs.py BINARY OUTDIR

writes OUTDIR/rmq-rebalance-sim.bash, OUTDIR/_rmq-rebalance-sim (zsh) and
OUTDIR/commands.h2m (a help2man include). Reads CLI11's help layout: sections "Positionals:",
"Options:", "Subcommands:", one entry a line with names and type in the first 30 columns.
"""
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROG = "rmq-rebalance-sim"
DESC_COLUMN = 30  # CLI11's default column width: the description starts here


@dataclass
class Entry:
    names: list          # ["-o", "--output"], or ["scenario"] for a positional
    type: str            # "TEXT:{text,json}=text", "" for a flag
    desc: str

    @property
    def takes_value(self):
        return self.type != ""

    @property
    def choices(self):
        m = re.search(r"\{([^}]*)\}", self.type)
        return m.group(1).split(",") if m else []

    @property
    def repeatable(self):
        return " ..." in self.type

    @property
    def value_kind(self):
        """'choices', 'dir', 'file' (by what the description says it names) or 'value'."""
        if self.choices:
            return "choices"
        if re.match(r"(U?INT|FLOAT)\b", self.type):
            return "value"
        if re.search(r"\bDIR\b", self.desc):
            return "dir"
        return "file" if re.search(r"\b(file|files|report)\b", self.desc, re.I) else "value"


@dataclass
class Command:
    name: str
    summary: str
    usage: str = ""
    positionals: list = field(default_factory=list)
    options: list = field(default_factory=list)
    subcommands: list = field(default_factory=list)  # [(name, summary)]


def split_entry(line):
    """'  --seed UINT      Override ...' -> ('--seed UINT', 'Override ...')."""
    if len(line) > DESC_COLUMN and line[DESC_COLUMN - 1] == " ":
        return line[2:DESC_COLUMN].strip(), line[DESC_COLUMN:].strip()
    return line.strip(), ""


def parse_help(text, name, summary):
    cmd = Command(name, summary)
    section, last = None, None
    for line in text.splitlines():
        if line.startswith("Usage:"):
            cmd.usage = line[len("Usage:"):].strip()
        elif re.fullmatch(r"[A-Z][A-Za-z]*:", line):
            section, last = line[:-1], None
        elif line.startswith(" " * DESC_COLUMN) and last is not None:
            last.desc = (last.desc + " " + line.strip()).strip()  # description on its own line(s)
        elif line.startswith("  ") and section:
            head, desc = split_entry(line)
            first, _, rest = head.partition(" ")
            if section == "Subcommands":
                cmd.subcommands.append((first, desc))
                continue
            last = Entry(first.split(","), rest.strip(), desc)
            (cmd.options if section == "Options" else cmd.positionals).append(last)
    return cmd


def run_help(binary, *sub):
    out = subprocess.run([binary, *sub, "--help"], check=True, capture_output=True, text=True)
    return out.stdout


def load(binary):
    top = parse_help(run_help(binary), PROG, "")
    subs = [parse_help(run_help(binary, n), n, s) for n, s in top.subcommands]
    if not subs:
        sys.exit(f"cli_docs: no subcommands found in `{binary} --help`")
    return top, subs


# ---- bash ---------------------------------------------------------------------------------

def bash_case_values(cmd):
    """case arms for the word after an option that takes a value."""
    arms = []
    for o in cmd.options:
        if not o.takes_value:
            continue
        pattern = "|".join(o.names)
        action = {"choices": f'COMPREPLY=($(compgen -W "{" ".join(o.choices)}" -- "$cur"))',
                  "dir": 'COMPREPLY=($(compgen -d -- "$cur"))',
                  "file": 'COMPREPLY=($(compgen -f -- "$cur"))',
                  "value": "COMPREPLY=()"}[o.value_kind]
        arms.append(f"        {pattern}) {action}; return ;;")
    return arms


def bash(top, subs):
    names = " ".join(s.name for s in subs)
    lines = [
        f"# bash completion for {PROG}; generated from its --help by tools/cli_docs.py.",
        "_rmq_rebalance_sim() {",
        '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} sub="" i',
        '  # --opt=value: bash splits at "=", so the option is one word further back',
        '  if [[ $cur == "=" ]]; then cur=""; elif [[ $prev == "=" ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi',
        "  for ((i = 1; i < COMP_CWORD; i++)); do",
        f"    case ${{COMP_WORDS[i]}} in {'|'.join(s.name for s in subs)}) sub=${{COMP_WORDS[i]}}; break ;; esac",
        "  done",
        "  local opts files=0",
        '  case "$sub" in',
        f'    "") opts="{" ".join(n for o in top.options for n in o.names)}"',
        '      if [[ $cur != -* ]]; then COMPREPLY=($(compgen -W "' + names + '" -- "$cur")); return; fi ;;',
    ]
    for s in subs:
        lines.append(f"    {s.name})")
        lines.append('      case "$prev" in')
        lines += bash_case_values(s)
        lines.append("      esac")
        lines.append(f'      opts="{" ".join(n for o in s.options for n in o.names)}"; files={1 if s.positionals else 0} ;;')
    lines += [
        "  esac",
        '  if [[ $cur == -* || $files == 0 ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
        '  else COMPREPLY=($(compgen -f -- "$cur")); fi',
        "}",
        f"complete -o filenames -F _rmq_rebalance_sim {PROG}",
        "",
    ]
    return "\n".join(lines)


# ---- zsh ----------------------------------------------------------------------------------

def zq(text, special=r"[\[\]\\]"):
    """For a zsh single-quoted word, with the characters special to _arguments escaped."""
    if special:
        text = re.sub(f"({special})", r"\\\1", text)
    return text.replace("'", "'\\''")


def zsh_option(o):
    desc = zq(o.desc)
    value = ""
    if o.takes_value:
        value = {"choices": ":value:(" + " ".join(o.choices) + ")", "dir": ":directory:_files -/",
                 "file": ":file:_files", "value": ":value: "}[o.value_kind]
    star = "*" if o.repeatable else ""
    if len(o.names) == 1:
        return f"'{star}{o.names[0]}[{desc}]{value}'"
    excl = "" if star else "(" + " ".join(o.names) + ")"
    return f"'{star}{excl}'{{{','.join(o.names)}}}'[{desc}]{value}'"


def zsh_positional(i, p):
    if p.repeatable:
        return f"'*:{zq(p.names[0], ':')}:_files'"
    return f"'{i + 1}:{zq(p.names[0], ':')}:_files'"


def zsh(top, subs):
    lines = [
        f"#compdef {PROG}",
        f"# zsh completion for {PROG}; generated from its --help by tools/cli_docs.py.",
        "_rmq-rebalance-sim() {",
        "  local curcontext=$curcontext state line",
        "  typeset -A opt_args",
        "  _arguments -C \\",
    ]
    lines += [f"    {zsh_option(o)} \\" for o in top.options]
    lines += [
        "    '1: :->command' '*:: :->args'",
        "  case $state in",
        "    command)",
        "      local -a commands",
        "      commands=(",
    ]
    lines += [f"        '{zq(s.name, ':')}:{zq(s.summary, '')}'" for s in subs]
    lines += [
        "      )",
        "      _describe -t commands command commands ;;",
        "    args)",
        "      case $line[1] in",
    ]
    for s in subs:
        specs = [zsh_option(o) for o in s.options] + [zsh_positional(i, p) for i, p in enumerate(s.positionals)]
        lines.append(f"        {s.name}) _arguments \\")
        lines += [f"            {spec} \\" for spec in specs[:-1]]
        lines.append(f"            {specs[-1]} ;;")
    lines += ["      esac ;;", "  esac", "}", '_rmq-rebalance-sim "$@"', ""]
    return "\n".join(lines)


# ---- man page (help2man include) ----------------------------------------------------------

def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text)


def man_commands(subs):
    out = ["[COMMANDS]"]
    for s in subs:
        out += [f".SS {s.name}", f"\\fB{roff(s.usage)}\\fR", ".br", roff(s.summary)]
        for e in s.positionals + s.options:
            names = ", ".join(f"\\fB{roff(n)}\\fR" for n in e.names)
            kind = f" \\fI{roff(e.type)}\\fR" if e.type else ""
            out += [".TP", names + kind, roff(e.desc)]
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, outdir = sys.argv[1], Path(sys.argv[2])
    top, subs = load(binary)
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / f"{PROG}.bash").write_text(bash(top, subs))
    (outdir / f"_{PROG}").write_text(zsh(top, subs))
    (outdir / "commands.h2m").write_text(man_commands(subs))


if __name__ == "__main__":
    main()
