"""Lines out and lines in, for the plain face: each line stamped and flushed when it happens,
answers read from stdin without hidden buffering."""

from __future__ import annotations

import os
import select
import sys
from typing import TextIO

from unknot.core.clock import Clock
from unknot.core.durations import format_stamp
from unknot.core.safety.signs import Advice, Stop
from unknot.core.text import one_line, terminal_safe

CHUNK = 65536


class LineIO:
    """Stamped lines out, lines in; remembers when input has ended."""

    def __init__(self, clock: Clock, out: TextIO | None = None, inp: TextIO | None = None) -> None:
        self.clock = clock
        self.out = out or sys.stdout
        # sys.stdin is None when the program starts with its input closed (`<&-`)
        self.inp: TextIO | None = inp if inp is not None else sys.stdin
        self.eof = self.inp is None
        self.pending: list[str] = []  # lines typed ahead of the question they answer
        self._buffer = bytearray()
        self._searched = 0  # bytes of the buffer already known to hold no newline

    @property
    def interactive(self) -> bool:
        """Input from a person at a terminal, not a script or a pipe."""
        try:
            return self.inp is not None and self.inp.isatty()
        except (OSError, ValueError):
            return False

    def say(self, text: str, at: float) -> None:
        # One event, one line, and nothing in it a terminal would act on.
        self.out.write(f"{format_stamp(at)} {terminal_safe(text, newlines=False)}\n")
        self.out.flush()

    def signal(self, sequence: str) -> None:
        """Bell and notification sequences go only to a terminal, never into a log."""
        if sequence and self.out.isatty():
            self.out.write(sequence)
            self.out.flush()

    def read_line(self, deadline: float | None = None) -> str | None:
        """A line from stdin if one comes before `deadline` (on `self.clock.now()`'s scale);
        None at the deadline or at the end of input. Linear in the length of the line: each
        byte is searched for the newline once. Lines kept (`pending`) are not read again here:
        they wait for their question."""
        if self.inp is None:
            return None
        try:
            fd = self.inp.fileno()
        except (OSError, ValueError, AttributeError):
            return self._read_unselectable()
        end = self._buffer.find(b"\n", self._searched)
        while end < 0 and not self.eof:
            timeout = None if deadline is None else max(0.0, deadline - self.clock.now())
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                self._searched = len(self._buffer)
                return None
            # Read the descriptor itself: a buffered reader would hide typed lines from select.
            chunk = os.read(fd, CHUNK)
            if not chunk:
                self.eof = True
                break
            start = len(self._buffer)
            self._buffer += chunk
            end = self._buffer.find(b"\n", start)
        if end >= 0:
            line = bytes(self._buffer[:end])
            del self._buffer[: end + 1]
        elif self._buffer:
            line = bytes(self._buffer)
            self._buffer.clear()
        else:
            return None
        self._searched = 0
        return line.decode("utf-8", "replace").strip()

    def _read_unselectable(self) -> str | None:
        """Input with no descriptor (a StringIO in tests): every line is there already."""
        if self.eof or self.inp is None:
            return None
        line = self.inp.readline()
        if line == "":
            self.eof = True
            return None
        return line.strip()

    def keep(self, line: str) -> None:
        """Keep a line typed early for the next question."""
        self.pending.append(line)

    def wait_until(self, deadline: float | None) -> None:
        if deadline is not None:
            self.clock.sleep(deadline - self.clock.now())


def stop_lines(stop: Stop, words: Advice) -> list[str]:
    return [
        f"SAFETY STOP {words.symbol} {words.name} {words.symbol}",
        *(f"  {line}" for line in words.actions),
        f"  You reported: {one_line(stop.reason)}",
    ]
