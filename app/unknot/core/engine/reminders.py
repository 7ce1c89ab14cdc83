"""Reminder timers: "move every 45 minutes" and one-off "reapply heat in 25 minutes".

Deadlines are wall-clock times, so a reminder that fell due while the program was closed or
the machine slept is noticed at once, with how overdue it is.

Who tells a reminder that falls due: an open copy of the program takes it in hand as soon as
it falls due (it shows it, or keeps it waiting behind a routine or a countdown) and saves that
it has; `unknot watch` tells the ones no running copy has taken in hand (`Missed`), so each is
told once, by one of them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from unknot.core import savedstate as saved
from unknot.core.clock import Clock
from unknot.core.durations import format_clock, format_duration
from unknot.core.engine.therapy import OWNER_GRACE

SNOOZE_MINUTES = (5, 10, 15)
REMINDERS_MOST = 1000
EVERY_LEAST = 0.5  # a minute at the fastest preview speed is 0.6 s
LATER_MOST = 7 * 86400.0  # the furthest ahead a reminder is set, or its pause remembered


@dataclass(frozen=True)
class Reminder:
    id: int
    text: str
    due: float  # wall time
    every: float | None = None  # seconds; None for a one-off
    routine: str | None = None  # offered when an every-reminder is due
    paused_left: float | None = None  # seconds that were left when it was paused
    at: int | None = None  # daily at this minute of the local day (every is then a day)
    follows: str | None = None  # a programme's id: it offers that programme's next session
    # The `due` of the time a running copy of the program took in hand. Kept as that time
    # rather than a flag, so whatever moves `due` (an answer, a snooze, a resume, a merge with
    # another copy's book) makes a new time that no copy has taken yet.
    taken: float | None = None

    @property
    def paused(self) -> bool:
        return self.paused_left is not None

    @property
    def in_hand(self) -> bool:
        """Has a running copy of the program taken this time in hand (shown it, or kept it
        waiting behind what is in front)? Then it is that copy's to tell, not the watcher's."""
        return self.taken is not None and self.taken == self.due

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
        _check_later(every)
        reminder = Reminder(next(self._ids), text, now + every, every, routine)
        self.reminders.append(reminder)
        self.changed = True
        return reminder

    def add_daily(
        self, minute: int, now: float, text: str, routine: str | None, follows: str | None
    ) -> Reminder:
        """Every day at `minute` past local midnight, by the calendar: a daylight-saving change
        moves it with the clock on the wall, never an hour off."""
        if not 0 <= minute < 24 * 60:
            raise ValueError("a time of day is from 00:00 to 23:59")
        reminder = Reminder(
            next(self._ids),
            text,
            next_at(minute, now),
            86400.0,
            routine,
            at=minute,
            follows=follows,
        )
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
        _check_later(after)
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

    def next_after(self, now: float) -> float | None:
        """When the next reminder not yet due falls due."""
        return min((r.due for r in self.reminders if not r.paused and r.due > now), default=None)

    def take_in_hand(self, now: float) -> bool:
        """An open copy of the program has every due reminder now: the one it shows, and the
        ones waiting behind it or behind a routine. Marked, and saved by the caller, so a
        watcher leaves them to it. True when any was new."""
        new = [r for r in self.due(now) if not r.in_hand]
        for reminder in new:
            self._put(replace(reminder, taken=reminder.due))
        return bool(new)

    def done(self, reminder: Reminder, now: float) -> None:
        """Acted on (or skipped): a repeating reminder comes round again, a one-off goes."""
        if reminder.every is None:
            self.remove(reminder)
        elif reminder.at is not None:
            self._put(replace(reminder, due=next_at(reminder.at, now)))
        else:
            self._put(replace(reminder, due=now + reminder.every))

    skip = done

    def offer(self, reminder: Reminder, routine: str) -> None:
        """What a reminder that follows a programme offers when it is due: the next session."""
        if reminder.routine != routine:
            self._put(replace(reminder, routine=routine))

    def follow_programmes(
        self,
        now: float,
        next_session: Callable[[str], str | None],
        among: Collection[int] | None = None,
    ) -> bool:
        """Reminders that follow a programme and are due offer its next session today, and
        stay quiet on a day with nothing left to do: they come round again the next day.
        `next_session(programme)` is that session's routine, or None (a rest day, all done,
        not started yet, or the programme no longer followed); it is asked only when such a
        reminder is due. `among`: only the reminders with these ids. True when any reminder
        changed."""
        due = [
            r for r in self.due(now) if r.follows is not None and (among is None or r.id in among)
        ]
        sessions: dict[str, str | None] = {}
        for reminder in due:
            programme = reminder.follows
            assert programme is not None
            if programme not in sessions:
                sessions[programme] = next_session(programme)
            session = sessions[programme]
            if session is None:
                self.done(reminder, now)
            else:
                self.offer(reminder, session)
        return bool(due)

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

    def take(self, reminders: list[Reminder]) -> None:
        """Hold these now (the book as merged with another copy's): what this copy had not
        saved is in them, so `changed` stays as it was."""
        self.reminders = list(reminders)
        # Never an id handed out before: a merge with a copy that took out this copy's removal
        # could otherwise read a new reminder as the old one changed.
        after = max(next(self._ids), max((r.id for r in self.reminders), default=0) + 1)
        self._ids = itertools.count(after)

    def to_state(self) -> dict[str, Any]:
        return {"reminders": [asdict(r) for r in self.reminders]}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ReminderBook:
        """The book from saved state, read as hostile: SavedStateError (a ValueError) with a
        one-line reason for anything out of shape or out of bounds."""
        state = dict(saved.mapping(state, "the saved reminders"))
        reminders: list[Reminder] = []
        for item in saved.items(state, "reminders", REMINDERS_MOST):
            item = saved.mapping(item, "a reminder")
            reminder = Reminder(
                id=saved.whole(item, "id", 1, 10**9),
                text=saved.text(item, "text"),
                due=saved.number(item, "due", -saved.TIME_MOST, saved.TIME_MOST),
                every=saved.optional_number(item, "every", EVERY_LEAST, LATER_MOST),
                routine=saved.optional_text(item, "routine"),
                paused_left=saved.optional_number(item, "paused_left", 0.0, LATER_MOST),
                at=_minute(item),
                follows=saved.optional_text(item, "follows"),
                taken=saved.time_value(item, "taken"),
            )
            if any(r.id == reminder.id for r in reminders):
                raise saved.SavedStateError(f"id: {reminder.id} is used twice")
            reminders.append(reminder)
        return cls(reminders)


class Missed:
    """For a watcher while an open copy of the program holds the face: the due reminders that
    copy has not taken in hand. A copy that is running takes each within a second or so of
    it falling due (its faces look at the clock every second); one left OWNER_GRACE after this
    watcher first saw it due belongs to a copy that has stopped telling (stopped with Ctrl+Z,
    hung, its terminal gone). The grace is counted on the boot clock from when it was first
    seen due here, not from `due` on the wall: after a clock set forward or a machine waking
    from sleep, a running copy gets its moment to take what fell due before this tells it."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._seen: dict[tuple[int, float], float] = {}  # (id, due) -> first seen due, boot clock

    def missed(self, book: ReminderBook) -> list[Reminder]:
        now = self.clock.now()
        waiting = [r for r in book.due(self.clock.wall()) if not r.in_hand]
        self._seen = {(r.id, r.due): self._seen.get((r.id, r.due), now) for r in waiting}
        return [r for r in waiting if now - self._seen[(r.id, r.due)] >= OWNER_GRACE]

    def next_look(self) -> float | None:
        """Seconds until one seen due here may be missed, if any is waiting."""
        if not self._seen:
            return None
        return max(0.0, min(self._seen.values()) + OWNER_GRACE - self.clock.now())


def merged(base: list[Reminder], mine: list[Reminder], theirs: list[Reminder]) -> list[Reminder]:
    """Two copies of the book that both started from `base`: this copy's (`mine`) and the
    file's now (`theirs`, another running copy or the command line having saved since).
    Each side's additions are kept, and each side's changes and removals to what the other
    left alone. Where both changed one reminder, this copy's change wins (it is the one being
    saved); where one side removed a reminder (done, or deleted), it stays removed. A
    reminder added on both sides under the same id keeps both, the one here renumbered."""
    before = {r.id: r for r in base}
    here = {r.id: r for r in mine}
    out: dict[int, Reminder] = {}
    for theirs_one in theirs:
        was = before.get(theirs_one.id)
        if was is not None and theirs_one.id not in here:
            continue  # removed here
        out[theirs_one.id] = theirs_one
    there = {r.id for r in theirs}
    free = itertools.count(max([0, *here, *there]) + 1)
    for mine_one in mine:
        was = before.get(mine_one.id)
        if was is None:
            if mine_one.id in out:  # the same id added there too
                mine_one = replace(mine_one, id=next(free))
            out[mine_one.id] = mine_one
        elif mine_one != was and (mine_one.id in there):
            out[mine_one.id] = mine_one  # changed here: this copy's change
    return list(out.values())


def describe(reminder: Reminder, now: float) -> str:
    """One line: what it says, how often, and when it comes next."""
    left = format_clock(max(0.0, reminder.due - now))
    if reminder.paused:
        left = "paused"
    repeat = f"every {format_duration(reminder.every)}" if reminder.every else "once"
    if reminder.at is not None:
        repeat = f"every day at {reminder.at // 60:02d}:{reminder.at % 60:02d}"
    return f"{reminder.text} — {repeat}, next in {left}"


def _check_later(seconds: float) -> None:
    """A time from now that a saved book can hold; anything else is a ValueError."""
    if not math.isfinite(seconds) or not 0 < seconds <= LATER_MOST:
        raise ValueError(f"a reminder is set from now up to {LATER_MOST / 86400:g} days ahead")


def next_at(minute: int, now: float) -> float:
    """The next wall time after `now` that reads `minute` past midnight on the local clock."""
    here = dt.datetime.fromtimestamp(now)
    day = here.date()
    for _ in range(3):
        wanted = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
        at = wanted.timestamp()
        if at > now:
            return at
        day += dt.timedelta(days=1)
    return now + 86400.0


def _minute(item: Mapping[str, Any]) -> int | None:
    if item.get("at") is None:
        return None
    return saved.whole(item, "at", 0, 24 * 60 - 1)
