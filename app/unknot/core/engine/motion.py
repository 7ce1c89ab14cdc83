"""What a step's figure shows at a moment: its one pose, or the in-between of its poses in time
with the step's reps, holds and breaths.

A list of poses is one movement: a rep goes from the first pose through the list to the last
and back (knee to chest: in and out; cat and cow: arch and sag); a hold moves into the last
pose and stays there; the rest between holds comes back out; breathing in moves toward the
last pose and breathing out back to the first. Everything else shows the first pose. Poses are
drawn for the left side; on the right side they are mirrored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from unknot.core.engine.plan import Kind, Segment
from unknot.core.figures.pose import Pose, between
from unknot.core.format import routine as model

SETTLE = 2.0  # seconds a hold takes to move into its position (and a rest to come out)
HAND_PACE = 4.0  # a set finished by hand has no pace; its figure moves at this one


@dataclass(frozen=True)
class Moment:
    """The figure now: `t` of the way from `a` to `b`. `poses` is the whole movement, so a
    drawing can keep one frame for all of it; `cycle` is how many seconds one movement takes
    while it repeats (None when the figure is still or has settled)."""

    poses: tuple[Pose, ...]
    a: Pose
    b: Pose
    t: float
    cycle: float | None = None

    @property
    def pose(self) -> Pose:
        if self.a == self.b or self.t <= 0.0:
            return self.a
        return self.b if self.t >= 1.0 else between(self.a, self.b, self.t)


def posed_for(step: model.Step, side: str | None) -> tuple[Pose, ...]:
    """The step's poses for one side: as written for the left, mirrored for the right."""
    if side == "right":
        return tuple(p.mirror() for p in step.figure)
    return step.figure


def ease(u: float) -> float:
    """Slow in, slow out: a body does not start or stop moving at full speed."""
    u = min(1.0, max(0.0, u))
    return (1.0 - math.cos(math.pi * u)) / 2.0


def moment(segment: Segment, elapsed: float) -> Moment | None:
    """The figure `elapsed` seconds into `segment`; None when its step has no figure."""
    step = segment.step
    side = segment.side or _first_side(step)
    poses = posed_for(step, side)
    if not poses:
        return None
    if len(poses) == 1:
        return Moment(poses, poses[0], poses[0], 0.0)
    elapsed = max(0.0, elapsed)
    kind = segment.kind
    cycle: float | None = None
    if kind in (Kind.REPS, Kind.SET):
        cycle = HAND_PACE
        if kind is Kind.REPS and segment.duration and segment.reps:
            cycle = segment.duration / segment.reps
        progress = (elapsed % cycle) / cycle
        u = ease(1.0 - abs(1.0 - 2.0 * progress))  # there and back in one rep
    elif kind is Kind.HOLD:
        u = ease(elapsed / _settle(segment))
    elif kind is Kind.REST and isinstance(step, model.Stretch):
        u = 1.0 - ease(elapsed / _settle(segment))
    elif kind is Kind.BREATHE:
        u, cycle = _breath(segment, elapsed)
    else:
        u = 0.0
    return _along(poses, u, cycle)


def _first_side(step: model.Step) -> str | None:
    sides = getattr(step, "sides", ())
    return sides[0] if sides else None


def _settle(segment: Segment) -> float:
    return max(0.1, min(SETTLE, 0.4 * (segment.duration or SETTLE)))


def _breath(segment: Segment, elapsed: float) -> tuple[float, float | None]:
    """How far toward breathing in (0 out, 1 in) and one breath's length."""
    beats = [b for b in segment.beats if b.name.startswith("breathe-")]
    if not beats:
        return 0.0, None
    end = segment.duration or 0.0
    current, start, stop = beats[0], beats[0].offset, end
    for i, beat in enumerate(beats):
        if beat.offset <= elapsed + 1e-9:
            current, start = beat, beat.offset
            stop = beats[i + 1].offset if i + 1 < len(beats) else end
    length = max(stop - start, 1e-9)
    into = min(1.0, (elapsed - start) / length)
    cycle = next((b.offset for b in beats[1:] if b.name == "breathe-in"), None)
    if current.name == "breathe-in":
        return ease(into), cycle
    if current.name == "breathe-hold":
        return 1.0, cycle
    return 1.0 - ease(into), cycle


def _along(poses: tuple[Pose, ...], u: float, cycle: float | None) -> Moment:
    """`u` (0 to 1) of the way along the chain of poses."""
    position = min(1.0, max(0.0, u)) * (len(poses) - 1)
    i = min(int(position), len(poses) - 2)
    return Moment(poses, poses[i], poses[i + 1], position - i, cycle)
