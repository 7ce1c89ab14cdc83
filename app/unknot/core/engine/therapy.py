"""Cold and heat applications: on, "remove it now", skin rest, skin check, and again.

While the program runs, every deadline is on the boot clock (`clock.now()`): it counts time
the laptop slept and nobody can set it, so a wall clock set back an hour can't leave a pack on
for an extra hour. Saved state records both clocks and the boot id, and a restored timer
bridges the gap like this:

- same boot: the boot clock says how long it was closed;
- after a reboot: the wall clock does (the boot clock started again);
- the wall clock went back across a reboot: nobody knows how long the pack was on, so the
  alarm sounds at once (early, never late);
- and whatever the clocks say, a pack is never on for longer than the spec's `on`.

A wall clock that jumps while running, or between a save and a restore, is said as a
`clock-jumped` event with the size of the jump. A timer restored after a crash or a suspend
catches up at once and says how overdue it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from unknot.core import savedstate as saved
from unknot.core.clock import Clock
from unknot.core.durations import format_clock
from unknot.core.limits import (
    MAX_SPEED,
    MIN_SPEED,
    THERAPY_CYCLES_MOST,
    THERAPY_OFF_MIN,
    THERAPY_OFF_MOST,
    THERAPY_ON_ADVISED,
    THERAPY_ON_CHOICES,
    THERAPY_ON_LIMITS,
)
from unknot.core.safety.skin import SKIN_FIRST_AID, SKIN_PROBLEM

if TYPE_CHECKING:  # only to name their types
    from unknot.core.format.routine import Therapy as TherapyStep
    from unknot.core.safety.signs import Stop

ON_MIN, ON_MAX = THERAPY_ON_LIMITS
OFF_MOST = THERAPY_OFF_MOST
CYCLES_MOST = THERAPY_CYCLES_MOST
WARN_BEFORE = 60.0
ALARM_EVERY = 30.0
KINDS = ("ice", "heat")
# The copy that owns a timer saves each alarm within moments of sounding it: a saved timer this
# far behind one comes from a copy that isn't sounding them (stopped, hung, unable to save).
OWNER_GRACE = 5.0
# A wall clock that moves this much more or less than the boot clock has been set: NTP's
# small steps stay under it, a person or a dead RTC battery goes far over.
JUMP_TOLERANCE = 2.0
STATE_VERSION = 2


class TherapyError(ValueError):
    pass


class Phase(str, Enum):
    READY = "ready"
    ON = "on"  # the pack is on
    REMOVE = "remove"  # time is up: alarm until the person says it is off
    REST = "rest"  # skin rest
    SKIN_CHECK = "skin-check"  # look at the skin
    NEXT = "next"  # waiting for the person to start the next application
    DONE = "done"
    STOPPED = "stopped"


PHASE_WORDS = {
    Phase.READY: "READY",
    Phase.ON: "ON",
    Phase.REMOVE: "REMOVE IT NOW",
    Phase.REST: "OFF",
    Phase.SKIN_CHECK: "LOOK AT YOUR SKIN",
    Phase.NEXT: "YOU MAY REAPPLY",
    Phase.DONE: "DONE",
    Phase.STOPPED: "STOPPED",
}


@dataclass(frozen=True)
class TherapySpec:
    kind: str  # ice or heat
    on: float = 1200.0
    off: float = 1200.0
    cycles: int = 1
    speed: float = 1.0  # a preview divides every duration by this
    title: str = ""

    def check(self) -> TherapySpec:
        """The same spec, or TherapyError saying what is wrong. The 30-minute cap is absolute."""
        if self.kind not in KINDS:
            raise TherapyError(f"kind must be ice or heat, not {self.kind!r}")
        for name in ("on", "off", "speed"):
            if not math.isfinite(getattr(self, name)):
                raise TherapyError(f"{name}: not a number")
        if self.on > ON_MAX:
            raise TherapyError(
                f"on: {self.on / 60:g} minutes is too long; the most unknot allows is 30 "
                "minutes (20 is what most guidance advises)"
            )
        if self.on < ON_MIN:
            raise TherapyError("on: an application is at least 1 minute")
        if self.off < THERAPY_OFF_MIN:
            raise TherapyError(
                f"off: {self.off / 60:g} minutes is too short; let the skin rest at least "
                "20 minutes between applications"
            )
        if self.off > OFF_MOST:
            raise TherapyError("off: a skin rest of more than a week is not a timer")
        if not 1 <= self.cycles <= CYCLES_MOST:
            raise TherapyError(f"cycles: from 1 to {CYCLES_MOST}")
        if not MIN_SPEED <= self.speed <= MAX_SPEED:
            raise TherapyError(f"speed: from {MIN_SPEED:g} to {MAX_SPEED:g}")
        return self

    @property
    def long(self) -> bool:
        """Longer than most guidance advises (allowed, with a warning)."""
        return self.on > THERAPY_ON_ADVISED

    @property
    def words(self) -> str:
        return "cold pack" if self.kind == "ice" else "heat pack"


SKIN_REST = THERAPY_OFF_MIN  # the least rest between two applications, whatever the timers


def skin_rest_left(skin_off: float | None, wall: float) -> float:
    """Seconds the skin has still to rest, at wall time `wall`, since the last real application
    came off at wall time `skin_off`; 0 once it has rested enough. A wall clock that went back
    makes the removal look in the future: counted as just now, so the wait is longer, never
    shorter."""
    if skin_off is None:
        return 0.0
    since = wall - skin_off if skin_off <= wall else 0.0
    return max(0.0, SKIN_REST - since)


def on_choices() -> list[tuple[float, str]]:
    """How long a pack may stay on, as offered to choose from: (seconds, words). The advised
    length is the default; nothing offered is over the limit."""
    choices = []
    for seconds in THERAPY_ON_CHOICES:
        words = f"{seconds / 60:g} minutes"
        if seconds == THERAPY_ON_ADVISED:
            words += " (what most guidance advises)"
        elif seconds == ON_MAX:
            words += " (the most unknot allows)"
        elif seconds > THERAPY_ON_ADVISED:
            words += " (longer than most guidance advises)"
        choices.append((seconds, words))
    return choices


class TherapyEventName(Enum):
    """What happened to a pack. Each application is said once, as STARTED (the first) or
    NEXT_CYCLE (every later one). The values are the words the logs use."""

    STARTED = "started"
    WARNING = "warning"
    REMOVE = "remove"
    ALARM = "alarm"
    REMOVED = "removed"
    REST_OVER = "rest-over"
    SKIN_OK = "skin-ok"
    SKIN_PROBLEM = "skin-problem"
    NEXT_CYCLE = "next-cycle"
    DONE = "done"
    STOPPED = "stopped"
    CLOCK_JUMPED = "clock-jumped"


@dataclass(frozen=True)
class TherapyEvent:
    """`name`: what happened to the pack. `at` is the wall-clock time it was due (for the
    history). `jump`: for clock-jumped, how far the wall clock moved beyond the time that
    passed (negative: it was set back). `time_on`: for removed, how long the pack was on
    (shorter than planned when a stop took it off early)."""

    name: TherapyEventName
    at: float
    cycle: int
    overdue: float = 0.0
    jump: float = 0.0
    time_on: float = 0.0


class Therapy:
    def __init__(self, spec: TherapySpec, clock: Clock, state: dict[str, Any] | None = None):
        self.spec = spec.check()
        self.clock = clock
        self.phase = Phase.READY
        self.cycle = 1
        self.deadline: float | None = None  # boot-clock time the current timed phase ends
        self.on_ended: float | None = None  # boot-clock time the last on-phase ended
        self.on_began: float | None = None  # boot-clock time the current application began
        self.warned = False
        self.alarms = 0  # alarms sounded since the on-phase ended
        self.overdue_at_removal: list[float] = []
        self.skin: list[str] = []
        self.started_at: float | None = None  # wall time of the first application (history)
        self.started: float | None = None  # the same moment on the boot clock
        self._offset: float | None = None  # wall minus boot clock when last looked at
        # Restored only: boot-clock time of the first alarm the saved state doesn't record as
        # sounded. The copy that owns a timer saves each alarm as it sounds it, so one that
        # falls behind this (stopped, hung, or unable to save) has left the pack unalarmed.
        self.owed_at: float | None = None
        self._pending: list[TherapyEvent] = []  # found while restoring, said at the next update
        self._listeners: list[Callable[[TherapyEvent], None]] = []
        self._failures: list[Exception] = []
        if state:
            self._restore(state)

    # -- observing --

    def subscribe(self, listener: Callable[[TherapyEvent], None]) -> None:
        self._listeners.append(listener)

    def _emit(
        self,
        name: TherapyEventName,
        at: float,
        overdue: float = 0.0,
        jump: float = 0.0,
        time_on: float = 0.0,
    ) -> None:
        """Tell every listener, `at` being a boot-clock time. One listener failing (a save on
        a full disk) never keeps the others (the alarm's sound, the screen) from hearing."""
        wall_at = at + self.clock.wall() - self.clock.now()
        self._send(TherapyEvent(name, wall_at, self.cycle, overdue, jump, time_on))

    def _send(self, event: TherapyEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as exc:
                self._failures.append(exc)

    def _settle(self) -> None:
        """After a whole step has run and been heard: the first listener failure, if any."""
        if self._failures:
            failure, self._failures = self._failures[0], []
            raise failure

    @property
    def active(self) -> bool:
        return self.phase not in (Phase.READY, Phase.DONE, Phase.STOPPED)

    @property
    def skin_problem(self) -> bool:
        return bool(self.skin) and self.skin[-1] == "problem"

    @property
    def pack_on(self) -> bool:
        return self.phase in (Phase.ON, Phase.REMOVE)

    def _seconds(self, authored: float) -> float:
        return authored / self.spec.speed

    def remaining(self) -> float | None:
        """Seconds left in the on-phase or the skin rest; never more than the phase's length."""
        now = self.clock.now()
        if self.phase is Phase.ON and self.deadline is not None:
            return min(max(0.0, self.deadline - now), self._seconds(self.spec.on))
        if self.phase is Phase.REST and self.deadline is not None:
            return min(max(0.0, self.deadline - now), self._seconds(self.spec.off))
        return None

    def owner_behind(self) -> bool:
        """Restored from a copy that still owns the timer: has that copy missed an alarm?"""
        return self.owed_at is not None and self.clock.now() >= self.owed_at + OWNER_GRACE

    def overdue(self) -> float:
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            return max(0.0, self.clock.now() - self.on_ended)
        return 0.0

    def describe(self) -> str:
        """Where the timer is, in a few words: 'on, 01:58 left', 'REMOVE IT NOW, overdue by
        00:12', 'rest, 19:30 left', 'skin-check'."""
        left = self.remaining()
        speed = self.spec.speed
        if left is not None:
            return f"{self.phase.value}, {format_clock(left * speed)} left"
        if self.phase is Phase.REMOVE:
            return f"REMOVE IT NOW, overdue by {format_clock(self.overdue() * speed)}"
        return str(self.phase.value)

    def describe_by_clock(self) -> str:
        """Where the timer is, by the wall clock's time, so it stays true however much later
        it is read: 'on until 14:05', 'REMOVE IT NOW, due since 14:05', 'skin rest until
        14:35', 'skin-check'."""
        now, wall = self.clock.now(), self.clock.wall()

        def at(boot: float) -> str:
            return f"{dt.datetime.fromtimestamp(wall + boot - now):%H:%M}"

        left = self.remaining()
        if left is not None:
            what = "on" if self.phase is Phase.ON else "skin rest"
            return f"{what} until {at(now + left)}"
        if self.phase is Phase.REMOVE:
            return f"REMOVE IT NOW, due since {at(now - self.overdue())}"
        return str(self.phase.value)

    def next_deadline(self) -> float | None:
        """Boot-clock time (`clock.now()`'s scale) of the next thing due, if anything is."""
        now = self.clock.now()
        if self.phase is Phase.ON and self.deadline is not None:
            deadline = min(self.deadline, now + self._seconds(self.spec.on))
            warn = deadline - self._seconds(WARN_BEFORE)
            if not self.warned and self.spec.on > 2 * WARN_BEFORE:
                return warn
            return deadline
        if self.phase is Phase.REST:
            return self.deadline
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            return self.on_ended + self.alarms * self._seconds(ALARM_EVERY)
        return None

    # -- driving --

    def start(self) -> None:
        if self.phase is Phase.READY:
            self.started_at = self.clock.wall()
            self.started = self.clock.now()
            self._offset = self.started_at - self.started
            self._begin_on(self.started, TherapyEventName.STARTED)
            self._settle()

    def update(self) -> None:
        """Fire what is due by now. After a long gap (a suspend, a restart) it says so once,
        with the true overdue time, rather than replaying every missed alarm."""
        self._update()
        self._settle()

    def _update(self) -> None:
        now = self.clock.now()
        self._notice_jump(now)
        while self._pending:
            self._send(self._pending.pop(0))
        if self.phase is Phase.ON and self.deadline is not None:
            warn_at = self.deadline - self._seconds(WARN_BEFORE)
            if not self.warned and self.spec.on > 2 * WARN_BEFORE and now >= warn_at:
                self.warned = True
                if now < self.deadline:
                    self._emit(TherapyEventName.WARNING, warn_at)
            if now >= self.deadline:
                self.phase = Phase.REMOVE
                self.on_ended = self.deadline
                self.alarms = int((now - self.deadline + 1e-6) // self._seconds(ALARM_EVERY)) + 1
                self._emit(TherapyEventName.REMOVE, self.deadline, now - self.deadline)
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            every = self._seconds(ALARM_EVERY)
            # alarms that should have sounded; the epsilon absorbs rounding in clock times
            due = int((now - self.on_ended + 1e-6) // every) + 1
            if due > self.alarms:
                self.alarms = due
                self._emit(TherapyEventName.ALARM, now, now - self.on_ended)
        if self.phase is Phase.REST and self.deadline is not None and now >= self.deadline:
            self.phase = Phase.SKIN_CHECK
            self._emit(TherapyEventName.REST_OVER, self.deadline)

    def _notice_jump(self, now: float) -> None:
        """The boot clock decides; a wall clock that moved apart from it is worth saying."""
        offset = self.clock.wall() - now
        before, self._offset = self._offset, offset
        if before is not None and self.active and abs(offset - before) >= JUMP_TOLERANCE:
            self._pending.append(
                TherapyEvent(
                    TherapyEventName.CLOCK_JUMPED,
                    self.clock.wall(),
                    self.cycle,
                    jump=offset - before,
                )
            )

    def removed(self) -> None:
        """The person says the pack is off: the skin rest starts now."""
        self._update()
        if self.phase is not Phase.REMOVE:
            self._settle()
            return
        now = self.clock.now()
        overdue = self.overdue()
        self.overdue_at_removal.append(overdue)
        self.phase = Phase.REST
        self.deadline = now + self._seconds(self.spec.off)
        self._emit(TherapyEventName.REMOVED, now, overdue, time_on=self._time_on(now, overdue))
        self._settle()

    def _time_on(self, now: float, overdue: float) -> float:
        """How long the pack was on, up to `now`. From when it went on; a timer saved before
        that was kept can only say the planned time and what it was overdue."""
        if self.on_began is None:
            return self._seconds(self.spec.on) + overdue
        return max(0.0, now - self.on_began)

    def skin_checked(self, normal: bool) -> None:
        """Normal skin: another application may follow. White, grey, numb, blistered or very
        red skin: no more applications."""
        if self.phase is not Phase.SKIN_CHECK:
            return
        now = self.clock.now()
        self.skin.append("normal" if normal else "problem")
        if not normal:
            self.phase = Phase.STOPPED
            self._emit(TherapyEventName.SKIN_PROBLEM, now)
        else:
            self._emit(TherapyEventName.SKIN_OK, now)
            if self.cycle >= self.spec.cycles:
                self.phase = Phase.DONE
                self._emit(TherapyEventName.DONE, now)
            else:
                self.phase = Phase.NEXT
        self._settle()

    def next_cycle(self) -> None:
        """Only after the person confirms: the next application starts."""
        if self.phase is Phase.NEXT:
            self.cycle += 1
            self._begin_on(self.clock.now(), TherapyEventName.NEXT_CYCLE)
            self._settle()

    def finish(self) -> None:
        """At "you may reapply" the person has had enough: the timer is done, after fewer
        applications than it offered. Done, not stopped: a routine goes on to its next step."""
        if self.phase is Phase.NEXT:
            self.phase = Phase.DONE
            self._emit(TherapyEventName.DONE, self.clock.now())
            self._settle()

    def take_off_now(self) -> None:
        """End the on-phase now (a safety stop says to take the pack off): the remove-it
        alarm comes at once and repeats until the person says it is off."""
        if self.phase is Phase.ON:
            self.deadline = self.clock.now()
            self.warned = True
            self.update()

    def stop(self) -> None:
        if self.phase not in (Phase.DONE, Phase.STOPPED):
            self.phase = Phase.STOPPED
            self._emit(TherapyEventName.STOPPED, self.clock.now())
            self._settle()

    def _begin_on(self, at: float, said_as: TherapyEventName) -> None:
        """An application starts, said once: STARTED for the first, NEXT_CYCLE after."""
        self.phase = Phase.ON
        self.on_began = at
        self.deadline = at + self._seconds(self.spec.on)
        self.warned = False
        self.alarms = 0
        self.on_ended = None
        self._emit(said_as, at)

    # -- saving --

    def to_state(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "version": STATE_VERSION,
            "kind": spec.kind,
            "on": spec.on,
            "off": spec.off,
            "cycles": spec.cycles,
            "speed": spec.speed,
            "title": spec.title,
            "phase": self.phase.value,
            "cycle": self.cycle,
            "deadline": self.deadline,
            "on_ended": self.on_ended,
            "on_began": self.on_began,
            "started": self.started,
            "warned": self.warned,
            "alarms": self.alarms,
            "overdue_at_removal": self.overdue_at_removal,
            "skin": self.skin,
            "started_at": self.started_at,
            # what the boot-clock times above are relative to
            "saved": {
                "boot_id": self.clock.boot_id(),
                "now": self.clock.now(),
                "wall": self.clock.wall(),
            },
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], clock: Clock) -> Therapy:
        """A timer from saved state, read as hostile: anything out of shape or out of bounds
        raises SavedStateError or TherapyError (both ValueError) with a one-line reason."""
        state = dict(saved.mapping(state, "the saved timer"))
        spec = TherapySpec(
            saved.text(state, "kind"),
            saved.number(state, "on", ON_MIN, ON_MAX),
            saved.number(state, "off", THERAPY_OFF_MIN, OFF_MOST),
            saved.whole(state, "cycles", 1, CYCLES_MOST),
            saved.number({"speed": state.get("speed", 1.0)}, "speed", MIN_SPEED, MAX_SPEED),
            saved.text(state, "title", ""),
        )
        return cls(spec, clock, state)

    def _restore(self, state: dict[str, Any]) -> None:
        phase = saved.text(state, "phase")
        if phase not in {p.value for p in Phase}:
            raise saved.SavedStateError(f"phase: {phase!r} is not a phase")
        self.phase = Phase(phase)
        self.cycle = saved.whole(state, "cycle", 1, self.spec.cycles)
        deadline = saved.time_value(state, "deadline")
        on_ended = saved.time_value(state, "on_ended")
        on_began = saved.time_value(state, "on_began")
        started = saved.time_value(state, "started")
        self.warned = saved.flag(state, "warned")
        self.alarms = saved.whole({"alarms": state.get("alarms", 0)}, "alarms", 0, 10**9)
        self.overdue_at_removal = saved.numbers(
            state, "overdue_at_removal", self.spec.cycles, 0.0, saved.TIME_MOST
        )
        self.skin = saved.choices(state, "skin", self.spec.cycles, ("normal", "problem"))
        self.started_at = saved.time_value(state, "started_at")
        if self.phase in (Phase.ON, Phase.REST) and deadline is None:
            raise saved.SavedStateError(f"phase {phase} has no deadline")
        if self.phase is Phase.REMOVE and on_ended is None:
            raise saved.SavedStateError("phase remove has no time the pack was due off")

        now, wall = self.clock.now(), self.clock.wall()
        shift, doubt = self._bridge(state, now, wall)

        def moved(t: float | None) -> float | None:
            return None if t is None else t + shift

        self.deadline, self.on_ended = moved(deadline), moved(on_ended)
        began = moved(on_began)
        self.on_began = None if began is None else min(now, began)
        self.started = None if started is None else min(now, started + shift)
        if self.started is None and self.started_at is not None:
            self.started = min(now, self.started_at - wall + now)
        # Whatever the clocks said: never more than one application on, never a negative
        # overdue, and an alarm due at once for a pack that is past its time.
        if self.phase is Phase.ON and self.deadline is not None:
            self.deadline = min(self.deadline, now if doubt else now + self._seconds(self.spec.on))
            self.owed_at = self.deadline
        elif self.phase is Phase.REST and self.deadline is not None:
            self.deadline = min(self.deadline, now + self._seconds(self.spec.off))
        elif self.phase is Phase.REMOVE and self.on_ended is not None:
            self.on_ended = min(self.on_ended, now)
            self.owed_at = self.on_ended + self.alarms * self._seconds(ALARM_EVERY)
            due = int((now - self.on_ended + 1e-6) // self._seconds(ALARM_EVERY)) + 1
            self.alarms = min(self.alarms, due - 1)
        self._offset = wall - now

    def _bridge(self, state: dict[str, Any], now: float, wall: float) -> tuple[float, bool]:
        """How far to move saved boot-clock times onto this boot's clock, and whether the
        clocks left it in doubt how long passed (then the pack is taken as past its time)."""
        if state.get("version") is None:
            # Written before both clocks were saved: its times are wall-clock times.
            return now - wall, False
        saved.whole(state, "version", STATE_VERSION, STATE_VERSION)
        record = saved.mapping(state.get("saved"), "saved")
        boot = saved.text(record, "boot_id")
        saved_now = saved.number(record, "now", -saved.TIME_MOST, saved.TIME_MOST)
        saved_wall = saved.number(record, "wall", -saved.TIME_MOST, saved.TIME_MOST)
        wall_gone = wall - saved_wall
        if boot == self.clock.boot_id() and now >= saved_now:
            # Same boot: the boot clock says how long it was; the wall clock may have moved.
            self._jumped(wall, wall_gone - (now - saved_now))
            return 0.0, False
        # A reboot (or a boot clock that went back, which only a reboot does): the wall clock
        # is all there is. Set back across it, it can't say how long passed.
        if wall_gone < 0:
            self._jumped(wall, wall_gone)
            return now - saved_now, True
        return now - saved_now - wall_gone, False

    def _jumped(self, wall: float, jump: float) -> None:
        if abs(jump) >= JUMP_TOLERANCE:
            self._pending.append(
                TherapyEvent(TherapyEventName.CLOCK_JUMPED, wall, self.cycle, jump=jump)
            )

    def elapsed(self) -> float:
        """Seconds since the first application started."""
        if self.started is None:
            return 0.0
        return max(0.0, self.clock.now() - self.started)


def spec_from_step(step: TherapyStep, speed: float = 1.0) -> TherapySpec:
    """The spec of a routine's ice: or heat: step."""
    return TherapySpec(step.kind, step.on, step.off, step.cycles, speed, step.title)


def skin_stop(kind: str) -> Stop:
    """A skin check that wasn't normal: no more applications, the first aid for a cold
    injury or a burn, and see the doctor."""
    # Imported here: `unknot status` reads a saved timer through this module on every
    # status-bar refresh, and has no use for the safety rules.
    from unknot.core.safety.signs import Stop

    return Stop("doctor", SKIN_PROBLEM, "skin", act=SKIN_FIRST_AID[kind])
