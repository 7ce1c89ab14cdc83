"""How well a programme is kept: each planned session done or not, per day and per week, and
the streak.

A planned session is done when a session of its routine was **completed** that day. One ended
early (quit, a safety stop, the program closed) or finished with a step stopped for safety does
not count: adherence is the dose that was planned, and half a routine is not that dose. It is
shown as "ended early", so it is not taken for a day skipped; a stop that ended it was the
right thing to do, and the history says so.
A preview is never history, so it never counts. Sessions beyond the planned ones count for
nothing extra. Days are the person's calendar days in the time zone given (the machine's own
when none is).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from unknot.core.format.programme import Programme, Slot, days_of, planned, week_of

DONE, ENDED_EARLY, NOT_YET, MISSED, LATER = "done", "ended early", "not yet", "missed", "later"


@dataclass(frozen=True)
class Kept:
    """A session from the history: which routine, when it started, how it ended."""

    routine: str
    started: float  # wall time
    outcome: str | None  # as the history keeps it; None while running


def local_day(at: float, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar day a moment falls on, where the person is."""
    return dt.datetime.fromtimestamp(at, tz).date()


@dataclass(frozen=True)
class SlotState:
    slot: Slot
    state: str  # DONE, ENDED_EARLY, NOT_YET, MISSED or LATER

    @property
    def counts(self) -> bool:
        return self.state == DONE


class Adherence:
    """The programme's days against the history."""

    def __init__(
        self,
        programme: Programme,
        start: dt.date,
        sessions: Iterable[Kept],
        today: dt.date,
        tz: dt.tzinfo | None = None,
    ) -> None:
        self.programme = programme
        self.start = start
        self.today = today
        self.completed: Counter[tuple[dt.date, str]] = Counter()
        self.early: Counter[tuple[dt.date, str]] = Counter()
        for s in sessions:
            day = local_day(s.started, tz)
            if s.outcome == "completed":
                self.completed[day, s.routine] += 1
            elif s.outcome is not None:
                self.early[day, s.routine] += 1

    def day(self, day: dt.date) -> list[SlotState]:
        out = []
        for slot in planned(self.programme, self.start, day):
            done = self.completed[day, slot.routine]
            if slot.nth <= done:
                state = DONE
            elif slot.nth <= done + self.early[day, slot.routine]:
                state = ENDED_EARLY
            elif day < self.today:
                state = MISSED
            elif day == self.today:
                state = NOT_YET
            else:
                state = LATER
            out.append(SlotState(slot, state))
        return out

    def due_today(self) -> list[SlotState]:
        return self.day(self.today)

    def next_due(self) -> str | None:
        """The routine of today's first session still to do, if any."""
        for state in self.due_today():
            if not state.counts:
                return state.slot.routine
        return None

    @property
    def week(self) -> int | None:
        return week_of(self.programme, self.start, self.today)

    @property
    def finished(self) -> bool:
        return self.today > days_of(self.programme, self.start)[-1]

    def weeks(self) -> list[WeekKept]:
        """Every week that has begun, in order."""
        out: list[WeekKept] = []
        days = days_of(self.programme, self.start)
        for number in range(1, self.programme.weeks + 1):
            week_days = days[(number - 1) * 7 : number * 7]
            if week_days[0] > self.today:
                break
            states = [s for d in week_days for s in self.day(d)]
            due = [s for s in states if s.state != LATER]
            out.append(
                WeekKept(
                    number,
                    week_days[0],
                    planned=len(states),
                    due=len(due),
                    done=sum(1 for s in states if s.counts),
                    ended_early=sum(1 for s in states if s.state == ENDED_EARLY),
                    complete=week_days[-1] < self.today,
                )
            )
        return out

    def calendar(self) -> list[tuple[dt.date, str]]:
        """Each day of the programme and how it went: done (all), some, missed (none of what
        was planned), rest (nothing planned), today (still to do), later."""
        out = []
        for day in days_of(self.programme, self.start):
            states = self.day(day)
            out.append((day, _day_word(day, states, self.today)))
        return out

    def streak(self) -> int:
        """Days in a row with everything planned done, back from today (today counts once it
        is all done; until then the run up to yesterday stands). Rest days neither break nor
        lengthen it."""
        count = 0
        day = min(self.today, days_of(self.programme, self.start)[-1])
        first = True
        while day >= self.start:
            states = self.day(day)
            if states:
                if all(s.counts for s in states):
                    count += 1
                elif not (first and day == self.today):
                    break
            first = False
            day -= dt.timedelta(days=1)
        return count


@dataclass(frozen=True)
class WeekKept:
    week: int
    first_day: dt.date
    planned: int  # sessions planned in the whole week
    due: int  # planned on days up to today
    done: int
    ended_early: int
    complete: bool  # the week is over

    @property
    def share(self) -> float | None:
        """Done against due, 0 to 1; None when nothing was due yet."""
        return self.done / self.due if self.due else None


def _day_word(day: dt.date, states: list[SlotState], today: dt.date) -> str:
    if not states:
        return "rest"
    done = sum(1 for s in states if s.counts)
    if done == len(states):
        return "done"
    if day > today:
        return "later"
    if day == today:
        return "some" if done else "today"
    return "some" if done else "missed"
