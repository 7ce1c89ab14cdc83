"""What the programme the person follows asks of today, from the programme file, the day it
was started and the history. Both faces and the command line show this; the reminders that
follow the programme offer its next session from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from unknot.core.engine.adherence import (
    ENDED_EARLY,
    MISSED,
    Adherence,
    Kept,
    SlotState,
    WeekKept,
    local_day,
)
from unknot.core.format.programme import Programme, last_day, progressed
from unknot.core.format.routine import Routine
from unknot.core.text import one_line
from unknot.store.library import Library
from unknot.store.programmes import FollowedProgramme, Following, ProgrammeEntry, find

if TYPE_CHECKING:  # the history itself is opened by the caller
    from unknot.store.history import Store

DAY = 86400.0


@dataclass
class Today:
    following: Following
    entry: ProgrammeEntry | None  # None: the file is gone
    adherence: Adherence | None  # None: the file is gone or has errors
    routines: dict[str, Routine]

    @property
    def programme(self) -> Programme | None:
        return self.entry.programme if self.entry is not None else None

    @property
    def problem(self) -> str | None:
        """Why today can't be worked out, in one line, or None."""
        if self.entry is None:
            return (
                f"The programme '{self.following.programme}' you follow is no longer there; "
                "'unknot programme list' shows the ones there are."
            )
        if self.entry.programme is None:
            first = self.entry.result.errors[0] if self.entry.result.errors else None
            return f"The programme you follow has errors: {first}"
        return None

    def routine(self, routine_id: str) -> Routine | None:
        """The routine as this week of the programme has it (progression and the programme's
        warning signs), or None when it is not there."""
        routine = self.routines.get(routine_id)
        programme = self.programme
        if routine is None or programme is None or routine_id not in programme.routine_ids:
            return routine
        week = 1
        if self.adherence is not None:
            week = self.adherence.week or (programme.weeks if self.adherence.finished else 1)
        return progressed(programme, routine, week)[0]


def kept_sessions(store: Store, since: float) -> list[Kept]:
    return [Kept(s.routine_id, s.started, s.outcome) for s in store.sessions(since)]


def today_for(
    data_dir: Path,
    library: Library,
    store: Store,
    now: float,
    tz: dt.tzinfo | None = None,
) -> Today | None:
    """Today of the programme followed, or None when none is."""
    following = FollowedProgramme(data_dir).current()
    if following is None:
        return None
    entry = find(library, following.programme)
    routines = {e.id: e.routine for e in library.scan() if e.routine is not None}
    if entry is None or entry.programme is None:
        return Today(following, entry, None, routines)
    start = dt.datetime.combine(following.started, dt.time(), tzinfo=tz).timestamp() - DAY
    sessions = kept_sessions(store, start)
    adherence = Adherence(entry.programme, following.started, sessions, local_day(now, tz), tz)
    return Today(following, entry, adherence, routines)


def next_session(today: Today | None, programme: str) -> str | None:
    """The routine of `programme`'s next session still to do today, if it is the one
    followed and one is."""
    if today is None or today.following.programme != programme or today.adherence is None:
        return None
    return today.adherence.next_due()


def routine_name(today: Today, routine_id: str) -> str:
    routine = today.routines.get(routine_id)
    return one_line(routine.name) if routine is not None else routine_id


def slot_words(today: Today, state: SlotState) -> str:
    """ "Desk break (2 of 2)" for a routine planned more than once a day."""
    slot = state.slot
    times = f" ({slot.nth} of {slot.of})" if slot.of > 1 else ""
    return f"{routine_name(today, slot.routine)}{times}"


def week_words(week: WeekKept) -> str:
    share = week.share
    percent = f" ({round(share * 100)}%)" if share is not None else ""
    early = f", {week.ended_early} ended early" if week.ended_early else ""
    if week.complete:
        return f"{week.done} of {week.planned} done{percent}{early}"
    return f"{week.done} of {week.due} due so far{percent}, {week.planned} planned this week{early}"


def today_lines(today: Today) -> list[str]:
    """What `unknot today` prints: the day's sessions, yesterday's misses, the week, the
    streak."""
    programme, adherence = today.programme, today.adherence
    if programme is None or adherence is None:
        return [today.problem or ""]
    started = today.following.started
    day = adherence.today
    week = adherence.week
    if week is None and not adherence.finished:
        return [
            f"{one_line(programme.name)} starts on {started:%A %d %B %Y}.",
        ]
    lines: list[str] = []
    if adherence.finished:
        weeks = adherence.weeks()
        done = sum(w.done for w in weeks)
        planned = sum(w.planned for w in weeks)
        lines.append(
            f"{one_line(programme.name)} finished on {last_day(programme, started):%d %B %Y}: "
            f"{done} of {planned} sessions done. 'unknot programme stop' ends it; "
            "'unknot report' has the weeks for your doctor."
        )
        return lines
    lines.append(
        f"{one_line(programme.name)} — week {week} of {programme.weeks} "
        f"(started {started:%d %B %Y})"
    )
    states = adherence.due_today()
    if not states:
        lines.append(f"Today, {day:%A %d %B}: a rest day — nothing planned. Stay active.")
    else:
        lines.append(f"Today, {day:%A %d %B}:")
        width = max(len(slot_words(today, s)) for s in states)
        for state in states:
            how = "" if state.counts else f"  unknot run {state.slot.routine}"
            lines.append(f"  {state.state:<11} {slot_words(today, state):<{width}}{how}".rstrip())
    yesterday = day - dt.timedelta(days=1)
    missed = [s for s in adherence.day(yesterday) if s.state in (MISSED, ENDED_EARLY)]
    if missed and yesterday >= started:
        lines.append("Not done yesterday: " + ", ".join(slot_words(today, s) for s in missed))
    this_week = adherence.weeks()[-1]
    streak = adherence.streak()
    days = f"{streak} day{'s' if streak != 1 else ''}"
    lines.append(f"This week: {week_words(this_week)} · streak: {days}")
    return lines
