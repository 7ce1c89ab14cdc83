"""A folder of 10,000 routine files: `unknot run ID` until the routine starts, and the library
until its list is on the screen, against the same with a folder of one file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_cpu import ROOT, quiet_data_dir
from benchmarks.bench_load import make_files
from benchmarks.common import Result, interleaved, scratch, user_env
from tests.terminal import Pane

UNKNOT = [sys.executable, "-m", "unknot"]
RUN_GOAL_MS = 500.0
LIBRARY_GOAL_MS = 2000.0
LAST = "routine-9999"  # the last file by name, so a search would look at every other first


def run_to_start(folder: Path, env: dict[str, str]) -> float:
    """Seconds from launch until `run ID --plain` writes its first line (the routine has been
    found, read and planned by then)."""
    started = time.perf_counter()
    with subprocess.Popen(
        [*UNKNOT, "--routines", str(folder), "run", LAST, "--plain"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        seconds = time.perf_counter() - started
        process.kill()
    assert line, "the routine never started"
    return seconds


def library_listed(folder: Path) -> float:
    """Seconds from launch until the library shows the folder's files (by id or by name)."""
    env = {"UNKNOT_DATA_DIR": quiet_data_dir(), "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with Pane([*UNKNOT, "--routines", str(folder)], env) as pane:
        pane.settled(lambda lines: any("routine-0000" in x or "R0 " in x for x in lines), 120)
        return time.perf_counter() - started


def run(quick: bool = False) -> list[Result]:
    count = 10_000
    runs = 3 if quick else 7
    many, one = scratch("many"), scratch("one")
    make_files(many, count)
    (one / f"{LAST}.yaml").write_text((many / f"{LAST}.yaml").read_text())
    (one / "routine-0000.yaml").write_text((many / "routine-0000.yaml").read_text())
    env = user_env(UNKNOT_DATA_DIR=quiet_data_dir())
    run_many, run_one = interleaved(
        runs, lambda: run_to_start(many, env), lambda: run_to_start(one, env)
    )
    lib_many, lib_one = interleaved(
        max(runs // 2, 2), lambda: library_listed(many), lambda: library_listed(one)
    )
    # The goals are times, so the baseline column is the goal itself (as for timer lateness);
    # the same launch with a folder of two files, measured alternately, is in the note.
    return [
        Result(
            f"`unknot run ID` among {count:,} files",
            run_many * 1000,
            RUN_GOAL_MS,
            "ms",
            1.0,
            f"launch to the first line of --plain; {run_one * 1000:.0f} ms with a folder of two",
        ),
        Result(
            f"library listing {count:,} files",
            lib_many * 1000,
            LIBRARY_GOAL_MS,
            "ms",
            1.0,
            "launch until the files are on screen (by id; names fill in as they are read); "
            f"{lib_one * 1000:.0f} ms with a folder of two",
        ),
    ]
