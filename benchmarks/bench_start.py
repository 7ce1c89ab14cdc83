"""Launch to the library on screen, and the library's peak memory, against a bare Textual app."""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks.bench_cpu import ROOT, quiet_data_dir
from benchmarks.common import Result
from tests.terminal import Pane

UNKNOT = [sys.executable, "-m", "unknot"]
BARE = [sys.executable, "-m", "benchmarks.baseline_bare"]
READY = "unknot — routines"


def first_frame(command: list[str]) -> tuple[float, int]:
    """Seconds from launch until the library line is on screen, and peak RSS (KiB) after."""
    env = {"UNKNOT_DATA_DIR": quiet_data_dir(), "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with Pane(command, env) as pane:
        pane.wait_for(READY, poll=0.005)
        seconds = time.perf_counter() - started
        time.sleep(0.5)
        return seconds, pane.peak_rss_kib()


def run(quick: bool = False) -> list[Result]:
    runs = 2 if quick else 7
    ours, bare = [], []
    for _ in range(runs):
        ours.append(first_frame(UNKNOT))
        bare.append(first_frame(BARE))
    return [
        Result(
            "first frame: launch to the library",
            statistics.median(s for s, _ in ours) * 1000,
            statistics.median(s for s, _ in bare) * 1000,
            "ms",
            1.2,
            "in tmux; baseline: a bare Textual app with one line and a footer",
        ),
        Result(
            "memory: peak RSS of the library",
            statistics.median(m for _, m in ours) / 1024,
            statistics.median(m for _, m in bare) / 1024,
            "MiB",
            1.3,
        ),
    ]
