"""Clocks the engine reads time from.

The engine never asks the operating system for the time itself: it is handed a clock, so a
test can hand it a fake one and move time on without waiting.

Two readings matter. `now()` is the boot clock: it counts time the machine spent asleep and is
never set by anyone, so running timers use it. `wall()` is the calendar clock: it can be set
back or forward (by hand, by NTP, by a dying RTC battery), so it is used only for history
stamps and to bridge a reboot, when the boot clock starts again from zero. `boot_id()` tells
the two cases apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
UNKNOWN_BOOT = "unknown-boot"


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes back and keeps counting while the machine sleeps."""

    def wall(self) -> float:
        """Seconds since the epoch, for history stamps and saved state."""

    def boot_id(self) -> str:
        """Names this boot of the machine: it changes when the machine restarts."""

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


def _read_boot_id() -> str:
    try:
        text = BOOT_ID_FILE.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return UNKNOWN_BOOT
    # Elsewhere than Linux there is no such file: a constant, and the boot clock reading
    # less than the saved one still gives a restart away.
    return text[:64] or UNKNOWN_BOOT


class RealClock:
    def __init__(self) -> None:
        self._now = _boottime()
        self._boot: str | None = None

    def now(self) -> float:
        return self._now()

    def wall(self) -> float:
        return time.time()

    def boot_id(self) -> str:
        if self._boot is None:
            self._boot = _read_boot_id()
        return self._boot

    def on_change(self, listener: Callable[[], None]) -> None:
        """Real time only passes; nobody needs telling."""

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


class FakeClock:
    """A clock that moves only when told to. Listeners hear of every move.

    `advance` is time passing (awake or asleep: both clocks move). `jump_wall` is someone
    setting the calendar clock. `reboot` is the machine restarting: a new boot id, the boot
    clock starting again, the calendar moving on by the time it was off. A reboot ends every
    process, so after one only restored state means anything.
    """

    def __init__(self, start: float = 1000.0, wall: float = 1_780_000_000.0) -> None:
        self._now = start
        self._wall_offset = wall - start
        self._boots = 1
        self._listeners: list[Callable[[], None]] = []

    def now(self) -> float:
        return self._now

    def wall(self) -> float:
        return self._now + self._wall_offset

    def boot_id(self) -> str:
        return f"fake-boot-{self._boots}"

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def sleep(self, seconds: float) -> None:
        self.advance(max(0.0, seconds))

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never goes back")
        self._now += seconds
        self._changed()

    def jump_wall(self, seconds: float) -> None:
        """The calendar clock is set `seconds` forward (or back, if negative)."""
        self._wall_offset += seconds
        self._changed()

    def reboot(self, downtime: float, uptime: float = 5.0) -> None:
        """The machine is off for `downtime` seconds and comes back `uptime` seconds into boot."""
        if downtime < 0:
            raise ValueError("a clock never goes back")
        wall = self.wall() + downtime + uptime
        self._boots += 1
        self._now = uptime
        self._wall_offset = wall - uptime
        self._changed()

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()
