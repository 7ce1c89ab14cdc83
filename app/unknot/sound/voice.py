"""Spoken guidance through the system's speech engine: espeak-ng, spd-say or macOS `say`.

Speaking never makes the caller wait: words go to one worker thread, which runs the engine as
a child process. Newer words cut off older ones (the step has moved on), and words that could
not start in time are dropped rather than said late — except important ones (a safety stop,
"take the pack off now"), which are never cut off or dropped. With no engine the voice is
silent and says so once.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from unknot.core.text import one_line
from unknot.core.words.speech import Speech

log = logging.getLogger("unknot.voice")
NO_ENGINE = (
    "Spoken guidance is on, but no speech engine was found, so the voice stays silent. "
    "Install espeak-ng (or speech-dispatcher); on macOS the built-in 'say' is used."
)


@dataclass(frozen=True)
class Engine:
    """A speech program and how to hand it words."""

    name: str  # espeak-ng, espeak, spd-say or say
    program: str  # the full path

    def command(self, text: str, important: bool = False) -> tuple[list[str], str | None]:
        """The command line, and what to write to its standard input (None: nothing).

        Words go through standard input where the engine reads it, so no text can ever be
        taken for an option.
        """
        if self.name == "spd-say":
            # Speech Dispatcher keeps its own queue: priority "text" lets newer words replace
            # older ones, "important" is never interrupted. -w waits until it has been said.
            priority = "important" if important else "text"
            return [self.program, "-w", "-P", priority, "--", text], None
        return [self.program], text

    def wav_command(self, text: str, path: Path) -> tuple[list[str], str | None] | None:
        """The command that writes the words to a WAV file instead, where the engine can."""
        if self.name in ("espeak-ng", "espeak"):
            return [self.program, "-w", str(path)], text
        return None


# The order engines are tried in. espeak-ng speaks at once and stops the moment it is told
# to; Speech Dispatcher fronts whichever synthesizer the desktop set up; macOS has `say`.
ENGINES = ("espeak-ng", "espeak", "spd-say", "say")


def find_engine(which: Callable[[str], str | None] = shutil.which) -> Engine | None:
    for name in ENGINES:
        program = which(name)
        if program:
            return Engine(name, program)
    return None


@dataclass
class _Queued:
    speech: Speech
    asked: float  # time.monotonic() when it was asked for


class Voice:
    """Says things, one at a time, on its own thread.

    `engine` is an Engine, None for no engine, or a function that finds one when first
    needed (looking on the PATH costs a little, and a muted voice never needs to).
    """

    def __init__(
        self,
        engine: Engine | Callable[[], Engine | None] | None = find_engine,
        muted: bool = False,
    ) -> None:
        self._find = engine if callable(engine) else None
        self._engine: Engine | None = None if callable(engine) else engine
        self._found = not callable(engine)
        self._muted = muted
        self._lock = threading.Condition()
        self._pending: list[_Queued] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._important = False  # is the process speaking now saying something important?
        self._busy = False
        self._closed = False
        self._noticed = False
        self._thread: threading.Thread | None = None
        self.said: list[str] = []  # words handed to the engine, for the log and tests
        self.dropped: list[str] = []  # words that came too late to say

    # -- the engine --

    @property
    def engine(self) -> Engine | None:
        with self._lock:
            if not self._found:
                assert self._find is not None
                self._engine = self._find()
                self._found = True
                log.info("voice: %s", self._engine.name if self._engine else "no speech engine")
            return self._engine

    @property
    def description(self) -> str:
        if self._muted:
            return "voice muted"
        engine = self.engine
        return f"voice through {engine.name}" if engine else "no speech engine"

    def notice(self) -> str | None:
        """Once, when there is no engine to speak with: the words to show the person."""
        if self._noticed or self.engine is not None:
            return None
        self._noticed = True
        return NO_ENGINE

    # -- muting --

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = value
        if value:
            self.stop()

    def toggle_mute(self) -> bool:
        self.muted = not self._muted
        return self._muted

    # -- speaking --

    def say(self, speech: Speech | str | None) -> None:
        """Say `speech` as soon as nothing important is being said; never waits."""
        if speech is None or self._muted or self._closed:
            return
        if isinstance(speech, str):
            speech = Speech(speech)
        text = one_line(speech.text)
        if not text or self.engine is None:
            return
        queued = _Queued(Speech(text, speech.important, speech.keep), time.monotonic())
        with self._lock:
            # Important words wait their turn, all of them; of the rest only the newest is
            # worth saying.
            stale = [q for q in self._pending if not q.speech.important]
            self.dropped += [q.speech.text for q in stale]
            self._pending = [q for q in self._pending if q.speech.important] + [queued]
            if not self._important:
                self._cut()
            self._start_worker()
            self._lock.notify_all()

    def stop(self) -> None:
        """Silence now: what is being said stops, and nothing waiting is said."""
        with self._lock:
            self.dropped += [q.speech.text for q in self._pending]
            self._pending = []
            self._cut(important_too=True)
            self._lock.notify_all()

    def _cut(self, important_too: bool = False) -> None:
        # Called with the lock held.
        if self._important and not important_too:
            return
        if self._process is not None and self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._process.terminate()

    def _start_worker(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="unknot-voice", daemon=True)
            self._thread.start()

    def _next(self) -> Speech | None:
        """The next words to say, or None once closed. Called with the lock held."""
        while True:
            while not self._pending and not self._closed:
                self._lock.wait()
            if not self._pending:
                return None
            important = [q for q in self._pending if q.speech.important]
            queued = important[0] if important else self._pending[-1]
            self._pending.remove(queued)
            speech = queued.speech
            if speech.important or time.monotonic() - queued.asked <= speech.keep:
                return speech
            self.dropped.append(speech.text)
            self._lock.notify_all()

    def _work(self) -> None:
        while True:
            with self._lock:
                speech = self._next()
                if speech is None:
                    return
                self._busy = True
            try:
                self._speak(speech)
            finally:
                with self._lock:
                    self._busy = False
                    self._important = False
                    self._process = None
                    self._lock.notify_all()

    def _speak(self, speech: Speech) -> None:
        engine = self.engine
        if engine is None:
            return
        argv, stdin = engine.command(speech.text, speech.important)
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # a missing sound card must not reach the screen
            )
        except OSError as exc:
            log.warning("voice: %s could not start: %s", engine.name, exc)
            return
        with self._lock:
            self._process = process
            self._important = speech.important
            self.said.append(speech.text)
            if self._pending and not speech.important:
                process.terminate()  # newer words came while this was starting
        if stdin is not None and process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.write(stdin.encode("utf-8") + b"\n")
                process.stdin.close()
        process.wait()

    def wait_idle(self, limit: float = 10.0) -> bool:
        """Wait until everything asked for has been said (or dropped); False on time-out."""
        deadline = time.monotonic() + limit
        with self._lock:
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def close(self, limit: float = 5.0) -> None:
        """Let the last words be heard (for at most `limit` seconds), then stop the worker."""
        self.wait_idle(limit)
        with self._lock:
            self._closed = True
            self._cut()
            self._lock.notify_all()
