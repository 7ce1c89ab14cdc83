"""What a desktop notification says for a cold/heat timer event or a due reminder.

One place for the words, so the bell, the terminal's own notification (OSC 777/9) and the
desktop's say the same thing. `tag` names what a newer alert replaces: the pack's repeating
alarm updates one notification rather than piling them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unknot.core.engine.prompts import Happening, ReminderSignal, StopSignal
from unknot.core.engine.reminders import Reminder
from unknot.core.engine.therapy import TherapyEvent, TherapyEventName, TherapySpec
from unknot.core.safety.skin import LOST_TIMER
from unknot.core.text import one_line
from unknot.core.words.glance import short_clock

if TYPE_CHECKING:  # the visit is only named: loading it here would load the whole engine
    from unknot.core.engine.visit import Visit

PACK_TAG = "pack"


@dataclass(frozen=True)
class Alert:
    title: str
    body: str
    urgency: str = "normal"  # low, normal or critical
    tag: str | None = None


def therapy_alert(event: TherapyEvent, spec: TherapySpec) -> Alert | None:
    """The alert for a timer event that needs the person, or None."""
    if event.name is TherapyEventName.WARNING:
        return Alert("One minute left", f"Get ready to take the {spec.words} off.", tag=PACK_TAG)
    if event.name in (TherapyEventName.REMOVE, TherapyEventName.ALARM):
        late = f" Overdue by {short_clock(event.overdue)}." if event.overdue >= 1 else ""
        return Alert("Remove it now", f"Take the {spec.words} off now.{late}", "critical", PACK_TAG)
    if event.name is TherapyEventName.REST_OVER:
        return Alert(
            "Skin rest over", "Look at your skin before you put a pack on again.", tag=PACK_TAG
        )
    return None


def lost_timer_alert(said: str) -> Alert:
    """A saved pack timer could not be read: `said` is what the store says about it."""
    return Alert(LOST_TIMER, said, "critical", PACK_TAG)


def reminder_alert(reminder: Reminder, late: float = 0.0) -> Alert:
    """A reminder that fell due `late` seconds ago."""
    when = f" (due {short_clock(late)} ago)" if late >= 60 else ""
    return Alert(
        "Reminder", f"{one_line(reminder.text) or 'Reminder'}{when}", tag=f"reminder-{reminder.id}"
    )


def alert_for(happening: Happening, visit: Visit) -> Alert | None:
    """The alert for anything the visit announces that needs the person now, or None."""
    if isinstance(happening, TherapyEvent):
        therapy = visit.therapy
        return therapy_alert(happening, therapy.spec) if therapy is not None else None
    if isinstance(happening, ReminderSignal):
        return reminder_alert(happening.reminder, happening.overdue)
    if isinstance(happening, StopSignal):
        return Alert("Safety stop", one_line(happening.stop.reason), "critical", "stop")
    return None
