"""Lines out and lines in, for the plain face: each line stamped and flushed when it happens,
answers read from stdin without hidden buffering."""

from __future__ import annotations

import os
import select
import sys
from typing import TextIO

from unknot.core.clock import Clock
from unknot.core.durations import format_stamp
from unknot.core.safety import Advice, Stop
from unknot.core.text import one_line, terminal_safe


class LineIO:
    """Stamped lines out, lines in; remembers when input has ended."""

    def __init__(self, clock: Clock, out: TextIO | None = None, inp: TextIO | None = None) -> None:
        self.clock = clock
        self.out = out or sys.stdout
        self.inp = inp if inp is not None else sys.stdin
        self.eof = False
        self.pending: list[str] = []  # lines typed ahead of the question they answer
        self._buffer = b""

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
        None at the deadline or at the end of input."""
        if self.pending:
            return self.pending.pop(0)
        try:
            fd = self.inp.fileno()
        except (OSError, ValueError, AttributeError):
            return self._read_unselectable()
        while b"\n" not in self._buffer:
            if self.eof:
                break
            timeout = None if deadline is None else max(0.0, deadline - self.clock.now())
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            # Read the descriptor itself: a buffered reader would hide typed lines from select.
            chunk = os.read(fd, 4096)
            if not chunk:
                self.eof = True
            self._buffer += chunk
        if b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
        elif self._buffer:
            line, self._buffer = self._buffer, b""
        else:
            return None
        return line.decode("utf-8", "replace").strip()

    def _read_unselectable(self) -> str | None:
        """Input with no descriptor (a StringIO in tests): every line is there already."""
        if self.eof:
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
