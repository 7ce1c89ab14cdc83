"""An emergency or urgent stop, remembered for the rest of the day it was reported on.

After such a stop the person is to call for help or get advice today, not to exercise: a
restart of the program must not forget it. It holds until the local midnight that ends its
day, or until the person says, deliberately, that they have been seen or that it was a
mistake (`visit.py` owns what holding means; this is only the fact and its saved form).

The day is the calendar day where the person was when they reported it. A wall clock set back
before the stop keeps it (longer, never shorter); one set forward past midnight ends it, as
midnight would. Travelling across time zones moves midnight with the person.

Kept small and free of the engine: `unknot status` reads it on every shell prompt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unknot.core.savedstate import (
    TIME_MOST,
    SavedStateError,
    choices,
    mapping,
    number,
    optional_text,
    text,
)

HELD_LEVELS = ("emergency", "urgent")
LIFTED = "lifted"  # the level the history keeps a lifted stop under, beside the stops


def local_day(wall: float) -> dt.date:
    return dt.datetime.fromtimestamp(wall).date()


def day_holds(day: dt.date, wall: float) -> bool:
    """Is it still `day` at wall time `wall` (or a clock set back before it)? Longer, never
    shorter: a clock set forward past midnight ends it, as midnight would."""
    return local_day(wall) <= day


def day_ends(day: dt.date, wall: float) -> float:
    """Wall time of the midnight that ends `day`, as the clock reads at `wall`."""
    after = max(local_day(wall), day) + dt.timedelta(days=1)
    return dt.datetime.combine(after, dt.time()).timestamp()


def saved_day(state: Mapping[str, Any]) -> dt.date:
    """The `day` of a saved state; SavedStateError for anything that isn't a date."""
    try:
        return dt.date.fromisoformat(text(state, "day"))
    except ValueError as exc:
        raise SavedStateError(f"day: {state.get('day')!r} is not a date") from exc


@dataclass(frozen=True)
class DayStop:
    level: str  # emergency or urgent
    reason: str  # the sign's words
    sign_id: str | None
    at: float  # wall time it was reported
    day: dt.date  # the local day it was reported on
    headline: str  # what the stop said to do first, for a glance that reads no settings

    @classmethod
    def reported(
        cls, level: str, reason: str, sign_id: str | None, headline: str, wall: float
    ) -> DayStop:
        return cls(level, reason, sign_id, wall, local_day(wall), headline)

    def holds(self, wall: float) -> bool:
        """Still the day it was reported on (or a clock set back before it)."""
        return day_holds(self.day, wall)

    def ends(self, wall: float) -> float:
        """Wall time of the midnight that ends it, as the clock reads at `wall`."""
        return day_ends(self.day, wall)

    def to_state(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "reason": self.reason,
            "sign_id": self.sign_id,
            "at": self.at,
            "day": self.day.isoformat(),
            "headline": self.headline,
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> DayStop:
        """Raises SavedStateError for anything that isn't one."""
        state = mapping(state, "the stop")
        level = choices({"level": [state.get("level")]}, "level", 1, HELD_LEVELS)[0]
        return cls(
            level,
            text(state, "reason"),
            optional_text(state, "sign_id"),
            number(state, "at", -TIME_MOST, TIME_MOST),
            saved_day(state),
            text(state, "headline"),
        )
