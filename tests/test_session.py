import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import routine_from
from tests.strategies import routines
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import Kind, build_plan
from unknot.core.engine.session import Outcome, Session, State

SIMPLE = """
version: 1
name: Simple
steps:
  - stretch: Hold it
    hold: 10s
    reps: 2
    rest: 5s
  - note: Read this
  - rest: 20s
"""


def started(text: str = SIMPLE, speed: float = 1.0) -> tuple[Session, FakeClock, list]:
    clock = FakeClock()
    session = Session(build_plan(routine_from(text), speed), clock)
    events: list = []
    session.subscribe(events.append)
    session.start()
    return session, clock, events


def names(events, name):
    return [e for e in events if e.name.value == name]


def test_segments_change_at_their_exact_deadlines_even_when_noticed_late():
    session, clock, events = started()
    clock.advance(17.3)  # one late look covers prep (5s) and the first hold (10s)
    session.update()
    segs = names(events, "segment")
    assert [(e.segment.kind, e.elapsed) for e in segs] == [
        (Kind.PREP, 0.0),
        (Kind.HOLD, 5.0),
        (Kind.REST, 15.0),
    ]
    assert session.remaining() == pytest.approx(5 - 2.3)


def test_countdown_beats_come_at_three_two_one():
    session, clock, events = started()
    clock.advance(5.0)
    session.update()
    events.clear()
    clock.advance(10.0)
    session.update()
    beats = [(e.elapsed, e.value) for e in names(events, "beat")]
    assert beats == [(12.0, 3), (13.0, 2), (14.0, 1)]


def test_note_waits_until_the_user_continues():
    session, clock, _ = started()
    clock.advance(5 + 10 + 5 + 10)
    session.update()
    assert session.segment.kind is Kind.NOTE
    assert session.remaining() is None
    assert session.next_deadline() is None
    clock.advance(600)
    session.update()
    assert session.segment.kind is Kind.NOTE
    session.next()
    assert session.segment.kind is Kind.REST
    assert session.remaining() == pytest.approx(20)


def test_pause_stops_time_and_resume_goes_on_where_it_was():
    session, clock, events = started()
    clock.advance(7)
    session.pause()
    assert session.state is State.PAUSED
    clock.advance(300)
    session.update()
    assert session.elapsed() == pytest.approx(7)
    assert session.remaining() == pytest.approx(8)
    assert session.next_deadline() is None
    session.resume()
    clock.advance(8)
    session.update()
    assert session.segment.kind is Kind.REST
    assert names(events, "paused")[0].elapsed == pytest.approx(7)


def test_next_previous_and_restart_step():
    session, clock, _ = started()
    clock.advance(6)  # in the first hold
    session.update()
    assert session.index == 1
    session.next()
    assert session.index == 2
    session.previous()
    assert session.index == 1
    assert session.remaining() == pytest.approx(10)
    session.next()
    session.next()  # second hold
    session.restart_step()
    assert session.index == 0  # back to the step's get-ready


def test_finishing_the_last_segment_completes_the_session():
    session, clock, events = started()
    clock.advance(30)
    session.update()
    session.next()  # past the note
    clock.advance(20)
    session.update()
    assert session.state is State.FINISHED
    assert session.outcome is Outcome.COMPLETED
    assert names(events, "finished")[0].elapsed == pytest.approx(50)
    assert session.progress() == 1.0


def test_finish_is_always_possible_from_any_state():
    for prepare in (lambda s: None, lambda s: s.pause(), lambda s: s.next()):
        session, _clock, events = started()
        prepare(session)
        session.finish()
        assert session.state is State.FINISHED
        assert session.outcome is Outcome.ENDED_EARLY
        session.next()
        session.resume()
        assert session.state is State.FINISHED
        assert len(names(events, "finished")) == 1


def test_speed_makes_the_same_routine_shorter():
    session, clock, _ = started(speed=10)
    clock.advance(0.5)
    session.update()
    assert session.segment.kind is Kind.HOLD


def _run_to_end(session: Session, clock: FakeClock, steps: list[float], pauses: list[float]):
    session.start()
    i = 0
    waited = 0.0
    while not session.finished:
        if not session.segment.timed:
            waited += session.segment_elapsed()
            session.next()
            continue
        if pauses and i % 3 == 0:
            session.pause()
            clock.advance(pauses[i % len(pauses)])
            session.resume()
        clock.advance(steps[i % len(steps)])
        session.update()
        i += 1
        assert i < 200_000
    return waited


@settings(max_examples=60, deadline=None)
@given(
    routines,
    st.lists(st.floats(0.25, 90), min_size=1, max_size=5),
    st.lists(st.floats(0, 100), max_size=3),
)
def test_any_routine_runs_to_the_end_through_every_segment_in_order(routine, steps, pauses):
    plan = build_plan(routine)
    clock = FakeClock()
    session = Session(plan, clock)
    events = []
    session.subscribe(events.append)
    waited = _run_to_end(session, clock, steps, pauses)
    assert session.visited == list(range(len(plan.segments)))
    assert session.outcome is Outcome.COMPLETED
    # routine time is the plan plus time spent reading notes: pauses are excluded, and a
    # late look never stretches a timed segment
    assert session.elapsed() == pytest.approx(plan.total + waited)
    starts = [(e.segment, e.elapsed) for e in events if e.name.value == "segment"]
    for (seg, began), (_, following) in itertools.pairwise(starts):
        if seg.timed:  # a timed segment lasts exactly its duration
            assert following - began == pytest.approx(seg.duration)
    times = [e.elapsed for e in events]
    assert all(b >= a - 1e-6 for a, b in itertools.pairwise(times))


@settings(max_examples=60, deadline=None)
@given(routines, st.lists(st.sampled_from(["next", "previous", "restart_step", "toggle_pause"])))
def test_next_and_previous_move_exactly_one_segment(routine, actions):
    plan = build_plan(routine)
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    last = len(plan.segments) - 1
    for action in actions:
        if session.finished:
            break
        before = session.index
        getattr(session, action)()
        if action == "next":
            assert session.finished if before == last else session.index == before + 1
        elif action == "previous":
            assert session.index == max(0, before - 1)
        elif action == "restart_step":
            assert session.index == plan.first_of_step(before)
            assert session.segment_elapsed() == 0
        else:
            assert session.index == before
        clock.advance(0.3)
        session.update()
