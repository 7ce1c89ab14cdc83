"""A skin check answered "not normal": no cold or heat pack again that day.

Skin that is white, grey or waxy, numb, blistered, or very red and painful after a pack must
not have another put on it the same day (docs/safety.md, "Cold and heat"): a restart of the
program, or a second copy, must not forget it. It holds until the local midnight that ends the
day the skin was checked on, by the day logic of the day's stop (`daystop.py`): a clock set
back keeps it, one set forward past midnight ends it, as midnight would. `visit.py` owns what
holding means; this is only the fact, its words and its saved form.

A saved one that can't be read is taken as one from now (`unread`): not knowing whether the
skin was hurt today, no pack starts until midnight.

Kept small and free of the engine: `unknot status` reads it on every shell prompt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unknot.core.safety.daystop import day_ends, day_holds, local_day, saved_day
from unknot.core.safety.skin import PACK_WORDS, not_again_today
from unknot.core.savedstate import TIME_MOST, SavedStateError, mapping, number, optional_text


@dataclass(frozen=True)
class SkinDay:
    at: float  # wall time the skin check was answered
    day: dt.date  # the local day it was answered on
    kind: str | None  # the pack it was after: ice or heat; None when a saved one was unread

    @classmethod
    def checked(cls, kind: str, wall: float) -> SkinDay:
        return cls(wall, local_day(wall), kind)

    @classmethod
    def unread(cls, wall: float) -> SkinDay:
        """A saved one that could not be read: held from now, to the safe side."""
        return cls(wall, local_day(wall), None)

    def holds(self, wall: float) -> bool:
        return day_holds(self.day, wall)

    def ends(self, wall: float) -> float:
        return day_ends(self.day, wall)

    def words(self) -> str:
        """Why no pack starts today, and what to do."""
        return not_again_today(self.kind, dt.datetime.fromtimestamp(self.at).strftime("%H:%M"))

    def to_state(self) -> dict[str, Any]:
        return {"at": self.at, "day": self.day.isoformat(), "kind": self.kind}

    @classmethod
    def from_state(cls, state: object) -> SkinDay:
        """Raises SavedStateError for anything that isn't one."""
        found: Mapping[str, Any] = mapping(state, "skin_problem")
        kind = optional_text(found, "kind")
        if kind is not None and kind not in PACK_WORDS:
            raise SavedStateError(f"kind: {kind!r} is not ice or heat")
        return cls(number(found, "at", -TIME_MOST, TIME_MOST), saved_day(found), kind)
