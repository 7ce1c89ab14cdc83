"""`unknot status`, which a tmux status bar or a shell prompt runs again and again, against a
bare interpreter start (`python -c pass`): CPU time, with a cold/heat timer and a reminder
saved where a user's copy keeps them."""

from __future__ import annotations

import sys
from functools import partial

from benchmarks.common import Result, cpu_ms, interleaved, scratch, user_env
from unknot.core.clock import RealClock
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.store.timers import TimerStore


def run(quick: bool = False) -> Result:
    xdg_data = scratch("xdg-data")
    env = user_env(XDG_DATA_HOME=str(xdg_data))
    clock = RealClock()
    store = TimerStore(xdg_data / "unknot")  # where platformdirs puts it on Linux
    therapy = Therapy(TherapySpec("ice"), clock)
    therapy.start()
    store.save_therapy(therapy)
    book = ReminderBook()
    book.add_every(45 * 60, clock.wall())
    store.save_reminders(book)
    ours = partial(cpu_ms, [sys.executable, "-m", "unknot", "status"], env)
    bare = partial(cpu_ms, [sys.executable, "-c", "pass"], env)
    ours(), bare()  # once each first: files in the page cache
    status, python = interleaved(5 if quick else 31, ours, bare)
    return Result(
        "status line: `unknot status`",
        status,
        python,
        "ms",
        5.0,
        "CPU time; baseline: `python -c pass`; the goal is 50 ms on a machine where Python starts in 10",
    )
