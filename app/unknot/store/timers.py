"""Where therapy timers, reminders and the day's emergency or urgent stop are kept between
runs of the program.

One copy of the program owns the running pack timer at a time: it holds an fcntl lock on
`therapy.lock` beside the saved timer. Another copy may read the timer to show it, but its
saves fail with `NotOwner` and never overwrite or delete the owner's. The lock goes with the
process, so a killed owner hands the timer to the next copy that starts.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from unknot.core.clock import Clock
from unknot.core.engine.reminders import Reminder, ReminderBook, merged
from unknot.core.engine.therapy import Therapy, TherapyError
from unknot.core.safety.daystop import DayStop
from unknot.core.savedstate import SavedStateError
from unknot.store.locks import ProcessLock
from unknot.store.paths import LOST_TIMER_FILE, DataDirError, ensure_private_dir
from unknot.store.regular import open_private
from unknot.store.statefile import SaveFailed, StateFile

TAKE_IT_OFF = "if a cold or heat pack is on, take it off now"
DO_WHAT_IT_SAID = (
    "if you reported a warning sign today, do what the safety stop said: don't exercise, "
    "and get the help it told you to get"
)
# Said until a person has read it in unknot itself (see `lost` and `acknowledge_lost`).
LOST_UNTIL = "unknot says this until you have read it in unknot (open unknot, or run --plain)"


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
        # Not noted: a timer set aside is said until read (see `lost`), more than once.
        self.therapy_file = StateFile(data_dir / "therapy.json", noted=False)
        self.reminder_file = StateFile(
            data_dir / "reminders.json", "your reminders are gone: add them again (unknot remind)"
        )
        self.stop_file = StateFile(data_dir / "stop.json", DO_WHAT_IT_SAID)
        self._lock_path = data_dir / "reminders.lock"
        self._base: list[Reminder] = []  # the reminders as this copy last read or wrote them
        self._seen: tuple[int, int, int] | None = None
        self.lock = ProcessLock(data_dir / "therapy.lock")
        # A pack timer that could not be read may be a pack that is on. Setting the file
        # aside must not use up the one warning (a status bar drops its stderr), so this file
        # keeps it until a person has read it in a face of the program.
        self.lost_file = StateFile(data_dir / LOST_TIMER_FILE, noted=False)

    @property
    def problems(self) -> list[str]:
        files = (self.therapy_file, self.reminder_file, self.stop_file)
        return [f.problem for f in files if f.problem]

    @property
    def lost(self) -> str | None:
        """What to say about a saved pack timer that could not be read and that nobody has
        read about yet; None when there is none. Read afresh each time."""
        file = self.lost_file
        file.problem = None
        data = file.read()
        said = data.get("problem")
        if isinstance(said, str) and said:
            return said
        if file.problem:  # the note itself was damaged: still a timer nobody could read
            return f"a saved pack timer could not be read; {TAKE_IT_OFF}"
        return None

    def acknowledge_lost(self) -> None:
        """A person has read that a pack may be on: stop saying it."""
        self.lost_file.remove()

    # -- one owner per pack --

    def claim(self) -> bool:
        """Own the pack timer: True if this process does now, False if another copy does.
        DataDirError if the lock's path is not a file: without the lock two copies could run
        one pack, so none is run until it is moved away."""
        try:
            return self.lock.claim()
        except DataDirError as exc:
            saved = self.therapy_file.path.is_file()
            taking = f" A timer was saved there: {TAKE_IT_OFF}." if saved else ""
            raise DataDirError(
                exc.errno,
                f"{exc}. unknot runs no pack timer without its lock, as two copies could run "
                f"one pack.{taking}",
            ) from exc

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
        if file.problem and not file.path.exists():  # set aside: a pack may be on
            with contextlib.suppress(SaveFailed):  # a full disk: said now, from memory
                self.lost_file.write({"problem": f"{file.problem}; {TAKE_IT_OFF}"})
        lost = self.lost
        if lost is not None:
            file.problem = f"{lost}. {LOST_UNTIL}"
        elif file.problem:  # a timer that can't be read may be a pack that is on
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
    #
    # The command line, the watcher and every open copy of the program keep reminders in the
    # one file. Each copy remembers the book as it last read or wrote it (its base): a save
    # merges this copy's changes into the file as it is now, under a lock, so a copy never
    # writes back what another added or removed since; `refresh_reminders` brings what others
    # saved into a book that is open.

    def load_reminders(self) -> ReminderBook:
        book = ReminderBook(self._read_reminders() or [])
        self._base = list(book.reminders)
        return book

    def _read_reminders(self) -> list[Reminder] | None:
        """The file's reminders; None when it could not be read (said in `problems`), which
        is no reason to drop the ones this copy holds."""
        self._seen = self.reminder_file.version()
        file = self.reminder_file
        problem, file.problem = file.problem, None
        state = file.read()
        if file.problem is not None:
            return None
        try:
            found = ReminderBook.from_state(state).reminders
        except SavedStateError as exc:
            file.set_aside(str(exc))
            return None
        file.problem = problem
        return found

    def refresh_reminders(self, book: ReminderBook) -> bool:
        """Take into `book` what another copy saved since this one last read or wrote the
        file (a stat when nothing did). True if anything came in."""
        if self.reminder_file.version() == self._seen:
            return False
        theirs = self._read_reminders()
        if theirs is None:
            return False
        before = book.reminders
        book.take(merged(self._base, book.reminders, theirs))
        self._base = theirs  # what this copy has not saved yet stays its own change
        return book.reminders != before

    def save_reminders(self, book: ReminderBook) -> None:
        """This copy's changes merged into the file as it is now. Raises SaveFailed, and
        only that."""
        with self._reminder_lock():
            theirs = self._read_reminders()
            if theirs is not None:
                book.take(merged(self._base, book.reminders, theirs))
            self.reminder_file.write(book.to_state())
            self._base = list(book.reminders)
            self._seen = self.reminder_file.version()
        book.changed = False

    # -- the day's stop --

    def load_day_stop(self, wall: float) -> DayStop | None:
        """The emergency or urgent stop reported today, if one still holds at `wall`."""
        file = self.stop_file
        file.problem = None
        state = file.read()
        stop = None
        if state:
            try:
                stop = DayStop.from_state(state)
            except SavedStateError as exc:
                file.set_aside(str(exc))
        if file.problem and not file.problem.endswith(DO_WHAT_IT_SAID):
            # a stop that can't be read may be one reported today
            file.problem = f"{file.problem}; {DO_WHAT_IT_SAID}"
        return stop if stop is not None and stop.holds(wall) else None

    def save_day_stop(self, stop: DayStop | None) -> None:
        """Kept by any copy of the program, owner of the pack timer or not: a stop reported
        anywhere holds everywhere. Raises SaveFailed, and only that."""
        if stop is None:
            self.stop_file.remove()
        else:
            self.stop_file.write(stop.to_state())

    @contextlib.contextmanager
    def _reminder_lock(self) -> Iterator[None]:
        """One copy at a time reads, merges and writes (where the folder allows a lock)."""
        try:
            fd = open_private(self._lock_path, os.O_RDWR)
        except OSError:
            yield
            return
        try:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing lets the lock go
