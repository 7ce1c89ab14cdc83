"""CPU used while timers run, against a minimal Textual app with a once-a-second countdown."""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

from benchmarks.common import Result, scratch
from tests.terminal import Pane

BASELINE = [sys.executable, "-m", "benchmarks.baseline_digits"]
ROOT = Path(__file__).resolve().parent.parent


def quiet_data_dir() -> str:
    """A data folder where the first-run notice and today's check are already done."""
    folder = scratch("data")
    today = dt.date.today().isoformat()
    Path(folder, "checks.json").write_text(json.dumps({"notice_seen": True, "daily_check": today}))
    return str(folder)


def cpu_share(
    command: list[str], ready: str, window: float, settle: float = 2.0, keys: tuple[str, ...] = ()
) -> float:
    """Share of one core used by `command` over `window` seconds, once `ready` shows (and
    `keys` are pressed)."""
    env = {"UNKNOT_DATA_DIR": quiet_data_dir(), "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    with Pane(command, env) as pane:
        pane.wait_for(ready)
        if keys:
            pane.send(*keys)
        time.sleep(settle)
        before = pane.cpu_seconds()
        time.sleep(window)
        return (pane.cpu_seconds() - before) / window


def run(quick: bool = False, what: str = "ice") -> Result:
    window = 3.0 if quick else 30.0
    runs = 1 if quick else 3
    settle = 0.5 if quick else 2.0
    hold = str(ROOT / "benchmarks" / "routines" / "long-hold.yaml")
    command, ready, keys = {
        "ice": ([sys.executable, "-m", "unknot", "ice"], "COLD PACK ON", ()),
        "routine": ([sys.executable, "-m", "unknot", "run", hold], "how is your pain", ("Escape",)),
    }[what]
    ours, base = [], []
    for _ in range(runs):
        ours.append(cpu_share(command, ready, window, settle, keys))
        base.append(cpu_share(BASELINE, "^p", window, settle))
    return Result(
        f"CPU, {'20-minute ice timer' if what == 'ice' else 'a routine step'} "
        f"({window:g} s windows)",
        statistics.median(ours) * 100,
        statistics.median(base) * 100,
        "% core",
        1.0,
        "baseline: a minimal Textual app updating a Digits countdown once a second",
    )
