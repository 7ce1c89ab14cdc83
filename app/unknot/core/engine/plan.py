"""A routine becomes a timeline of segments: get ready, each hold, switch sides, rests..."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from unknot.core.durations import format_duration
from unknot.core.format import routine as model
from unknot.core.limits import MAX_SPEED, MIN_SPEED

PREP_SECONDS = 5.0
SWITCH_SECONDS = 5.0


class Kind(str, Enum):
    PREP = "prep"
    HOLD = "hold"
    SWITCH = "switch"
    REST = "rest"
    REPS = "reps"  # a set timed by pace
    SET = "set"  # a set the user finishes by hand
    BREATHE = "breathe"
    NOTE = "note"
    CHECK = "check"
    THERAPY = "therapy"  # a cold or heat application: the therapy engine runs it


LABELS = {
    Kind.PREP: "GET READY",
    Kind.HOLD: "HOLD",
    Kind.SWITCH: "SWITCH SIDES",
    Kind.REST: "REST",
    Kind.REPS: "REPS",
    Kind.SET: "DO THE SET",
    Kind.BREATHE: "BREATHE",
    Kind.NOTE: "READ",
    Kind.CHECK: "CHECK-IN",
    Kind.THERAPY: "COLD OR HEAT",
}


@dataclass(frozen=True)
class Beat:
    """Something that happens inside a segment at `offset` seconds: a countdown, a breath."""

    offset: float
    name: str  # "countdown", "rep", "breathe-in", "breathe-hold", "breathe-out"
    value: int = 0


@dataclass(frozen=True)
class Segment:
    index: int
    kind: Kind
    step_index: int
    title: str
    step: model.Step
    duration: float | None  # seconds at the run's speed; None waits for the user
    authored: float | None = None  # the duration as written, before --speed
    how: str = ""
    rep: int = 0
    reps: int = 0
    side: str | None = None
    round: int = 1
    cycle: int = 0
    cycles: int = 0
    beats: tuple[Beat, ...] = field(default=(), repr=False)

    @property
    def label(self) -> str:
        if self.kind is Kind.THERAPY:
            return "COLD PACK" if self.step.kind == "ice" else "HEAT PACK"
        return LABELS[self.kind]

    @property
    def timed(self) -> bool:
        return self.duration is not None

    def describe(self) -> str:
        """One line for event logs: 'hold 20s Knee to chest (left, rep 1/3)'."""
        parts = [self.kind.value]
        if self.authored is not None:
            parts.append(format_duration(self.authored))
        if self.kind not in (Kind.REST,) or self.step.kind != "rest":
            parts.append(self.title)
        extra = []
        if self.side:
            extra.append(self.side)
        if self.reps > 1 and self.kind in (Kind.HOLD,):
            extra.append(f"rep {self.rep}/{self.reps}")
        if self.kind in (Kind.REPS, Kind.SET):
            extra.append(f"{self.reps} reps")
        if self.cycles:
            extra.append(f"cycle {self.cycle}/{self.cycles}")
        if extra:
            parts.append(f"({', '.join(extra)})")
        return " ".join(parts)


@dataclass(frozen=True)
class Plan:
    routine: model.Routine
    segments: tuple[Segment, ...]
    speed: float = 1.0

    @property
    def total(self) -> float:
        """Seconds of timed segments at the run's speed."""
        return sum(s.duration or 0.0 for s in self.segments)

    @property
    def preview(self) -> bool:
        """A quick run for a routine's author: never a real session."""
        return self.speed != 1

    @property
    def step_count(self) -> int:
        return len(self.routine.steps)

    def time_after(self, index: int) -> float:
        """Timed seconds from the start of segment `index + 1` to the end."""
        return sum(s.duration or 0.0 for s in self.segments[index + 1 :])

    def first_of_step(self, index: int) -> int:
        """Index of the first segment of the step (and round) that segment `index` belongs to."""
        seg = self.segments[index]
        while index > 0:
            prev = self.segments[index - 1]
            if prev.step_index != seg.step_index or prev.round != seg.round:
                break
            index -= 1
        return index


def routine_seconds(routine: model.Routine) -> float:
    """The routine's length as written, what the library shows: its timed parts and the
    applications and skin rests of its cold or heat steps."""
    plan = build_plan(routine)
    therapy = sum(
        s.step.cycles * (s.step.on + s.step.off)
        for s in plan.segments
        if isinstance(s.step, model.Therapy)
    )
    return plan.total + therapy


def build_plan(routine: model.Routine, speed: float = 1.0) -> Plan:
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed must be from {MIN_SPEED:g} to {MAX_SPEED:g}")
    out: list[Segment] = []

    def add(
        kind: Kind,
        step_index: int,
        step: model.Step,
        authored: float | None,
        rnd: int,
        beats: tuple[Beat, ...] = (),
        **kw: object,
    ) -> None:
        scaled = None if authored is None else authored / speed
        scaled_beats = tuple(Beat(b.offset / speed, b.name, b.value) for b in beats)
        title = kw.pop("title", step.title)
        out.append(
            Segment(
                index=len(out),
                kind=kind,
                step_index=step_index,
                title=str(title),
                step=step,
                duration=scaled,
                authored=authored,
                how=step.how,
                round=rnd,
                beats=scaled_beats,
                **kw,  # type: ignore[arg-type]
            )
        )

    for rnd in range(1, routine.rounds + 1):
        for i, step in enumerate(routine.steps):
            _plan_step(step, i, rnd, add)
    return Plan(routine, tuple(out), speed)


class _Add(Protocol):
    def __call__(
        self,
        kind: Kind,
        step_index: int,
        step: model.Step,
        authored: float | None,
        rnd: int,
        beats: tuple[Beat, ...] = (),
        **kw: Any,
    ) -> None: ...


def _countdown(duration: float) -> tuple[Beat, ...]:
    return tuple(Beat(duration - n, "countdown", n) for n in (3, 2, 1) if duration - n > 0)


def _sides(step: model.Stretch | model.Exercise) -> tuple[str | None, ...]:
    return step.sides or (None,)


def _plan_step(step: model.Step, i: int, rnd: int, add: _Add) -> None:
    if isinstance(step, model.Stretch):
        add(Kind.PREP, i, step, PREP_SECONDS, rnd, _countdown(PREP_SECONDS))
        sides = _sides(step)
        for s, side in enumerate(sides):
            if s:
                switch = max(step.rest, SWITCH_SECONDS)
                add(Kind.SWITCH, i, step, switch, rnd, _countdown(switch), side=side)
            for rep in range(1, step.reps + 1):
                if rep > 1 and step.rest:
                    add(
                        Kind.REST,
                        i,
                        step,
                        step.rest,
                        rnd,
                        _countdown(step.rest),
                        side=side,
                        rep=rep,
                        reps=step.reps,
                    )
                add(
                    Kind.HOLD,
                    i,
                    step,
                    step.hold,
                    rnd,
                    _countdown(step.hold),
                    side=side,
                    rep=rep,
                    reps=step.reps,
                )
    elif isinstance(step, model.Exercise):
        sides = _sides(step)
        if step.pace is not None:
            add(Kind.PREP, i, step, PREP_SECONDS, rnd, _countdown(PREP_SECONDS))
        for s, side in enumerate(sides):
            if s:
                switch = max(step.rest, SWITCH_SECONDS)
                add(Kind.SWITCH, i, step, switch, rnd, _countdown(switch), side=side)
            if step.pace is None:
                add(Kind.SET, i, step, None, rnd, side=side, reps=step.reps)
            else:
                total = step.pace * step.reps
                beats = tuple(Beat(step.pace * k, "rep", k + 1) for k in range(1, step.reps))
                add(
                    Kind.REPS,
                    i,
                    step,
                    total,
                    rnd,
                    tuple(sorted(beats + _countdown(total), key=lambda b: b.offset)),
                    side=side,
                    reps=step.reps,
                )
    elif isinstance(step, model.Rest):
        add(Kind.REST, i, step, step.duration, rnd, _countdown(step.duration), title="Rest")
    elif isinstance(step, model.Breathe):
        add(Kind.PREP, i, step, PREP_SECONDS, rnd, _countdown(PREP_SECONDS))
        add(Kind.BREATHE, i, step, step.duration, rnd, breath_beats(step))
    elif isinstance(step, model.Therapy):
        # One segment: the therapy engine runs the applications, alarms and skin rests on its
        # own clock, and the routine goes on when it is done.
        add(Kind.THERAPY, i, step, None, rnd, cycles=step.cycles)
    elif isinstance(step, model.Check):
        add(Kind.CHECK, i, step, None, rnd)
    else:
        add(Kind.NOTE, i, step, None, rnd)


def breath_beats(step: model.Breathe) -> tuple[Beat, ...]:
    """In, (hold), out, again, for as long as the step lasts."""
    beats: list[Beat] = []
    t = 0.0
    phases = [
        ("breathe-in", step.inhale),
        ("breathe-hold", step.pause),
        ("breathe-out", step.exhale),
    ]
    while t < step.duration - 1e-9:
        for name, length in phases:
            if length <= 0:
                continue
            if t >= step.duration - 1e-9:
                break
            beats.append(Beat(t, name))
            t += length
    return tuple(beats)


def breath_phase(segment: Segment, elapsed: float) -> tuple[str, float]:
    """The breathing phase at `elapsed` seconds into a breathe segment, and seconds left in it."""
    current, start = "breathe-in", 0.0
    ends = segment.duration or 0.0
    for beat in segment.beats:
        if beat.offset <= elapsed + 1e-9:
            current, start = beat.name, beat.offset
        else:
            ends = beat.offset
            break
    return current, max(0.0, ends - elapsed) if ends > start else 0.0
