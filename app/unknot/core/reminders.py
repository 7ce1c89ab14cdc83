"""Reminder timers: "move every 45 minutes" and one-off "reapply heat in 25 minutes".

Deadlines are wall-clock times, so a reminder that fell due while the program was closed or
the machine slept is noticed at once, with how overdue it is.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, replace
from typing import Any

from unknot.core.durations import format_clock, format_duration

SNOOZE_MINUTES = (5, 10, 15)


@dataclass(frozen=True)
class Reminder:
    id: int
    text: str
    due: float  # wall time
    every: float | None = None  # seconds; None for a one-off
    routine: str | None = None  # offered when an every-reminder is due
    paused_left: float | None = None  # seconds that were left when it was paused

    @property
    def paused(self) -> bool:
        return self.paused_left is not None

    @property
    def repeating(self) -> bool:
        return self.every is not None


class ReminderBook:
    """The user's reminders. Each change returns nothing and leaves `changed` set, so the
    caller saves once after a batch of changes."""

    def __init__(self, reminders: list[Reminder] | None = None) -> None:
        self.reminders: list[Reminder] = list(reminders or [])
        self._ids = itertools.count(max((r.id for r in self.reminders), default=0) + 1)
        self.changed = False

    def _put(self, reminder: Reminder) -> Reminder:
        self.reminders = [reminder if r.id == reminder.id else r for r in self.reminders]
        self.changed = True
        return reminder

    def get(self, reminder_id: int) -> Reminder | None:
        return next((r for r in self.reminders if r.id == reminder_id), None)

    def add_every(
        self, every: float, now: float, text: str = "Time to move", routine: str | None = None
    ) -> Reminder:
        reminder = Reminder(next(self._ids), text, now + every, every, routine)
        self.reminders.append(reminder)
        self.changed = True
        return reminder

    def same(self, text: str, every: float | None, routine: str | None = None) -> Reminder | None:
        """A reminder that already says the same, at the same interval: adding it again would
        only ring twice."""
        return next(
            (
                r
                for r in self.reminders
                if r.text == text and r.every == every and r.routine == routine
            ),
            None,
        )

    def add_once(self, after: float, now: float, text: str) -> Reminder:
        reminder = Reminder(next(self._ids), text, now + after)
        self.reminders.append(reminder)
        self.changed = True
        return reminder

    def due(self, now: float) -> list[Reminder]:
        return sorted(
            (r for r in self.reminders if not r.paused and r.due <= now), key=lambda r: r.due
        )

    def next_due(self) -> float | None:
        return min((r.due for r in self.reminders if not r.paused), default=None)

    def done(self, reminder: Reminder, now: float) -> None:
        """Acted on (or skipped): a repeating reminder comes round again, a one-off goes."""
        if reminder.every is None:
            self.remove(reminder)
        else:
            self._put(replace(reminder, due=now + reminder.every))

    skip = done

    def snooze(self, reminder: Reminder, minutes: float, now: float) -> None:
        """Later, never sooner: a reminder not yet due moves on from when it was due."""
        self._put(replace(reminder, due=max(reminder.due, now) + minutes * 60))

    def pause(self, reminder: Reminder, now: float) -> None:
        if not reminder.paused:
            self._put(replace(reminder, paused_left=max(0.0, reminder.due - now)))

    def resume(self, reminder: Reminder, now: float) -> None:
        if reminder.paused_left is not None:
            self._put(replace(reminder, due=now + reminder.paused_left, paused_left=None))

    def remove(self, reminder: Reminder) -> None:
        self.reminders = [r for r in self.reminders if r.id != reminder.id]
        self.changed = True

    def to_state(self) -> dict[str, Any]:
        return {"reminders": [asdict(r) for r in self.reminders]}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ReminderBook:
        reminders = []
        for item in state.get("reminders", []):
            every, paused = item.get("every"), item.get("paused_left")
            routine = item.get("routine")
            reminders.append(
                Reminder(
                    id=int(item["id"]),
                    text=str(item["text"]),
                    due=float(item["due"]),
                    every=None if every is None else float(every),
                    routine=None if routine is None else str(routine),
                    paused_left=None if paused is None else float(paused),
                )
            )
        return cls(reminders)


def describe(reminder: Reminder, now: float) -> str:
    """One line: what it says, how often, and when it comes next."""
    left = format_clock(max(0.0, reminder.due - now))
    if reminder.paused:
        left = "paused"
    repeat = f"every {format_duration(reminder.every)}" if reminder.every else "once"
    return f"{reminder.text} — {repeat}, next in {left}"
