"""Clocks the engine reads time from.

The engine never asks the operating system for the time itself: it is handed a clock, so a
test can hand it a fake one and move time on without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes back and keeps counting while the machine sleeps."""

    def wall(self) -> float:
        """Seconds since the epoch, for saved deadlines and history."""

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` whenever time jumps other than by simply passing (fake clocks)."""

    def sleep(self, seconds: float) -> None:
        """Let `seconds` pass (a fake clock just moves on)."""


def _boottime() -> Callable[[], float]:
    # time.monotonic() stops while a Linux machine is suspended; an ice pack does not.
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is not None:
        try:
            time.clock_gettime(clock_id)
        except OSError:
            pass
        else:
            return lambda: time.clock_gettime(clock_id)
    return time.monotonic


class RealClock:
    def __init__(self) -> None:
        self._now = _boottime()

    def now(self) -> float:
        return self._now()

    def wall(self) -> float:
        return time.time()

    def on_change(self, listener: Callable[[], None]) -> None:
        """Real time only passes; nobody needs telling."""

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A clock that moves only when told to. Listeners hear of every move."""

    def __init__(self, start: float = 1000.0, wall: float = 1_780_000_000.0) -> None:
        self._now = start
        self._wall_offset = wall - start
        self._listeners: list[Callable[[], None]] = []

    def now(self) -> float:
        return self._now

    def wall(self) -> float:
        return self._now + self._wall_offset

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def sleep(self, seconds: float) -> None:
        self.advance(max(0.0, seconds))

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never goes back")
        self._now += seconds
        for listener in list(self._listeners):
            listener()
