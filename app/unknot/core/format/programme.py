"""A programme over weeks: which routines, on which days and how many times a day, for how many
weeks, building up week by week. The model, the schedule and the progression; the file is read
by `programme_reader`, and what the history says of it by `adherence`.

Days are calendar days where the person is: a programme starts on a date, week 1 is its first
seven days, and a day's sessions are the ones planned for that date, whatever the clock did in
between (a daylight-saving change makes a day 23 or 25 hours long, never a day more or less).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from unknot.core.durations import format_duration
from unknot.core.format.routine import HOLD_LIMITS, Exercise, Routine, Step, Stretch

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_WORDS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{
        full: i
        for i, full in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}
EVERY_DAY = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKS_LIMITS = (1, 52)
TIMES_LIMITS = (1, 6)
STRETCH_REPS_MOST = 50  # the routine format's limits, which progression never passes
EXERCISE_REPS_MOST = 200
HOLD_MOST = HOLD_LIMITS[1]


@dataclass(frozen=True)
class PlannedRoutine:
    """One line of `sessions:`: a routine on some days, `times` a day, from a week on."""

    routine: str
    days: frozenset[int] = EVERY_DAY  # 0 is Monday
    times: int = 1
    from_week: int = 1
    line: int = 0


@dataclass(frozen=True)
class Progression:
    """From `week` on, holds are longer by `hold` seconds and sets have `reps` more, in every
    routine of the programme or only in `routine`. Entries add up."""

    week: int
    hold: float = 0.0
    reps: int = 0
    routine: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    weeks: int
    sessions: tuple[PlannedRoutine, ...]
    progression: tuple[Progression, ...] = ()
    description: str = ""
    source: str = ""
    stop_if: tuple[str, ...] = ()
    version: int = 1
    path: str | None = None

    @property
    def routine_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.routine for s in self.sessions))


# --- the schedule ----------------------------------------------------------------------------


def week_of(programme: Programme, start: dt.date, day: dt.date) -> int | None:
    """Which week of the programme `day` is in (1 is the first), or None outside it."""
    if day < start:
        return None
    week = (day - start).days // 7 + 1
    return week if week <= programme.weeks else None


def last_day(programme: Programme, start: dt.date) -> dt.date:
    return start + dt.timedelta(days=programme.weeks * 7 - 1)


@dataclass(frozen=True)
class Slot:
    """One planned session on one day: the `nth` (1-based) time of `routine` that day."""

    day: dt.date
    routine: str
    nth: int
    of: int


def planned(programme: Programme, start: dt.date, day: dt.date) -> list[Slot]:
    """The sessions planned for `day`, in the programme's order."""
    week = week_of(programme, start, day)
    if week is None:
        return []
    times: dict[str, int] = {}
    for entry in programme.sessions:
        if entry.from_week <= week and day.weekday() in entry.days:
            times[entry.routine] = times.get(entry.routine, 0) + entry.times
    return [
        Slot(day, routine, n, count)
        for routine, count in times.items()
        for n in range(1, count + 1)
    ]


def days_of(programme: Programme, start: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range(programme.weeks * 7)]


def describe_days(days: frozenset[int]) -> str:
    if days == EVERY_DAY:
        return "every day"
    if days == WEEKDAYS:
        return "on weekdays"
    return "on " + ", ".join(DAY_NAMES[d].capitalize() for d in sorted(days))


def describe(entry: PlannedRoutine) -> str:
    times = {1: "once", 2: "twice"}.get(entry.times, f"{entry.times} times")
    later = f", from week {entry.from_week}" if entry.from_week > 1 else ""
    return f"{times} a day {describe_days(entry.days)}{later}"


# --- progression -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Clamp:
    """Progression that would pass the routine format's limits, and what it stays at."""

    routine: str
    step: str
    what: str  # "hold" or "reps"
    wanted: float
    kept: float
    week: int

    def words(self) -> str:
        if self.what == "hold":
            return (
                f"would make the hold of {self.step!r} in {self.routine} "
                f"{format_duration(self.wanted)} in week {self.week}; a hold is at most "
                f"{format_duration(self.kept)}, so it stays at {format_duration(self.kept)}"
            )
        return (
            f"would make {self.step!r} in {self.routine} {int(self.wanted)} reps in week "
            f"{self.week}; it takes at most {int(self.kept)}, so it stays at {int(self.kept)}"
        )


def added(programme: Programme, routine_id: str, week: int) -> tuple[float, int]:
    """Seconds added to each hold and reps added to each set of `routine_id` in `week`."""
    hold, reps = 0.0, 0
    for entry in programme.progression:
        if entry.week <= week and entry.routine in (None, routine_id):
            hold += entry.hold
            reps += entry.reps
    return hold, reps


def progressed(programme: Programme, routine: Routine, week: int) -> tuple[Routine, list[Clamp]]:
    """`routine` as it is done in `week` of the programme: longer holds and more reps from the
    progression, never past the format's limits (each clamp is returned), and the programme's
    own warning signs added to the routine's."""
    hold, reps = added(programme, routine.id, week)
    clamps: list[Clamp] = []
    steps: list[Step] = []
    for step in routine.steps:
        if isinstance(step, Stretch) and (hold or reps):
            new_hold = _clamped(step.hold + hold, HOLD_MOST, routine.id, step, "hold", week, clamps)
            new_reps = _clamped(
                step.reps + reps, STRETCH_REPS_MOST, routine.id, step, "reps", week, clamps
            )
            steps.append(replace(step, hold=new_hold, reps=int(new_reps)))
        elif isinstance(step, Exercise) and reps:
            new_reps = _clamped(
                step.reps + reps, EXERCISE_REPS_MOST, routine.id, step, "reps", week, clamps
            )
            steps.append(replace(step, reps=int(new_reps)))
        else:
            steps.append(step)
    signs = tuple(dict.fromkeys((*routine.stop_if, *programme.stop_if)))
    return replace(routine, steps=tuple(steps), stop_if=signs), clamps


def _clamped(
    wanted: float,
    most: float,
    routine_id: str,
    step: Step,
    what: str,
    week: int,
    clamps: list[Clamp],
) -> float:
    if wanted <= most:
        return wanted
    clamps.append(Clamp(routine_id, step.title, what, wanted, most, week))
    return most
