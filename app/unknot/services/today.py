"""What the programme the person follows asks of today, from the programme file, the day it
was started and the history. Both faces and the command line show this; the reminders that
follow the programme offer its next session from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from unknot.core.adherence import Adherence, Kept, local_day
from unknot.core.programme import Programme, progressed
from unknot.core.routine import Routine
from unknot.store.history import Store
from unknot.store.library import Library
from unknot.store.programmes import FollowedProgramme, Following, ProgrammeEntry, find

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
