"""Where therapy timers and reminders are kept between runs of the program.

One copy of the program owns the running pack timer at a time: it holds an fcntl lock on
`therapy.lock` beside the saved timer. Another copy may read the timer to show it, but its
saves fail with `NotOwner` and never overwrite or delete the owner's. The lock goes with the
process, so a killed owner hands the timer to the next copy that starts.
"""

from __future__ import annotations

from pathlib import Path

from unknot.core.clock import Clock
from unknot.core.reminders import ReminderBook
from unknot.core.savedstate import SavedStateError
from unknot.core.therapy import Therapy, TherapyError
from unknot.store.locks import ProcessLock
from unknot.store.paths import DataDirError, ensure_private_dir
from unknot.store.statefile import SaveFailed, StateFile

TAKE_IT_OFF = "if a cold or heat pack is on, take it off now"


class NotOwner(SaveFailed):
    """Another running copy of the program owns the pack timer; this one only shows it."""


class TimerStore:
    def __init__(self, data_dir: Path) -> None:
        try:
            ensure_private_dir(data_dir)
        except DataDirError as exc:
            if (data_dir / "therapy.json").is_file():
                message = f"{exc}. A timer was saved there: {TAKE_IT_OFF}"
                raise DataDirError(exc.errno, message) from exc
            raise
        self.therapy_file = StateFile(data_dir / "therapy.json")
        self.reminder_file = StateFile(data_dir / "reminders.json")
        self.lock = ProcessLock(data_dir / "therapy.lock")

    @property
    def problems(self) -> list[str]:
        return [p for p in (self.therapy_file.problem, self.reminder_file.problem) if p]

    # -- one owner per pack --

    def claim(self) -> bool:
        """Own the pack timer: True if this process does now, False if another copy does."""
        return self.lock.claim()

    def owner_pid(self) -> int | None:
        """The pid of the copy that owns the pack timer (see ProcessLock.owner_pid)."""
        return self.lock.owner_pid()

    def release(self) -> None:
        """Let another copy own the pack timer (this one has finished with it)."""
        self.lock.release()

    # -- the pack timer --

    def load_therapy(self, clock: Clock) -> Therapy | None:
        """The therapy timer that was running when the program last stopped, if any. Loading
        never claims it: a copy that doesn't own it may show it."""
        file = self.therapy_file
        file.problem = None
        state = file.read()
        therapy = None
        if state:
            try:
                therapy = Therapy.from_state(state, clock)
            except (SavedStateError, TherapyError) as exc:
                file.set_aside(str(exc))
        if file.problem:  # a timer that can't be read may be a pack that is on
            file.problem = f"{file.problem}; {TAKE_IT_OFF}"
        return therapy if therapy is not None and therapy.active else None

    def save_therapy(self, therapy: Therapy) -> None:
        """Keep the timer while it runs, delete it once it has finished. Raises SaveFailed
        (NotOwner if another copy owns the timer), and only that."""
        if not self.claim():
            pid = self.owner_pid()
            raise NotOwner(
                self.therapy_file.path,
                f"another copy of unknot (pid {pid}) owns the running timer; this one only "
                "shows it",
            )
        if therapy.active:
            self.therapy_file.write(therapy.to_state())
        else:
            self.therapy_file.remove()
            self.release()

    def clear_therapy(self) -> None:
        """No timer runs here any more: nothing saved, and another copy may own the next."""
        if self.claim():
            self.therapy_file.remove()
            self.release()

    # -- reminders --

    def load_reminders(self) -> ReminderBook:
        state = self.reminder_file.read()
        try:
            return ReminderBook.from_state(state)
        except SavedStateError as exc:
            self.reminder_file.set_aside(str(exc))
            return ReminderBook()

    def save_reminders(self, book: ReminderBook) -> None:
        """Raises SaveFailed, and only that."""
        self.reminder_file.write(book.to_state())
        book.changed = False
