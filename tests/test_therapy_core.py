"""The cold/heat engine on a fake clock."""

import pytest

from unknot.core.clock import FakeClock
from unknot.core.engine.therapy import Phase, Therapy, TherapyError, TherapySpec


def started(spec: TherapySpec, clock: FakeClock | None = None):
    clock = clock or FakeClock()
    therapy = Therapy(spec, clock)
    events = []
    therapy.subscribe(events.append)
    therapy.start()
    return therapy, clock, events


def names(events):
    return [e.name.value for e in events]


def test_a_full_application_warns_alarms_rests_and_asks_about_the_skin():
    therapy, clock, events = started(TherapySpec("ice", on=1200, off=1200, cycles=2))
    assert therapy.phase is Phase.ON and therapy.remaining() == 1200
    clock.advance(1139)
    therapy.update()
    assert names(events) == ["started"]
    clock.advance(1)
    therapy.update()
    assert names(events)[-1] == "warning"
    assert events[-1].at == therapy.clock.wall()
    clock.advance(60)
    therapy.update()
    assert therapy.phase is Phase.REMOVE
    assert names(events)[-1] == "remove"
    # the alarm repeats every 30 s until the person says it is off
    for _ in range(3):
        clock.advance(30)
        therapy.update()
    assert names(events).count("alarm") == 3
    assert [round(e.overdue) for e in events if e.name.value == "alarm"] == [30, 60, 90]
    assert therapy.overdue() == 90
    clock.advance(5)
    therapy.removed()
    assert therapy.phase is Phase.REST
    assert events[-1].name.value == "removed" and events[-1].overdue == 95
    assert therapy.remaining() == 1200  # skin rest counts from removal
    clock.advance(1200)
    therapy.update()
    assert therapy.phase is Phase.SKIN_CHECK
    therapy.skin_checked(True)
    assert therapy.phase is Phase.NEXT  # the next cycle waits for the person
    clock.advance(600)
    therapy.update()
    assert therapy.phase is Phase.NEXT
    therapy.next_cycle()
    assert therapy.phase is Phase.ON and therapy.cycle == 2
    clock.advance(1200)
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    therapy.skin_checked(True)
    assert therapy.phase is Phase.DONE
    assert names(events)[-2:] == ["skin-ok", "done"]


def test_skin_that_is_not_normal_stops_further_applications():
    therapy, clock, events = started(TherapySpec("heat", on=600, off=1200, cycles=3))
    clock.advance(600)
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    therapy.skin_checked(False)
    assert therapy.phase is Phase.STOPPED
    assert therapy.skin_problem
    therapy.next_cycle()
    assert therapy.phase is Phase.STOPPED
    assert names(events)[-1] == "skin-problem"


def test_a_suspended_laptop_is_reported_at_once_with_the_true_overdue_time():
    therapy, clock, events = started(TherapySpec("ice", on=1200))
    clock.advance(900)
    therapy.update()
    clock.advance(600)  # the lid was closed for ten minutes
    therapy.update()
    assert therapy.phase is Phase.REMOVE
    assert names(events) == ["started", "remove"]  # no stale warning, no burst of alarms
    assert events[-1].overdue == 300
    assert therapy.overdue() == 300
    # the next alarm comes on the 30-second rhythm, not at once again
    assert therapy.next_deadline() == clock.now() + 30


def test_speed_divides_every_duration():
    therapy, clock, events = started(TherapySpec("ice", on=1200, off=1200, speed=100))
    clock.advance(12)
    therapy.update()
    assert therapy.phase is Phase.REMOVE
    clock.advance(0.3)
    therapy.update()
    assert names(events).count("alarm") == 1


def test_state_round_trips_and_resumes_on_the_wall_clock():
    therapy, clock, _ = started(TherapySpec("heat", on=1200, off=1500, cycles=2, title="Warm"))
    clock.advance(100)
    restored = Therapy.from_state(therapy.to_state(), clock)
    assert restored.remaining() == therapy.remaining() == 1100
    assert restored.spec == therapy.spec
    clock.advance(1200)
    restored.update()
    assert restored.phase is Phase.REMOVE and restored.overdue() == 100


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (TherapySpec("ice", on=2700), "the most unknot allows is 30 minutes"),
        (TherapySpec("ice", on=1801), "30 minutes"),
        (TherapySpec("heat", off=300), "at least 20 minutes"),
        (TherapySpec("heat", on=30), "at least 1 minute"),
        (TherapySpec("ice", cycles=7), "1 to 6"),
        (TherapySpec("fire"), "ice or heat"),
    ],
)
def test_limits_no_one_can_lift(spec, words):
    with pytest.raises(TherapyError, match=words):
        Therapy(spec, FakeClock())


def test_thirty_minutes_is_allowed_with_a_warning_flag():
    assert TherapySpec("heat", on=1800).check().long
    assert not TherapySpec("heat", on=1200).check().long
