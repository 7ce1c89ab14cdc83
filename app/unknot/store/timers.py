"""Where therapy timers and reminders are kept between runs of the program."""

from __future__ import annotations

from pathlib import Path

from unknot.core.clock import Clock
from unknot.core.reminders import ReminderBook
from unknot.core.therapy import Therapy, TherapyError
from unknot.store.statefile import StateFile


class TimerStore:
    def __init__(self, data_dir: Path) -> None:
        self.therapy_file = StateFile(data_dir / "therapy.json")
        self.reminder_file = StateFile(data_dir / "reminders.json")

    @property
    def problems(self) -> list[str]:
        return [p for p in (self.therapy_file.problem, self.reminder_file.problem) if p]

    def load_therapy(self, clock: Clock) -> Therapy | None:
        """The therapy timer that was running when the program last stopped, if any."""
        state = self.therapy_file.read()
        if not state:
            return None
        try:
            therapy = Therapy.from_state(state, clock)
        except (KeyError, TypeError, ValueError, TherapyError):
            self.therapy_file.set_aside("its contents made no sense")
            return None
        return therapy if therapy.active else None

    def save_therapy(self, therapy: Therapy) -> None:
        if therapy.active:
            self.therapy_file.write(therapy.to_state())
        else:
            self.therapy_file.remove()

    def load_reminders(self) -> ReminderBook:
        state = self.reminder_file.read()
        try:
            return ReminderBook.from_state(state)
        except (KeyError, TypeError, ValueError):
            self.reminder_file.set_aside("its contents made no sense")
            return ReminderBook()

    def save_reminders(self, book: ReminderBook) -> None:
        self.reminder_file.write(book.to_state())
        book.changed = False
