"""`unknot status`, which a tmux status bar or a shell prompt runs again and again, against a
bare interpreter start (`python -c pass`): CPU time, with a cold/heat timer and a reminder
saved."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

from benchmarks.common import Result, interleaved, scratch
from unknot.core.clock import RealClock
from unknot.core.reminders import ReminderBook
from unknot.core.therapy import Therapy, TherapySpec
from unknot.store.timers import TimerStore


def cpu_ms(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


def run(quick: bool = False) -> Result:
    data = scratch("status")
    clock = RealClock()
    store = TimerStore(data)
    therapy = Therapy(TherapySpec("ice"), clock)
    therapy.start()
    store.save_therapy(therapy)
    book = ReminderBook()
    book.add_every(45 * 60, clock.wall())
    store.save_reminders(book)
    # Compiled modules kept between runs, as an installed copy keeps them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"UNKNOT_DATA_DIR": str(data), "PYTHONPYCACHEPREFIX": str(scratch("pyc"))}
    ours = [sys.executable, "-m", "unknot", "status"]
    bare = [sys.executable, "-c", "pass"]
    cpu_ms(ours, env)
    status, python = interleaved(
        5 if quick else 31, lambda: cpu_ms(ours, env), lambda: cpu_ms(bare, env)
    )
    return Result(
        "status line: `unknot status`",
        status,
        python,
        "ms",
        5.0,
        "CPU time; baseline: `python -c pass`; the goal is 50 ms on a machine where Python starts in 10",
    )
