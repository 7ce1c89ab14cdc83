"""A step's figure moves in time with its reps, holds and breaths, and is mirrored for the
right side."""

import pytest

from tests.conftest import routine_from
from unknot.core.engine.motion import HAND_PACE, SETTLE, moment
from unknot.core.engine.plan import Kind, build_plan

ROUTINE = """\
version: 1
name: Moves
steps:
  - exercise: Cat and cow
    figure: [cat, cow]
    reps: 4
    pace: 4s
  - stretch: Knee to chest
    figure: [hook-lying, knee-hug]
    hold: 10s
    reps: 2
    rest: 4s
    sides: both
  - breathe: Breathe
    figure: [belly-breath-out, belly-breath-in]
    for: 20s
    in: 4s
    hold: 2s
    out: 6s
  - exercise: By hand
    figure: [cat, cow]
    reps: 3
  - note: Rest here.
    figure: hook-lying
  - rest: 5s
"""


def segments(speed: float = 1.0):
    return build_plan(routine_from(ROUTINE), speed).segments


def first(kind: Kind, step: int, speed: float = 1.0, **match):
    return next(
        s
        for s in segments(speed)
        if s.kind is kind
        and s.step_index == step
        and all(getattr(s, k) == v for k, v in match.items())
    )


def where(seg, elapsed):
    """How far along the movement the figure is: 0 at the first pose, 1 at the last."""
    m = moment(seg, elapsed)
    assert m is not None
    index = m.poses.index(m.a)
    return (index + m.t) / (len(m.poses) - 1)


def test_a_rep_goes_to_the_last_pose_and_back():
    reps = first(Kind.REPS, 0)
    assert where(reps, 0.0) == 0.0
    assert where(reps, 1.0) == pytest.approx(0.5)  # a quarter of a 4 s rep: half way there
    assert where(reps, 2.0) == pytest.approx(1.0)  # half a rep: arched all the way
    assert where(reps, 3.0) == pytest.approx(0.5)
    assert where(reps, 4.0) == pytest.approx(0.0)  # the next rep starts where this began
    assert moment(reps, 1.0).cycle == 4.0


def test_a_preview_moves_faster_with_the_same_shape():
    fast = first(Kind.REPS, 0, speed=4.0)
    assert where(fast, 0.5) == pytest.approx(1.0)
    assert moment(fast, 0.0).cycle == 1.0


def test_a_hold_moves_into_its_position_then_stays():
    hold = first(Kind.HOLD, 1, side="left", rep=1)
    assert where(hold, 0.0) == 0.0
    assert 0.0 < where(hold, SETTLE / 2) < 1.0
    assert where(hold, SETTLE) == 1.0
    assert where(hold, 9.0) == 1.0
    assert moment(hold, 9.0).pose.name == "knee-hug"


def test_the_rest_between_holds_comes_back_out():
    rest = first(Kind.REST, 1, side="left")
    assert where(rest, 0.0) == 1.0
    assert where(rest, 3.9) == 0.0


def test_the_right_side_is_the_left_sides_mirror():
    left = moment(first(Kind.HOLD, 1, side="left", rep=1), 5.0)
    right = moment(first(Kind.HOLD, 1, side="right", rep=1), 5.0)
    assert right.pose == left.pose.mirror()
    assert right.pose.angle("right_hip") == left.pose.angle("left_hip") == 120
    switch = moment(first(Kind.SWITCH, 1), 0.0)  # switching shows the coming side
    assert switch.pose.mirrored


def test_getting_ready_shows_the_first_side():
    prep = moment(first(Kind.PREP, 1), 1.0)
    assert prep.pose.name == "hook-lying" and not prep.pose.mirrored


def test_breathing_in_moves_to_the_last_pose_holding_stays_and_out_comes_back():
    breathe = first(Kind.BREATHE, 2)
    assert where(breathe, 0.0) == 0.0
    assert where(breathe, 2.0) == pytest.approx(0.5)
    assert where(breathe, 4.0) == pytest.approx(1.0)  # the pause after breathing in
    assert where(breathe, 5.5) == 1.0
    assert where(breathe, 9.0) == pytest.approx(0.5)  # half way through breathing out
    assert where(breathe, 12.0) == pytest.approx(0.0)  # the next breath begins
    assert moment(breathe, 0.0).cycle == 12.0


def test_a_set_done_by_hand_moves_at_its_own_pace():
    set_ = first(Kind.SET, 3)
    assert where(set_, HAND_PACE / 2) == pytest.approx(1.0)
    assert where(set_, HAND_PACE) == pytest.approx(0.0)


def test_one_pose_is_still_and_no_figure_is_nothing():
    note = moment(first(Kind.NOTE, 4), 30.0)
    assert note.pose.name == "hook-lying" and note.t == 0.0 and note.cycle is None
    assert moment(first(Kind.REST, 5), 1.0) is None


def test_three_poses_are_passed_through_in_order():
    text = (
        "version: 1\nname: x\nsteps:\n  - exercise: e\n    reps: 2\n    pace: 4s\n"
        "    figure: [all-fours, cat, cow]\n"
    )
    seg = next(s for s in build_plan(routine_from(text)).segments if s.kind is Kind.REPS)
    poses = {p.name: p for p in seg.step.figure}

    def shown(elapsed):
        angles = moment(seg, elapsed).pose.effective
        return next(n for n, p in poses.items() if p.effective == pytest.approx(angles))

    assert [shown(t) for t in (0.0, 1.0, 2.0, 3.0, 4.0)] == [
        "all-fours",
        "cat",
        "cow",
        "cat",
        "all-fours",
    ]
