"""Which sound cue goes with which moment: the one place the engine's events become cues."""

from __future__ import annotations

from unknot.core.engine.plan import Kind
from unknot.core.engine.prompts import Happening, ReminderSignal, Signal, StopSignal
from unknot.core.engine.session import Event, EventName, Outcome
from unknot.core.engine.therapy import TherapyEvent, TherapyEventName
from unknot.core.format.routine import Routine, Step

# Cues a routine may replace through its `sounds:` (the format's event names).
OVERRIDABLE = ("start", "switch", "countdown", "end", "done", "alarm", "reminder")

_SEGMENT_CUES = {
    Kind.HOLD: "start",
    Kind.REPS: "start",
    Kind.SET: "start",
    Kind.SWITCH: "switch",
    Kind.REST: "end",
}
_BREATH_CUES = {"breathe-in": "breathe-in", "breathe-out": "breathe-out"}


def session_cue(event: Event) -> str | None:
    seg = event.segment
    if event.name is EventName.SEGMENT and seg is not None:
        return _SEGMENT_CUES.get(seg.kind)
    if event.name is EventName.BEAT and seg is not None:
        if event.beat == "countdown":
            # getting ready (or switching sides) counts in with soft ticks; a hold or rest
            # counts out with firmer ones
            return "tick" if seg.kind in (Kind.PREP, Kind.SWITCH) else "countdown"
        if event.beat == "rep":
            return "tick"
        if event.beat == "warning":
            return "reminder"
        return _BREATH_CUES.get(event.beat)
    if event.name is EventName.FINISHED and event.value is Outcome.COMPLETED:
        return "done"
    return None


_THERAPY_CUES: dict[TherapyEventName, str] = {
    TherapyEventName.STARTED: "start",
    TherapyEventName.NEXT_CYCLE: "start",
    TherapyEventName.WARNING: "reminder",
    TherapyEventName.REMOVE: "alarm",
    TherapyEventName.ALARM: "alarm",
    TherapyEventName.REMOVED: "end",
    TherapyEventName.REST_OVER: "reminder",
    TherapyEventName.DONE: "done",
}
_SIGNAL_CUES: dict[type[Signal], str] = {StopSignal: "safety", ReminderSignal: "reminder"}


def therapy_cue(event: TherapyEvent) -> str | None:
    return _THERAPY_CUES.get(event.name)


def cue_for(happening: Happening) -> str | None:
    """The cue for anything the visit announces (a safety stop's own sound included)."""
    if isinstance(happening, Event):
        return session_cue(happening)
    if isinstance(happening, TherapyEvent):
        return therapy_cue(happening)
    if isinstance(happening, Signal):
        return _SIGNAL_CUES.get(type(happening))
    return None


def override(cue: str, step: Step | None, routine: Routine | None) -> str | None:
    """A step's or routine's own sound for `cue`, if it names one."""
    if cue not in OVERRIDABLE:
        return None
    if step is not None and cue in step.sounds:
        return step.sounds[cue]
    if routine is not None and cue in routine.sounds:
        return routine.sounds[cue]
    return None
