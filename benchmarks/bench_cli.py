"""The command line: the commands a shell runs often (its start-up file, Tab, a prompt)
against Python doing next to nothing. CPU time, medians, measured alternately."""

from __future__ import annotations

import sys
from functools import partial

from benchmarks.common import ROOT, Result, cpu_ms, interleaved, user_env

UNKNOT = [sys.executable, "-m", "unknot"]
PASS = [sys.executable, "-c", "pass"]
YAML = [sys.executable, "-c", "import yaml"]

# (name, command after `unknot`, baseline, goal as a ratio, note)
ROWS = [
    ("`unknot --version`", ["--version"], PASS, 3.0, "CPU time; baseline: `python -c pass`"),
    (
        "`unknot completion bash`",
        ["completion", "bash"],
        PASS,
        3.0,
        "what a shell start-up file runs",
    ),
    (
        "`unknot list`",
        ["list"],
        YAML,
        2.0,
        'CPU time; baseline: `python -c "import yaml"` (for validate and signs too)',
    ),
    ("`unknot validate` (bundled)", ["validate", str(ROOT / "routines")], YAML, 2.0, ""),
    ("`unknot signs`", ["signs"], YAML, 2.0, ""),
]


def run(quick: bool = False) -> list[Result]:
    runs = 5 if quick else 31
    env = user_env()
    results = []
    for name, args, baseline, goal, note in ROWS:
        ours = partial(cpu_ms, [*UNKNOT, *args], env)
        base = partial(cpu_ms, baseline, env)
        ours(), base()  # once each first: files in the page cache
        mine, theirs = interleaved(runs, ours, base)
        results.append(Result(name, mine, theirs, "ms", goal, note))
    return results
