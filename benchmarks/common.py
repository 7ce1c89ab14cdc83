"""Helpers shared by the benchmarks: medians, ratios and a table."""

from __future__ import annotations

import compileall
import itertools
import os
import resource
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import unknot

ROOT = Path(__file__).resolve().parent.parent

# Everything the benchmarks write goes here, and is removed when the run ends.
_SCRATCH = tempfile.TemporaryDirectory(prefix="unknot-bench-")
_names = itertools.count()


def scratch(prefix: str) -> Path:
    """A new, empty folder for one measurement, removed when the run ends."""
    folder = Path(_SCRATCH.name) / f"{prefix}-{next(_names)}"
    folder.mkdir()
    return folder


def precompile() -> None:
    """Compile unknot (and the baselines) to bytecode once, before measuring, as installing
    it with pip does: a source checkout run with PYTHONDONTWRITEBYTECODE set would otherwise
    compile every module from source at every start, which no installed copy does."""
    for folder in (Path(unknot.__file__).parent, ROOT / "benchmarks"):
        compileall.compile_dir(folder, quiet=1)


def user_env(**extra: str) -> dict[str, str]:
    """The environment of a person's own shell: a home of its own, so unknot finds its folders
    where a user's copy would (through platformdirs), and none of this one's UNKNOT_ or XDG_
    settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNKNOT_", "XDG_"))}
    env["HOME"] = str(scratch("home"))
    return env | extra


def cpu_ms(argv: list[str], env: dict[str, str]) -> float:
    """CPU time (user and system) the command and everything it started used, in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=ROOT
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


@dataclass
class Result:
    name: str
    ours: float
    baseline: float
    unit: str
    goal: float | None  # the ratio we aim to stay under
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> str:
        if self.goal is None:
            return "info"
        return "yes" if self.ratio <= self.goal else "NO"


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def interleaved(runs: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[float, float]:
    """Medians of a and b measured alternately, so drift in the machine hits both alike."""
    first, second = [], []
    for _ in range(runs):
        first.append(a())
        second.append(b())
    return statistics.median(first), statistics.median(second)


def table(results: list[Result]) -> str:
    rows = [("benchmark", "unknot", "baseline", "ratio", "goal", "met")]
    for r in results:
        goal = f"≤ {r.goal:g}×" if r.goal is not None else "—"
        rows.append(
            (
                r.name,
                f"{r.ours:.4g} {r.unit}",
                f"{r.baseline:.4g} {r.unit}",
                f"{r.ratio:.2f}×",
                goal,
                r.met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(lines + (["", *notes] if notes else []))
