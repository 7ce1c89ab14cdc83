"""Cold and heat applications: on, "remove it now", skin rest, skin check, and again.

Everything runs on wall-clock deadlines, because a pack on the skin keeps going while the
program is closed or the laptop sleeps. The whole state is a small dict that can be saved and
restored: a timer restored after a crash or a suspend catches up at once and says how overdue
it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from unknot.core.clock import Clock
from unknot.core.routine import THERAPY_OFF_MIN, THERAPY_ON_ADVISED, THERAPY_ON_LIMITS
from unknot.core.routine import Therapy as TherapyStep
from unknot.core.safety import Stop

ON_MIN, ON_MAX = THERAPY_ON_LIMITS
WARN_BEFORE = 60.0
ALARM_EVERY = 30.0
KINDS = ("ice", "heat")


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
        if not 1 <= self.cycles <= 6:
            raise TherapyError("cycles: from 1 to 6")
        return self

    @property
    def long(self) -> bool:
        """Longer than most guidance advises (allowed, with a warning)."""
        return self.on > THERAPY_ON_ADVISED

    @property
    def words(self) -> str:
        return "cold pack" if self.kind == "ice" else "heat pack"


@dataclass(frozen=True)
class TherapyEvent:
    """`name`: started, warning, remove, alarm, removed, rest-over, skin-ok, skin-problem,
    next-cycle, done, stopped. `at` is the wall-clock time it was due."""

    name: str
    at: float
    cycle: int
    overdue: float = 0.0


class Therapy:
    def __init__(self, spec: TherapySpec, clock: Clock, state: dict[str, Any] | None = None):
        self.spec = spec.check()
        self.clock = clock
        self.phase = Phase.READY
        self.cycle = 1
        self.deadline: float | None = None  # wall time the current timed phase ends
        self.on_ended: float | None = None  # wall time the last on-phase ended
        self.warned = False
        self.alarms = 0  # alarms sounded since the on-phase ended
        self.overdue_at_removal: list[float] = []
        self.skin: list[str] = []
        self.started_at: float | None = None  # wall time of the first application
        self._listeners: list[Callable[[TherapyEvent], None]] = []
        if state:
            self._restore(state)

    # -- observing --

    def subscribe(self, listener: Callable[[TherapyEvent], None]) -> None:
        self._listeners.append(listener)

    def _emit(self, name: str, at: float, overdue: float = 0.0) -> None:
        event = TherapyEvent(name, at, self.cycle, overdue)
        for listener in list(self._listeners):
            listener(event)

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
        if self.phase in (Phase.ON, Phase.REST) and self.deadline is not None:
            return max(0.0, self.deadline - self.clock.wall())
        return None

    def overdue(self) -> float:
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            return max(0.0, self.clock.wall() - self.on_ended)
        return 0.0

    def next_deadline(self) -> float | None:
        """Wall time of the next thing due, if anything is."""
        if self.phase is Phase.ON and self.deadline is not None:
            warn = self.deadline - self._seconds(WARN_BEFORE)
            if not self.warned and self.spec.on > 2 * WARN_BEFORE:
                return warn
            return self.deadline
        if self.phase is Phase.REST:
            return self.deadline
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            return self.on_ended + self.alarms * self._seconds(ALARM_EVERY)
        return None

    # -- driving --

    def start(self) -> None:
        if self.phase is Phase.READY:
            self.started_at = self.clock.wall()
            self._begin_on(self.started_at)

    def update(self) -> None:
        """Fire what is due by now. After a long gap (a suspend, a restart) it says so once,
        with the true overdue time, rather than replaying every missed alarm."""
        now = self.clock.wall()
        if self.phase is Phase.ON and self.deadline is not None:
            warn_at = self.deadline - self._seconds(WARN_BEFORE)
            if not self.warned and self.spec.on > 2 * WARN_BEFORE and now >= warn_at:
                self.warned = True
                if now < self.deadline:
                    self._emit("warning", warn_at)
            if now >= self.deadline:
                self.phase = Phase.REMOVE
                self.on_ended = self.deadline
                self.alarms = int((now - self.deadline + 1e-6) // self._seconds(ALARM_EVERY)) + 1
                self._emit("remove", self.deadline, now - self.deadline)
        if self.phase is Phase.REMOVE and self.on_ended is not None:
            every = self._seconds(ALARM_EVERY)
            # alarms that should have sounded; the epsilon absorbs rounding in wall times
            due = int((now - self.on_ended + 1e-6) // every) + 1
            if due > self.alarms:
                self.alarms = due
                self._emit("alarm", now, now - self.on_ended)
        if self.phase is Phase.REST and self.deadline is not None and now >= self.deadline:
            self.phase = Phase.SKIN_CHECK
            self._emit("rest-over", self.deadline)

    def removed(self) -> None:
        """The person says the pack is off: the skin rest starts now."""
        self.update()
        if self.phase is not Phase.REMOVE:
            return
        now = self.clock.wall()
        overdue = self.overdue()
        self.overdue_at_removal.append(overdue)
        self.phase = Phase.REST
        self.deadline = now + self._seconds(self.spec.off)
        self._emit("removed", now, overdue)

    def skin_checked(self, normal: bool) -> None:
        """Normal skin: another application may follow. White, grey, numb, blistered or very
        red skin: no more applications."""
        if self.phase is not Phase.SKIN_CHECK:
            return
        now = self.clock.wall()
        self.skin.append("normal" if normal else "problem")
        if not normal:
            self.phase = Phase.STOPPED
            self._emit("skin-problem", now)
            return
        self._emit("skin-ok", now)
        if self.cycle >= self.spec.cycles:
            self.phase = Phase.DONE
            self._emit("done", now)
        else:
            self.phase = Phase.NEXT

    def next_cycle(self) -> None:
        """Only after the person confirms: the next application starts."""
        if self.phase is Phase.NEXT:
            self.cycle += 1
            self._begin_on(self.clock.wall())
            self._emit("next-cycle", self.clock.wall())

    def take_off_now(self) -> None:
        """End the on-phase now (a safety stop says to take the pack off): the remove-it
        alarm comes at once and repeats until the person says it is off."""
        if self.phase is Phase.ON:
            self.deadline = self.clock.wall()
            self.warned = True
            self.update()

    def stop(self) -> None:
        if self.phase not in (Phase.DONE, Phase.STOPPED):
            self.phase = Phase.STOPPED
            self._emit("stopped", self.clock.wall())

    def _begin_on(self, at: float) -> None:
        self.phase = Phase.ON
        self.deadline = at + self._seconds(self.spec.on)
        self.warned = False
        self.alarms = 0
        self.on_ended = None
        self._emit("started", at)

    # -- saving --

    def to_state(self) -> dict[str, Any]:
        spec = self.spec
        return {
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
            "warned": self.warned,
            "alarms": self.alarms,
            "overdue_at_removal": self.overdue_at_removal,
            "skin": self.skin,
            "started_at": self.started_at,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], clock: Clock) -> Therapy:
        spec = TherapySpec(
            str(state["kind"]),
            float(state["on"]),
            float(state["off"]),
            int(state["cycles"]),
            float(state.get("speed", 1.0)),
            str(state.get("title", "")),
        )
        return cls(spec, clock, state)

    def _restore(self, state: dict[str, Any]) -> None:
        self.phase = Phase(state["phase"])
        self.cycle = int(state["cycle"])
        self.deadline = _float_or_none(state.get("deadline"))
        self.on_ended = _float_or_none(state.get("on_ended"))
        self.warned = bool(state.get("warned"))
        self.alarms = int(state.get("alarms", 0))
        self.overdue_at_removal = [float(x) for x in state.get("overdue_at_removal", [])]
        self.skin = [str(x) for x in state.get("skin", [])]
        self.started_at = _float_or_none(state.get("started_at"))

    def elapsed(self) -> float:
        """Seconds since the first application started."""
        if self.started_at is None:
            return 0.0
        return max(0.0, self.clock.wall() - self.started_at)


def _float_or_none(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def spec_from_step(step: TherapyStep, speed: float = 1.0) -> TherapySpec:
    """The spec of a routine's ice: or heat: step."""
    return TherapySpec(step.kind, step.on, step.off, step.cycles, speed, step.title)


SKIN_PROBLEM = (
    "Your skin looked white, grey or waxy, numb, blistered, or very red after the pack. "
    "Don't reapply."
)


def skin_stop() -> Stop:
    """A skin check that wasn't normal: no more applications, and see the doctor."""
    return Stop("doctor", SKIN_PROBLEM, "skin")
