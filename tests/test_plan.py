import pytest
from hypothesis import given

from tests.conftest import routine_from
from tests.strategies import routines
from unknot.core.engine.plan import PREP_SECONDS, SWITCH_SECONDS, Kind, build_plan, routine_seconds

KNEE = """
version: 1
name: Knee
steps:
  - stretch: Knee to chest
    hold: 20s
    reps: 2
    sides: both
    rest: 10s
"""


def test_stretch_becomes_prep_holds_rests_and_a_switch():
    plan = build_plan(routine_from(KNEE))
    shape = [(s.kind, s.side, s.rep, s.duration) for s in plan.segments]
    assert shape == [
        (Kind.PREP, None, 0, PREP_SECONDS),
        (Kind.HOLD, "left", 1, 20.0),
        (Kind.REST, "left", 2, 10.0),
        (Kind.HOLD, "left", 2, 20.0),
        (Kind.SWITCH, "right", 0, 10.0),
        (Kind.HOLD, "right", 1, 20.0),
        (Kind.REST, "right", 2, 10.0),
        (Kind.HOLD, "right", 2, 20.0),
    ]
    assert plan.total == PREP_SECONDS + 4 * 20 + 3 * 10


def test_switch_without_rest_still_gives_time_to_change_position():
    plan = build_plan(routine_from(KNEE.replace("    rest: 10s\n", "")))
    switches = [s for s in plan.segments if s.kind is Kind.SWITCH]
    assert [s.duration for s in switches] == [SWITCH_SECONDS]


def test_exercise_with_pace_counts_reps_and_without_waits():
    plan = build_plan(
        routine_from(
            """
version: 1
name: Sets
steps:
  - exercise: Tilt
    reps: 4
    pace: 3s
  - exercise: Bridge
    reps: 10
"""
        )
    )
    kinds = [s.kind for s in plan.segments]
    assert kinds == [Kind.PREP, Kind.REPS, Kind.SET]
    reps = plan.segments[1]
    assert reps.duration == 12.0
    assert [(b.offset, b.value) for b in reps.beats if b.name == "rep"] == [
        (3.0, 2),
        (6.0, 3),
        (9.0, 4),
    ]
    assert plan.segments[2].duration is None


def test_breathing_beats_follow_the_pace():
    plan = build_plan(
        routine_from(
            "version: 1\nname: B\nsteps:\n  - breathe: B\n    for: 20s\n    in: 4s\n"
            "    hold: 1s\n    out: 5s\n"
        )
    )
    breathe = plan.segments[-1]
    assert [(b.offset, b.name) for b in breathe.beats] == [
        (0.0, "breathe-in"),
        (4.0, "breathe-hold"),
        (5.0, "breathe-out"),
        (10.0, "breathe-in"),
        (14.0, "breathe-hold"),
        (15.0, "breathe-out"),
    ]


def test_rounds_repeat_the_steps():
    one = build_plan(routine_from(KNEE))
    three = build_plan(routine_from(KNEE + "rounds: 3\n"))
    assert len(three.segments) == 3 * len(one.segments)
    assert [s.round for s in three.segments[:: len(one.segments)]] == [1, 2, 3]


def test_speed_divides_every_duration_and_keeps_what_was_written():
    plan = build_plan(routine_from(KNEE), speed=20)
    assert plan.total == pytest.approx(routine_seconds(routine_from(KNEE)) / 20)
    assert plan.segments[1].authored == 20.0
    assert plan.segments[1].duration == 1.0


def test_speed_outside_the_range_is_refused():
    with pytest.raises(ValueError):
        build_plan(routine_from(KNEE), speed=500)


@given(routines)
def test_every_step_appears_in_order_in_the_plan(routine):
    plan = build_plan(routine)
    order = [(s.round, s.step_index) for s in plan.segments]
    assert order == sorted(order)
    expected = {(r, i) for r in range(1, routine.rounds + 1) for i in range(len(routine.steps))}
    assert set(order) == expected
    assert [s.index for s in plan.segments] == list(range(len(plan.segments)))
    for seg in plan.segments:
        assert seg.duration is None or seg.duration > 0
        assert all(0 <= b.offset < (seg.duration or 0) + 1e-9 for b in seg.beats)
