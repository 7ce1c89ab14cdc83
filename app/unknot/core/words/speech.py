"""What a voice says for each moment of a routine, a cold/heat timer or a reminder.

Pure functions from the engines' events to words, written for the ear: the step first, then
its side and length, durations spelled out ("1 minute 30 seconds", never "1m30s" or "01:30"),
short enough to finish before the next thing is due. A person lying on the floor hears what
to do without looking at the screen.

A routine's cold or heat step is run by a therapy timer, so its words come from
`therapy_speech`; the routine's own segments for it stay silent here and nothing is said twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unknot.core.engine.plan import Kind, Segment
from unknot.core.engine.prompts import Happening, ReminderSignal, StopSignal
from unknot.core.engine.reminders import Reminder
from unknot.core.engine.session import Event, EventName, Outcome
from unknot.core.engine.therapy import TherapyEvent, TherapyEventName, TherapySpec
from unknot.core.format.routine import Breathe, Exercise, Stretch
from unknot.core.safety.signs import EmergencyNumber, Stop
from unknot.core.safety.skin import NOT_NORMAL_SAID, TOWEL
from unknot.core.text import one_line

if TYPE_CHECKING:  # the visit is only named: loading it here would load the whole engine
    from unknot.core.engine.visit import Visit

# How long, after it was due, each kind of phrase is still worth saying.
KEEP_STEP = 6.0
KEEP_COUNT = 0.9  # "3", "2", "1" and rep counts: a late number is a wrong number
COUNTED = (Kind.HOLD, Kind.REST)  # segments whose last three seconds are counted aloud
BREATHS = {"breathe-in": "Breathe in", "breathe-hold": "Hold", "breathe-out": "Breathe out"}
SKIN_SIGNS = f"{NOT_NORMAL_SAID.capitalize()} skin: don't put the pack on again."


@dataclass(frozen=True)
class Speech:
    """Words to say. `important` words (a safety stop, "take the pack off now") are never
    cut off and never dropped; anything else is cut off by newer words, and dropped if it
    can't start within `keep` seconds of being asked for."""

    text: str
    important: bool = False
    keep: float = KEEP_STEP


def spoken_duration(seconds: float) -> str:
    """'30 seconds', '1 minute', '1 minute 30 seconds', '1 hour 5 minutes', '2.5 seconds'."""
    if 0 < seconds < 10 and seconds != int(seconds):
        return f"{round(seconds, 1):g} seconds"
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        _count(n, unit) for n, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second")) if n
    ]
    return " ".join(parts) if parts else "0 seconds"


def spoken_overdue(seconds: float) -> str:
    """How late, to the minute once it is a minute or more: '2 minutes', '40 seconds'."""
    if seconds >= 60:
        return _count(max(1, int(seconds // 60)), "minute")
    return _count(max(1, int(math.ceil(seconds))), "second")


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _sentence(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _side(segment: Segment) -> str:
    return f"{segment.side} side" if segment.side else ""


def _length(segment: Segment) -> str:
    # The length as written, not as a --speed preview shortens it: the author hears the
    # routine as it will be.
    seconds = segment.authored if segment.authored is not None else segment.duration
    return spoken_duration(seconds) if seconds is not None else ""


def _announce(segment: Segment) -> str:
    """The step, its side and its length: said while the person gets ready."""
    step = segment.step
    title = one_line(segment.title)
    if isinstance(step, Stretch):
        side = f"{step.sides[0]} side" if step.sides else ""
        hold = spoken_duration(step.hold)
        length = f"{step.reps} holds of {hold}" if step.reps > 1 else hold
        return _sentence(title, side, length)
    if isinstance(step, Exercise):
        side = f"{step.sides[0]} side" if step.sides else ""
        return _sentence(title, side, f"{step.reps} times")
    if isinstance(step, Breathe):
        return _sentence(title, spoken_duration(step.duration))
    return _sentence(title, _length(segment))


def _segment_speech(segment: Segment) -> Speech | None:
    kind = segment.kind
    if kind is Kind.PREP:
        return Speech(_announce(segment))
    if kind is Kind.HOLD:
        # The side was named as the person got ready, or as they switched.
        if segment.rep > 1:
            return Speech(f"Hold, {segment.rep} of {segment.reps}")
        return Speech("Hold")
    if kind is Kind.SWITCH:
        return Speech(_sentence("Switch sides", _side(segment)))
    if kind is Kind.REST:
        if segment.step.kind == "rest":
            return Speech(_sentence("Rest", _length(segment)))
        return Speech("Rest")
    if kind is Kind.REPS:
        return Speech("Go")
    if kind is Kind.SET:
        return Speech(_sentence(one_line(segment.title), _side(segment), f"{segment.reps} times"))
    if kind is Kind.NOTE:
        note = one_line(segment.title)
        return Speech(note) if note else None
    if kind is Kind.CHECK:
        return Speech(_sentence(one_line(segment.title), "how is your pain, from 0 to 10?"))
    # Breathing speaks through its beats (the first is due as the segment starts); cold and
    # heat through the therapy timer.
    return None


def stop_speech(stop: Stop, number: EmergencyNumber, therapy_on: bool = False) -> Speech:
    """What to do, said once when a safety stop happens: the action first."""
    pack = " Take off any ice or heat pack now." if therapy_on else ""
    if stop.level == "emergency":
        words = f"Call {number.spoken} now. Don't drive yourself.{pack}"
    elif stop.level == "urgent":
        words = f"Stop now.{pack} Get medical advice today."
    elif stop.level == "doctor":
        words = f"Stop this routine.{pack} Book an appointment with your doctor."
    else:
        words = f"Stop this exercise now.{pack} Rest. Don't push through it."
    return Speech(words, important=True)


def session_speech(event: Event) -> Speech | None:
    """The words for one routine event, or None when nothing should be said."""
    segment = event.segment
    if event.name is EventName.SEGMENT and segment is not None:
        return _segment_speech(segment)
    if event.name is EventName.BEAT and segment is not None:
        if event.beat == "countdown" and segment.kind in COUNTED:
            return Speech(str(event.value), keep=KEEP_COUNT)
        if event.beat == "rep":
            return Speech(str(event.value), keep=KEEP_COUNT)
        if event.beat in BREATHS:
            return Speech(BREATHS[event.beat], keep=KEEP_COUNT)
        return None
    if event.name is EventName.PAUSED:
        return Speech("Paused", keep=KEEP_COUNT)
    if event.name is EventName.FINISHED and event.value is Outcome.COMPLETED:
        return Speech("Done")
    return None


LOST_TIMER_SPEECH = Speech(
    "A pack timer could not be read. If a cold or heat pack is on, take it off now.",
    important=True,
)


def therapy_speech(event: TherapyEvent, spec: TherapySpec) -> Speech | None:
    """The words for one cold/heat timer event, or None."""
    name = event.name
    pack = spec.words  # "cold pack" or "heat pack"
    if name in (TherapyEventName.STARTED, TherapyEventName.NEXT_CYCLE):
        return Speech(f"Put the {pack} on now, for {spoken_duration(spec.on)}, with {TOWEL}.")
    if name is TherapyEventName.WARNING:
        return Speech(f"One minute left. Get ready to take the {pack} off.")
    if name in (TherapyEventName.REMOVE, TherapyEventName.ALARM):
        late = f" It is {spoken_overdue(event.overdue)} over." if event.overdue >= 1 else ""
        return Speech(f"Take the {pack} off now.{late}", important=True)
    if name is TherapyEventName.REMOVED:
        return Speech(f"Pack off. Let your skin rest for {spoken_duration(spec.off)}.")
    if name is TherapyEventName.REST_OVER:
        return Speech(f"Look at your skin where the pack was. {SKIN_SIGNS}")
    if name is TherapyEventName.SKIN_OK and event.cycle < spec.cycles:
        return Speech("Your skin is fine. You may put the pack on again when you're ready.")
    if name is TherapyEventName.SKIN_PROBLEM:
        return Speech("Don't put the pack on again.", important=True)
    if name is TherapyEventName.DONE:
        return Speech("Done")
    # STOPPED is the person's own doing.
    return None


def reminder_speech(reminder: Reminder) -> Speech:
    return Speech(one_line(reminder.text) or "Reminder")


def speech_for(happening: Happening, visit: Visit) -> Speech | None:
    """The words for anything the visit announces: its routine's and its pack's moments, a
    safety stop's action (once, with "take the pack off" when one is on), a reminder."""
    if isinstance(happening, Event):
        return session_speech(happening)
    if isinstance(happening, TherapyEvent):
        therapy = visit.therapy
        return therapy_speech(happening, therapy.spec) if therapy is not None else None
    if isinstance(happening, StopSignal):
        return stop_speech(happening.stop, visit.number, visit.pack_on)
    if isinstance(happening, ReminderSignal):
        return reminder_speech(happening.reminder)
    return None
