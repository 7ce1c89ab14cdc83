"""The pack timer against clocks that jump, machines that sleep and reboot, and saves that
fail: each rule of the clock table, then a stateful property test of all of them at once."""

import contextlib
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from unknot.core.clock import UNKNOWN_BOOT, FakeClock, RealClock
from unknot.core.engine.therapy import ALARM_EVERY, Phase, Therapy, TherapyError, TherapySpec
from unknot.core.savedstate import SavedStateError
from unknot.store.statefile import SaveFailed

HOUR = 3600.0


def started(on: float = 1200, clock: FakeClock | None = None):
    clock = clock or FakeClock()
    therapy = Therapy(TherapySpec("ice", on=on), clock)
    events = []
    therapy.subscribe(events.append)
    therapy.start()
    return therapy, clock, events


def restored(state: dict, clock: FakeClock):
    therapy = Therapy.from_state(json.loads(json.dumps(state)), clock)
    events = []
    therapy.subscribe(events.append)
    return therapy, events


def test_the_real_clock_names_this_boot():
    boot = Path("/proc/sys/kernel/random/boot_id")
    expected = boot.read_text().strip() if boot.exists() else UNKNOWN_BOOT
    assert RealClock().boot_id() == expected


def test_the_fake_clock_jumps_the_wall_alone_and_reboots():
    clock = FakeClock()
    now, wall, boot = clock.now(), clock.wall(), clock.boot_id()
    clock.jump_wall(-HOUR)
    assert (clock.now(), clock.wall()) == (now, wall - HOUR)
    clock.reboot(600)
    assert clock.boot_id() != boot
    assert clock.now() < now
    assert clock.wall() == wall - HOUR + 600 + 5  # off for 600 s, up for 5 s


def test_a_wall_clock_set_back_while_running_never_leaves_the_pack_on():
    therapy, clock, events = started(1200)
    clock.advance(600)
    clock.jump_wall(-HOUR)
    therapy.update()
    assert events[-1].name.value == "clock-jumped" and events[-1].jump == -HOUR
    assert therapy.remaining() == 600
    clock.advance(600)
    therapy.update()
    assert therapy.phase is Phase.REMOVE and events[-1].name.value == "remove"
    assert events[-1].overdue == 0


def test_a_wall_clock_set_forward_while_running_is_no_false_overdue():
    therapy, clock, events = started(1200)
    clock.advance(60)
    clock.jump_wall(HOUR)
    therapy.update()
    assert [e.name.value for e in events] == ["started", "clock-jumped"]
    assert events[-1].jump == HOUR
    assert therapy.phase is Phase.ON and therapy.remaining() == 1140


def test_ntp_sized_steps_are_not_worth_saying():
    therapy, clock, events = started(1200)
    clock.jump_wall(0.5)
    therapy.update()
    assert [e.name.value for e in events] == ["started"]


def test_same_boot_the_boot_clock_decides_and_a_jump_between_is_said():
    therapy, clock, _ = started(1200)
    clock.advance(300)
    state = therapy.to_state()
    clock.advance(120)
    clock.jump_wall(HOUR)  # set forward while the program was closed
    again, events = restored(state, clock)
    assert again.remaining() == 1200 - 420
    again.update()
    assert [(e.name.value, e.jump) for e in events] == [("clock-jumped", HOUR)]


def test_after_a_reboot_the_wall_clock_decides():
    therapy, clock, _ = started(1200)
    clock.advance(300)
    state = therapy.to_state()
    clock.reboot(600)  # off ten minutes, up for five seconds
    again, events = restored(state, clock)
    assert again.remaining() == pytest.approx(1200 - 300 - 605)
    clock.advance(again.remaining())
    again.update()
    assert [e.name.value for e in events] == ["remove"]


def test_after_a_reboot_past_the_end_the_alarm_is_at_once_with_the_true_overdue():
    therapy, clock, _ = started(1200)
    state = therapy.to_state()
    clock.reboot(1500)
    again, events = restored(state, clock)
    again.update()
    assert again.phase is Phase.REMOVE
    assert events[0].name.value == "remove" and events[0].overdue == pytest.approx(305)


def test_a_wall_clock_set_back_across_a_reboot_is_doubt_and_the_alarm_is_at_once():
    therapy, clock, _ = started(1200)
    clock.advance(60)
    state = therapy.to_state()
    clock.jump_wall(-HOUR)
    clock.reboot(30)
    again, events = restored(state, clock)
    again.update()
    assert [e.name.value for e in events] == ["clock-jumped", "remove"]
    assert events[0].jump == pytest.approx(-HOUR + 35)
    assert again.phase is Phase.REMOVE


def test_the_reported_case_a_clock_an_hour_ahead_at_start_never_gives_more_than_on():
    clock = FakeClock()
    clock.jump_wall(HOUR)  # the clock was an hour ahead when the pack went on
    therapy, clock, _ = started(1200, clock)
    clock.advance(2)
    state = therapy.to_state()
    clock.jump_wall(-HOUR)  # then put right, and the program restarted
    again, _ = restored(state, clock)
    assert again.remaining() == 1198


def test_a_skin_rest_in_doubt_is_never_cut_short():
    therapy, clock, _ = started(60)
    clock.advance(60)
    therapy.removed()
    clock.advance(100)
    state = therapy.to_state()
    clock.jump_wall(-HOUR)
    clock.reboot(10)
    again, _ = restored(state, clock)
    assert again.phase is Phase.REST and again.remaining() == pytest.approx(1100)


def test_a_timer_saved_by_the_version_before_on_wall_times_still_resumes():
    clock = FakeClock()
    legacy = {
        "kind": "ice",
        "on": 1200.0,
        "off": 1200.0,
        "cycles": 1,
        "speed": 1.0,
        "title": "",
        "phase": "on",
        "cycle": 1,
        "deadline": clock.wall() + 500,
        "on_ended": None,
        "warned": False,
        "alarms": 0,
        "overdue_at_removal": [],
        "skin": [],
        "started_at": clock.wall() - 700,
    }
    again, _ = restored(legacy, clock)
    assert again.remaining() == 500 and again.elapsed() == 700


def saved_state(**changes) -> dict:
    therapy, _, _ = started(1200)
    return {**therapy.to_state(), **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"speed": 0},
        {"speed": float("nan")},
        {"speed": float("inf")},
        {"cycle": 10**30},
        {"cycle": 1e30},
        {"deadline": float("nan")},
        {"deadline": None},
        {"on": 10**30},
        {"on": float("nan")},
        {"alarms": -1},
        {"phase": "melting"},
        {"skin": "normal"},
        {"saved": {"boot_id": "b", "now": "soon", "wall": 1.0}},
        {"saved": None},
    ],
)
def test_saved_values_out_of_shape_or_bounds_are_refused(changes):
    with pytest.raises((SavedStateError, TherapyError)):
        Therapy.from_state(saved_state(**changes), FakeClock())


def test_a_deadline_ten_days_ahead_is_held_to_one_application():
    clock = FakeClock()
    state = saved_state(deadline=clock.now() + 10 * 86400)
    again, _ = restored(state, clock)
    assert again.remaining() == 1200
    remove = saved_state(phase="remove", on_ended=clock.now() + 10 * 86400, alarms=10**6)
    late, events = restored(remove, clock)
    assert late.overdue() == 0 and late.next_deadline() <= clock.now()
    late.update()
    assert [e.name.value for e in events] == ["alarm"]


class PackTimer(RuleBasedStateMachine):
    """Whatever fails and however the clocks move: a pack on past its time always has an alarm
    due within 30 s, and the time left on is never more than `on`, nor more than the clock
    rules allow. The model keeps the rules' own account of how long the pack has been on."""

    @initialize(
        on=st.sampled_from([60.0, 150.0, 600.0, 1200.0, 1800.0]),
        speed=st.sampled_from([1.0, 1.0, 20.0]),
        cycles=st.integers(1, 3),
    )
    def begin(self, on: float, speed: float, cycles: int) -> None:
        self.clock = FakeClock()
        self.spec = TherapySpec("ice", on=on, off=1200.0, cycles=cycles, speed=speed)
        self.on_s = on / speed
        self.disk: str | None = None
        self.failing = False
        self.elapsed: float | None = None  # how long the pack has been on, by the rules
        # when it was last saved: (elapsed, wall clock, boot clock, boot id)
        self.snapshot: tuple[float | None, float, float, str] | None = None
        self.attach(Therapy(self.spec, self.clock))
        self.attempt(self.therapy.start)

    def attach(self, therapy: Therapy | None) -> None:
        self.therapy = therapy
        if therapy is not None:
            therapy.subscribe(self.heard)  # first: the account moves before the save
            therapy.subscribe(lambda event: self.save())

    def heard(self, event) -> None:
        if event.name.value in ("started", "next-cycle"):
            self.elapsed = 0.0
        elif not self.therapy.pack_on:
            self.elapsed = None

    def save(self) -> None:
        if self.failing:
            raise SaveFailed(Path("therapy.json"), "No space left on device")
        t = self.therapy
        self.disk = json.dumps(t.to_state(), allow_nan=False) if t.active else None
        clock = self.clock
        self.snapshot = (self.elapsed, clock.wall(), clock.now(), clock.boot_id())

    def attempt(self, action) -> None:
        """The face's guard: a failed save is reported, and everything else goes on."""
        with contextlib.suppress(SaveFailed):
            action()

    def restore(self) -> None:
        """The program starts again from what was last saved, by the table's rules."""
        if self.disk is None or self.snapshot is None:
            self.attach(None)
            self.elapsed = None
            return
        was, saved_wall, saved_now, boot = self.snapshot
        if was is not None:
            if boot == self.clock.boot_id():
                was += self.clock.now() - saved_now  # same boot: the boot clock
            else:
                gone = self.clock.wall() - saved_wall  # after a reboot: the wall clock
                was = was + gone if gone >= 0 else math.inf  # set back: in doubt, past its time
        self.elapsed = was
        self.attach(Therapy.from_state(json.loads(self.disk), self.clock))

    # -- what happens --

    @rule(seconds=st.one_of(st.floats(0, 45), st.floats(0, 3 * HOUR)))
    def time_passes(self, seconds: float) -> None:
        """Awake or suspended: both clocks move (the boot clock counts suspend)."""
        self.clock.advance(seconds)
        if self.elapsed is not None:
            self.elapsed += seconds

    @rule(seconds=st.floats(-2 * HOUR, 2 * HOUR))
    def wall_clock_is_set(self, seconds: float) -> None:
        self.clock.jump_wall(seconds)

    @rule()
    def wakes_up(self) -> None:
        if self.therapy is not None:
            self.attempt(self.therapy.update)

    @rule(fail=st.booleans())
    def disk_fills_or_frees(self, fail: bool) -> None:
        self.failing = fail

    @rule()
    def saves(self) -> None:
        if self.therapy is not None:
            self.attempt(self.save)

    @rule()
    def person_takes_it_off(self) -> None:
        if self.therapy is not None:
            self.attempt(self.therapy.removed)

    @rule(normal=st.booleans())
    def person_looks_at_the_skin(self, normal: bool) -> None:
        if self.therapy is not None:
            self.attempt(lambda: self.therapy.skin_checked(normal))

    @rule()
    def person_reapplies(self) -> None:
        if self.therapy is not None:
            self.attempt(self.therapy.next_cycle)

    @precondition(lambda self: self.disk is not None)
    @rule()
    def program_restarts(self) -> None:
        self.restore()

    @rule(downtime=st.one_of(st.floats(0, 60), st.floats(0, 2 * HOUR)))
    def machine_reboots(self, downtime: float) -> None:
        self.clock.reboot(downtime)
        self.restore()

    # -- what must always hold --

    @invariant()
    def never_more_than_one_application_left(self) -> None:
        t = self.therapy
        if t is None or t.phase is not Phase.ON:
            return
        left = t.remaining()
        assert left is not None and left <= self.on_s + 1e-6
        if self.elapsed is not None:
            assert left <= max(0.0, self.on_s - self.elapsed) + 1e-3, (left, self.elapsed)

    @invariant()
    def a_pack_past_its_time_has_an_alarm_due_within_30_seconds(self) -> None:
        t = self.therapy
        if t is None or not t.pack_on or self.elapsed is None:
            return
        if self.elapsed >= self.on_s - 1e-3:
            due = t.next_deadline()
            assert due is not None
            assert due - self.clock.now() <= ALARM_EVERY / self.spec.speed + 1e-3


TestPackTimer = PackTimer.TestCase
TestPackTimer.settings = settings(
    max_examples=80,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
