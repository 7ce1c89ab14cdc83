"""How late --plain event lines arrive against their schedule, over a routine at real speed."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_cpu import ROOT, quiet_data_dir
from benchmarks.common import Result, scratch

STAMP = re.compile(r"^(\d\d):(\d\d)\.(\d) (.*)$")


def routine(seconds: int) -> Path:
    """Holds, rests and breathing with events every second or so, `seconds` long in all."""
    holds = max(1, (seconds - 5) // 10)
    text = (
        "version: 1\nname: Timing\nsteps:\n"
        f"  - stretch: Hold\n    hold: 7s\n    reps: {holds}\n    rest: 3s\n"
    )
    path = scratch("timing") / "timing.yaml"
    path.write_text(text)
    return path


def lateness(seconds: int) -> list[float]:
    """Milliseconds late for every event line (stamps are tenths, so only beat lines, which
    fall on whole seconds of the schedule, are compared)."""
    env = {**os.environ, "UNKNOT_DATA_DIR": quiet_data_dir(), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "unknot", "run", str(routine(seconds)), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")  # no pain rating
    proc.stdin.flush()
    start = None
    late = []
    for line in proc.stdout:
        now = time.perf_counter()
        match = STAMP.match(line)
        if not match:
            continue
        if " start " in line:
            start = now
            continue
        if start is None or "done:" in line or "pain now" in line:
            if "done:" in line:
                proc.stdin.close()
            continue
        stamp = int(match.group(1)) * 60 + int(match.group(2)) + int(match.group(3)) / 10
        late.append(((now - start) - stamp) * 1000)
    proc.wait(timeout=30)
    return late


def run(quick: bool = False) -> Result:
    seconds = 10 if quick else 60
    late = sorted(lateness(seconds))
    p95 = late[int(0.95 * (len(late) - 1))]
    first_half = statistics.median(late[: len(late) // 2])
    drift = statistics.median(late[len(late) // 2 :]) - first_half
    return Result(
        f"timer lateness p95 ({seconds} s routine, {len(late)} lines)",
        p95,
        20.0,
        "ms",
        1.0,
        f"worst {max(late):.1f} ms (goal ≤ 50), drift between halves {drift:+.1f} ms; the "
        "baseline column is the goal itself",
    )
