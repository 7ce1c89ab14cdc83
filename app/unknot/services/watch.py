"""Watching with no screen: due reminders and pack alarms told while the program is closed.

`unknot watch` runs this in a tmux window, a login session or a user service. It reads the
saved state the program keeps (the timer and the reminders), tells what falls due the way the
program would (a desktop notification, the bell, the voice if it is on, and a line), and
sleeps until the next thing is due, looking again at least every 30 seconds so a suspend can't
delay it. While the program itself is open, it is the one that tells, and this stays quiet, so
nothing is told twice; a snooze or an answer there is seen here at the next look. But a copy
that is open and has stopped telling (stopped with Ctrl+Z, hung, its terminal gone) must not
silence anything: when its saved timer falls behind a pack's alarm, or a reminder falls due
that it does not take in hand within moments (`Missed`), this tells it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from unknot.core.engine.reminders import Missed, Reminder, ReminderBook
from unknot.core.engine.therapy import OWNER_GRACE, Therapy, TherapyEvent
from unknot.core.words.alerts import Alert, lost_timer_alert, reminder_alert, therapy_alert
from unknot.core.words.speech import LOST_TIMER_SPEECH, Speech, reminder_speech, therapy_speech
from unknot.services.context import Context
from unknot.services.runtime import FACE_LOCK
from unknot.store.library import Library
from unknot.store.locks import ProcessLock
from unknot.store.statefile import SaveFailed
from unknot.store.timers import TimerStore
from unknot.store.today import next_session, today_for

RECHECK = 30.0


@dataclass
class Told:
    """What was told, for the caller to show: the alert and the words a voice would say."""

    alert: Alert
    speech: Speech | None
    at: float


@dataclass
class Watcher:
    context: Context
    tell: Callable[[Told], None]
    library: Library
    store: TimerStore = field(init=False)
    face: ProcessLock = field(init=False)
    _therapy: Therapy | None = field(default=None, init=False)
    _version: tuple[int, int, int] | None = field(default=None, init=False)
    _lost_told: str | None = field(default=None, init=False)
    _owner_elsewhere: bool = field(default=False, init=False)
    _missed: Missed = field(init=False)
    _face_elsewhere: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.store = TimerStore(self.context.data_dir)
        self.face = ProcessLock(self.context.data_dir / FACE_LOCK)
        self._missed = Missed(self.context.clock)

    def step(self) -> float:
        """Look once, tell what is due, and say how long until the next look."""
        face_elsewhere = self._face_elsewhere = self.face.held_elsewhere()
        waits = [RECHECK]
        pack = self._pack(face_elsewhere or self.store.lock.held_elsewhere())
        if pack is not None:
            waits.append(pack)
        due = self._reminders(face_elsewhere)
        if due is not None:
            waits.append(due)
        return max(0.5, min(waits))

    def look_once(self) -> None:
        """`unknot watch --once` (from cron, say): look, and if an open copy has a reminder
        falling due that it may yet take up, look again once its moment has passed, rather
        than leave it to a next run that would see it for the first time again."""
        self.step()
        left = self._missed.next_look() if self._face_elsewhere else None
        if left is not None:
            self.context.clock.sleep(left)
            self.step()

    def _pack(self, owner_elsewhere: bool) -> float | None:
        """Pack alarms from the saved timer, kept in memory while its file doesn't change (so
        an alarm told once isn't told again at the next look). While another copy owns the
        timer it tells the alarms, and saves each one as it does; once it is OWNER_GRACE
        behind one (stopped with Ctrl+Z, hung, or unable to save) they are told here."""
        clock = self.context.clock
        version = self.store.therapy_file.version()
        if version != self._version or owner_elsewhere != self._owner_elsewhere:
            self._version, self._owner_elsewhere = version, owner_elsewhere
            self._therapy = self.store.load_therapy(clock)
            if self._therapy is not None:
                self._therapy.subscribe(self._heard)
        self._tell_lost()
        therapy = self._therapy
        if therapy is None or not therapy.active:
            return None
        if owner_elsewhere and not therapy.owner_behind():
            owed = therapy.owed_at
            if owed is None:
                return None  # nothing it could fall behind on: its file says when that changes
            return owed + OWNER_GRACE - clock.now()
        therapy.update()
        deadline = therapy.next_deadline()
        return None if deadline is None else max(0.0, deadline - clock.now())

    def _tell_lost(self) -> None:
        """A saved timer nobody could read: a pack may be on. Told once by this watch (it is
        said again by every start of unknot until a person has read it there)."""
        lost = self.store.lost
        if lost is not None and lost != self._lost_told:
            said = f"{lost[0].upper()}{lost[1:]}."
            self.tell(Told(lost_timer_alert(said), LOST_TIMER_SPEECH, self.context.clock.wall()))
        self._lost_told = lost

    def _heard(self, event: TherapyEvent) -> None:
        therapy = self._therapy
        if therapy is None:
            return
        alert = therapy_alert(event, therapy.spec)
        if alert is not None:
            self.tell(Told(alert, therapy_speech(event, therapy.spec), event.at))

    def _reminders(self, face_elsewhere: bool) -> float | None:
        """Due reminders, told and kept as done. While a copy of the program is open, only
        those it has missed: the rest are its own to tell."""
        clock = self.context.clock
        now = clock.wall()
        held = self.store.load_day_stop(now)
        if held is not None:  # as the program does: after the day's stop, help, not moving
            return held.ends(now) - now
        book = self.store.load_reminders()
        if face_elsewhere:
            fired, followed = self._missed_by_the_open_copy(book)
        else:
            followed = book.follow_programmes(now, self._next_session)
            fired = book.due(now)
        for reminder in fired:
            self.tell(
                Told(reminder_alert(reminder, now - reminder.due), reminder_speech(reminder), now)
            )
            book.done(reminder, now)
        if fired or followed:
            # Told already: a save that fails means it is told again next time, never lost.
            with contextlib.suppress(SaveFailed):
                self.store.save_reminders(book)
        following = book.next_after(now)
        waits = [] if following is None else [following - now]
        look = self._missed.next_look() if face_elsewhere else None
        if look is not None:  # seen due here: is it taken in hand by then?
            waits.append(look)
        return max(0.0, min(waits)) if waits else None

    def _missed_by_the_open_copy(self, book: ReminderBook) -> tuple[list[Reminder], bool]:
        """The due reminders the open copy has missed, as the program would tell them (one
        that follows a programme offers today's session, or waits for tomorrow), and whether
        any changed. Only these are changed here: the rest are the open copy's."""
        now = self.context.clock.wall()
        missed = {r.id for r in self._missed.missed(book)}
        if not missed:
            return [], False
        followed = book.follow_programmes(now, self._next_session, among=missed)
        return [r for r in book.due(now) if r.id in missed], followed

    def _next_session(self, programme: str) -> str | None:
        context = self.context
        today = today_for(context.data_dir, self.library, context.store, context.clock.wall())
        return next_session(today, programme)


def told_line(told: Told) -> str:
    """'14:05 Remove it now: Take the cold pack off now.'"""
    when = dt.datetime.fromtimestamp(told.at).strftime("%H:%M")
    return f"{when} {told.alert.title}: {told.alert.body}"
