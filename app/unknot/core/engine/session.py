"""The session state machine: runs a plan against a clock and reports what happens.

Nothing here counts ticks. The session keeps the routine time at which the current segment
started; everything else (time left, the next deadline, which beats are due) is computed from
the clock whenever asked, so a late or missed refresh can never make the timing drift.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from unknot.core.clock import Clock
from unknot.core.engine.plan import Plan, Segment


class State(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class Outcome(str, Enum):
    COMPLETED = "completed"
    ENDED_EARLY = "ended early"
    SAFETY_STOP = "safety stop"


class EventName(Enum):
    """What happened in a routine. The values are the words the line face and the logs use."""

    STARTED = "started"
    SEGMENT = "segment"
    BEAT = "beat"
    PAUSED = "paused"
    RESUMED = "resumed"
    FINISHED = "finished"


@dataclass(frozen=True)
class Event:
    """`name`: what happened (a beat carries its own name in `beat`, a finish its `Outcome`).

    `elapsed` is the routine time (paused time excluded) at which the event was due, which
    can be a little before the moment it was noticed.
    """

    name: EventName
    elapsed: float
    segment: Segment | None = None
    beat: str = ""
    value: Any = None


Listener = Callable[[Event], None]
EPSILON = 1e-9


class Session:
    def __init__(self, plan: Plan, clock: Clock) -> None:
        if not plan.segments:
            raise ValueError("a plan with no segments can't run")
        self.plan = plan
        self.clock = clock
        self.state = State.READY
        self.outcome: Outcome | None = None
        self.index = 0
        self._listeners: list[Listener] = []
        self._banked = 0.0  # routine time before the last resume
        self._since: float | None = None  # clock time of the last start/resume while running
        self._segment_start = 0.0  # routine time at which the current segment started
        self._next_beat = 0
        self.visited: list[int] = []
        self.stopped_steps: list[str] = []  # why each step skipped after a safety stop was

    # -- observing --

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def segment(self) -> Segment:
        return self.plan.segments[self.index]

    @property
    def running(self) -> bool:
        return self.state is State.RUNNING

    @property
    def finished(self) -> bool:
        return self.state is State.FINISHED

    def elapsed(self) -> float:
        """Routine time: seconds spent running, paused time excluded."""
        if self._since is None:
            return self._banked
        return self._banked + max(0.0, self.clock.now() - self._since)

    def segment_elapsed(self) -> float:
        return max(0.0, self.elapsed() - self._segment_start)

    def remaining(self) -> float | None:
        """Seconds left in the current segment, or None when it waits for the user."""
        if self.segment.duration is None:
            return None
        return max(0.0, self.segment.duration - self.segment_elapsed())

    def time_left(self) -> float:
        """Timed seconds left in the whole routine."""
        return (self.remaining() or 0.0) + self.plan.time_after(self.index)

    def progress(self) -> float:
        total = self.plan.total
        if self.finished:
            return 1.0
        if total <= 0:
            return self.index / len(self.plan.segments)
        return min(1.0, max(0.0, 1.0 - self.time_left() / total))

    def next_deadline(self) -> float | None:
        """Clock time of the next thing due (a beat or the segment's end), if running."""
        if not self.running:
            return None
        seg = self.segment
        offsets = [b.offset for b in seg.beats[self._next_beat :]]
        if seg.duration is not None:
            offsets.append(seg.duration)
        if not offsets:
            return None
        return self.clock.now() + max(0.0, min(offsets) - self.segment_elapsed())

    # -- driving --

    def start(self) -> None:
        if self.state is not State.READY:
            return
        self.state = State.RUNNING
        self._since = self.clock.now()
        self._emit(Event(EventName.STARTED, 0.0, self.segment))
        self._enter(self.index, 0.0)
        self.update()

    def update(self) -> None:
        """Fire every beat and segment change that is due by now, at its own due time."""
        while self.running:
            seg = self.segment
            at = self.segment_elapsed()
            if (
                self._next_beat < len(seg.beats)
                and seg.beats[self._next_beat].offset <= at + EPSILON
            ):
                beat = seg.beats[self._next_beat]
                self._next_beat += 1
                self._emit(
                    Event(
                        EventName.BEAT,
                        self._segment_start + beat.offset,
                        seg,
                        beat.name,
                        beat.value,
                    )
                )
                continue
            if seg.duration is not None and at + EPSILON >= seg.duration:
                self._advance(self._segment_start + seg.duration)
                continue
            break

    def pause(self) -> None:
        if not self.running:
            return
        self.update()
        if not self.running:
            return
        self._banked = self.elapsed()
        self._since = None
        self.state = State.PAUSED
        self._emit(Event(EventName.PAUSED, self._banked, self.segment))

    def resume(self) -> None:
        if self.state is not State.PAUSED:
            return
        self._since = self.clock.now()
        self.state = State.RUNNING
        self._emit(Event(EventName.RESUMED, self._banked, self.segment))
        self.update()

    def toggle_pause(self) -> None:
        if self.running:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()

    def next(self) -> None:
        """Go on to the next segment now (also how a waiting segment is continued)."""
        if self.state in (State.READY, State.FINISHED):
            return
        self.update()
        if self.finished:
            return
        self._advance(self.elapsed())

    def previous(self) -> None:
        if self.state in (State.READY, State.FINISHED):
            return
        self.update()
        if self.finished:
            return
        self._enter(max(0, self.index - 1), self.elapsed())

    def restart_step(self) -> None:
        if self.state in (State.READY, State.FINISHED):
            return
        self.update()
        if self.finished:
            return
        self._enter(self.plan.first_of_step(self.index), self.elapsed())

    def skip_step(self, stopped_for: str | None = None) -> None:
        """Move to the first segment of the next step, leaving the session as it was (paused
        after a stop: it never goes on by itself). `stopped_for`: the reason, when a safety
        stop is why."""
        if self.state in (State.READY, State.FINISHED):
            return
        self.update()
        if self.finished:
            return
        if stopped_for is not None:
            self.stopped_steps.append(stopped_for)
        current = self.segment
        for seg in self.plan.segments[self.index + 1 :]:
            if seg.step_index != current.step_index or seg.round != current.round:
                self._enter(seg.index, self.elapsed())
                return
        self._complete(self.elapsed())

    def finish(self, outcome: Outcome = Outcome.ENDED_EARLY, reason: str = "") -> None:
        """End the session now. Always allowed, from any state: stopping always wins."""
        if self.finished:
            return
        if self.running:
            self.update()
            if self.finished:
                return
        at = self.elapsed()
        self._banked = at
        self._since = None
        self.state = State.FINISHED
        self.outcome = outcome
        self._emit(Event(EventName.FINISHED, at, self.segment, value=outcome, beat=reason))

    # -- internals --

    def _advance(self, at: float) -> None:
        if self.index + 1 >= len(self.plan.segments):
            self._complete(at)
            return
        self._enter(self.index + 1, at)

    def _complete(self, at: float) -> None:
        self._banked = at
        self._since = None
        self.state = State.FINISHED
        self.outcome = Outcome.COMPLETED
        self._emit(Event(EventName.FINISHED, at, self.segment, value=Outcome.COMPLETED))

    def _enter(self, index: int, at: float) -> None:
        self.index = index
        self._segment_start = at
        self._next_beat = 0
        self.visited.append(index)
        self._emit(Event(EventName.SEGMENT, at, self.segment))


# What the history keeps for a routine finished after a step was stopped for safety: not
# "completed", which is kept for one done as planned.
FINISHED_WITH_STOP = "finished, with a stop"


@dataclass(frozen=True)
class Ending:
    """How a finished session reads, the same in every face and in the history (`kept`). Only
    a routine done as planned, with no safety stop on the way, says well done."""

    title: str
    outcome: str
    well: bool
    kept: str


def ending(session: Session) -> Ending:
    outcome = session.outcome or Outcome.ENDED_EARLY
    if outcome is Outcome.SAFETY_STOP:
        return Ending("STOPPED FOR SAFETY", "stopped for safety", False, outcome.value)
    if outcome is Outcome.ENDED_EARLY:
        return Ending("ROUTINE ENDED", "ended early", False, outcome.value)
    stopped = len(session.stopped_steps)
    if stopped:
        steps = "1 step" if stopped == 1 else f"{stopped} steps"
        return Ending(
            "FINISHED, WITH A STOP",
            f"finished, {steps} stopped for safety",
            False,
            FINISHED_WITH_STOP,
        )
    return Ending("WELL DONE", "completed", True, outcome.value)
