"""One wake-up call at a time, for screens that sleep until the next thing to show.

A plain event-loop call is far lighter than a Textual Timer (a task and a message each time),
which matters for a refresh that happens once a second for twenty minutes.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable


def next_second(shown: float, speed: float = 1.0) -> float:
    """Real seconds until a countdown showing `shown` (at `speed`) changes its whole second."""
    scaled = shown * speed
    frac = scaled - math.floor(scaled)
    return (frac if frac > 1e-6 else 1.0) / speed


class Wake:
    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        self._handle: asyncio.TimerHandle | None = None

    def after(self, delay: float | None) -> None:
        """Call back once, `delay` seconds from now, instead of any earlier request (None:
        nothing is due, so sleep until someone asks)."""
        self.cancel()
        if delay is None:
            return
        self._handle = asyncio.get_running_loop().call_later(max(delay, 0.001), self._fire)

    def _fire(self) -> None:
        self._handle = None
        self.callback()

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
