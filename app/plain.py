"""The --plain runner: the same engine, one flushed line per event, prompts read from stdin.

For screen readers, logs and scripts. At the end of input every prompt is answered with its
default (printed), so a scripted run always finishes.
"""

from __future__ import annotations

import select
import sys
import time
from typing import TextIO

from app.core.durations import format_duration, format_stamp
from app.core.plan import Kind
from app.core.session import Event, Outcome, Session
from app.core.text import clean, one_line

KEYS_HELP = "Type a key then Enter: Enter continues, n next, b back, p pause/resume, r restart step, q quit."


class PlainRunner:
    def __init__(self, session: Session, out: TextIO | None = None,
                 inp: TextIO | None = None) -> None:  # fmt: skip
        self.session = session
        self.out = out or sys.stdout
        self.inp = inp if inp is not None else sys.stdin
        self.eof = False
        self._prompted = -1
        session.subscribe(self._on_event)

    def say(self, text: str, at: float | None = None) -> None:
        stamp = format_stamp(self.session.elapsed() if at is None else at)
        self.out.write(f"{stamp} {text}\n")
        self.out.flush()

    def _on_event(self, event: Event) -> None:
        plan = self.session.plan
        seg = event.segment
        if event.name == "started":
            routine = plan.routine
            self.say(f"start {one_line(routine.name)}: {len(routine.steps)} steps, "
                     f"{format_duration(plan.total * plan.speed)}", event.elapsed)  # fmt: skip
            if plan.speed != 1:
                self.say(f"PREVIEW: every duration divided by {plan.speed:g}", event.elapsed)
        elif event.name == "segment" and seg is not None:
            where = f"step {seg.step_index + 1}/{plan.step_count}"
            if plan.routine.rounds > 1:
                where += f" round {seg.round}/{plan.routine.rounds}"
            self.say(f"{where} {one_line(seg.describe())}", event.elapsed)
            if seg.how and plan.first_of_step(seg.index) == seg.index:
                for line in clean(seg.how).splitlines():
                    if line.strip():
                        self.say(f"  {line.strip()}", event.elapsed)
        elif event.name == "beat":
            self.say(_beat_words(event, seg), event.elapsed)
        elif event.name in ("paused", "resumed"):
            self.say(event.name, event.elapsed)
        elif event.name == "finished":
            outcome = event.value
            if outcome is Outcome.COMPLETED:
                self.say(f"done: {one_line(plan.routine.name)} completed", event.elapsed)
            else:
                self.say(f"stopped: {outcome.value}", event.elapsed)

    def run(self) -> int:
        session = self.session
        self.say(KEYS_HELP, 0.0)
        session.start()
        try:
            while not session.finished:
                self._step()
        except KeyboardInterrupt:
            session.finish(Outcome.ENDED_EARLY, "interrupted")
            return 130
        return 0

    def _step(self) -> None:
        session = self.session
        seg = session.segment
        if session.running and not seg.timed and self._prompted != len(session.visited):
            self._prompted = len(session.visited)
            self.say(_prompt(seg.kind))
        if self.eof:
            if session.running and not seg.timed:
                self.say("(end of input: continuing)")
                session.next()
                return
            if session.state.value == "paused":
                session.resume()
            self._sleep_until(session.next_deadline())
        else:
            line = self._read_line_until(session.next_deadline())
            if line is not None:
                self._command(line.strip().lower())
        session.update()

    def _command(self, word: str) -> None:
        session = self.session
        if word in ("", "c", "continue"):
            if not session.segment.timed:
                session.next()
        elif word == "n":
            session.next()
        elif word == "b":
            session.previous()
        elif word == "r":
            session.restart_step()
        elif word in ("p", "pause", " "):
            session.toggle_pause()
        elif word == "q":
            session.finish(Outcome.ENDED_EARLY, "quit")
        else:
            self.say(f"unknown key {word!r}. {KEYS_HELP}")

    def _read_line_until(self, deadline: float | None) -> str | None:
        """A line from stdin if one comes before `deadline`; None at the deadline or at EOF."""
        timeout = None if deadline is None else max(0.0, deadline - self.session.clock.now())
        try:
            ready, _, _ = select.select([self.inp], [], [], timeout)
        except (ValueError, OSError, TypeError):
            ready = [self.inp]  # not selectable (e.g. a StringIO in tests): just read it
        if not ready:
            return None
        line = self.inp.readline()
        if line == "":
            self.eof = True
            return None
        return line

    def _sleep_until(self, deadline: float | None) -> None:
        if deadline is None:
            return
        delay = deadline - self.session.clock.now()
        if delay > 0:
            time.sleep(delay)


def _prompt(kind: Kind) -> str:
    return {
        Kind.SET: "press Enter when the set is done",
        Kind.REMOVE: "REMOVE IT NOW: take the pack off, then press Enter",
        Kind.SKIN_CHECK: "look at your skin, then press Enter",
    }.get(kind, "press Enter to continue")


def _beat_words(event: Event, seg: object) -> str:
    if event.beat == "countdown":
        return str(event.value)
    if event.beat == "rep":
        reps = getattr(seg, "reps", 0)
        return f"rep {event.value}/{reps}"
    if event.beat == "warning":
        return "one minute left: get ready to take it off"
    return event.beat.replace("-", " ")
