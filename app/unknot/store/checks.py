"""Small things remembered between runs: the start-of-day check, the first-run notice, when
the skin last came off a pack and a skin check that was not normal today, the theme.

Forgetting one of these only means a question asked again (or a skin rest counted from this
run), so a value of the wrong kind moves the file aside (see `problem`), and a save that fails
is noted there rather than raised.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from unknot.core.engine.psfs import ACTIVITY_MOST, MOST_ACTIVITIES
from unknot.core.safety.skinday import SkinDay
from unknot.core.savedstate import TEXT_MOST, TIME_MOST, SavedStateError
from unknot.store.statefile import SaveFailed, StateFile


def _check(data: dict[str, Any]) -> None:
    """SavedStateError unless every value is of the kind this file keeps."""
    for key in ("daily_check", "theme"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > TEXT_MOST):
            raise SavedStateError(f"{key} is not a short text")
    if not isinstance(data.get("notice_seen", False), bool):
        raise SavedStateError("notice_seen is not true or false")
    activities = data.get("function_activities", [])
    if not isinstance(activities, list) or len(activities) > MOST_ACTIVITIES:
        raise SavedStateError("function_activities is not a short list")
    for item in activities:
        if not isinstance(item, str) or len(item) > ACTIVITY_MOST:
            raise SavedStateError("function_activities holds something that is not an activity")
    for key in ("nudged", "skin_off", "function_asked"):
        value = data.get(key)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or abs(value) > TIME_MOST
        ):
            raise SavedStateError(f"{key} is not a time")
    if data.get("skin_problem") is not None:
        SkinDay.from_state(data["skin_problem"])


def _kept_skin_problem(data: dict[str, Any], readable: bool, wall: float) -> SkinDay | None:
    """From a file that can't be used as a whole, a skin check that was not normal: the one it
    held, if it held one that can be read; none if it could be read and held none; and
    otherwise one from now, since the skin may have been hurt today."""
    raw = data.get("skin_problem")
    if readable and raw is None:
        return None
    try:
        return SkinDay.from_state(raw)
    except SavedStateError:
        return SkinDay.unread(wall)


LOST = (
    "unknot no longer knows when a cold or heat pack last came off, so it counts a skin rest "
    "from now before the next one (and, where it can't tell whether your skin was normal after "
    "the last one, starts none again today), and asks its start-of-day questions again"
)


class Remembered:
    """`wall`: the wall clock, to count a skin rest from when this file is found damaged."""

    def __init__(
        self, data_dir: Path, mode: str = "daily", wall: Callable[[], float] = time.time
    ) -> None:
        self.file = StateFile(data_dir / "checks.json", LOST)
        self.mode = mode
        self.wall = wall

    @property
    def problem(self) -> str | None:
        return self.file.problem

    def _data(self) -> dict[str, Any]:
        file = self.file
        earlier, file.problem = file.problem, None  # kept, unless this read finds another
        data = file.read()
        readable = file.problem is None
        try:
            _check(data)
        except SavedStateError as exc:
            file.set_aside(str(exc))
        if file.problem is None:
            file.problem = earlier
            return data
        # When the last pack came off is lost with it: a skin rest is never skipped for
        # that, so one counts from now, and is kept for the next start too. So is a skin
        # check that was not normal today, unless the file plainly held none.
        wall = self.wall()
        problem = _kept_skin_problem(data, readable, wall)
        data = {"skin_off": wall}
        if problem is not None:
            data["skin_problem"] = problem.to_state()
        if not file.path.exists():
            with contextlib.suppress(SaveFailed):
                file.write(data)
        return data

    def _remember(self, **changes: Any) -> None:
        data = self._data()
        data.update(changes)
        try:
            self.file.write(data)
        except SaveFailed as exc:
            self.file.problem = str(exc)

    def daily_check_due(self, today: dt.date) -> bool:
        if self.mode == "every session":
            return True
        return self._data().get("daily_check") != today.isoformat()

    def daily_check_day(self) -> dt.date | None:
        """The day the start-of-day check was last answered."""
        raw = self._data().get("daily_check")
        try:
            return dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None

    def daily_check_done(self, today: dt.date) -> None:
        self._remember(daily_check=today.isoformat())

    def notice_due(self) -> bool:
        return not self._data().get("notice_seen")

    def notice_seen(self) -> None:
        self._remember(notice_seen=True)

    def nudge_due(self, now: float, every_days: int = 14) -> bool:
        last = self._data().get("nudged")
        return last is None or now - last >= every_days * 86400

    def nudged(self, now: float) -> None:
        self._remember(nudged=now)

    def skin(self) -> tuple[float | None, SkinDay | None]:
        """Both skin facts from one read of the file: when the last real application came
        off, and the last skin check that was not normal (held or not: the caller knows the
        day). The status line reads them on every shell prompt."""
        data = self._data()
        off, problem = data.get("skin_off"), data.get("skin_problem")
        return (
            None if off is None else float(off),
            None if problem is None else SkinDay.from_state(problem),
        )

    def skin_off(self) -> float | None:
        """Wall time the last real cold or heat application came off."""
        return self.skin()[0]

    def remember_skin_off(self, at: float | None) -> None:
        if at is not None and self.skin_off() != at:
            self._remember(skin_off=at)

    def skin_problem(self) -> SkinDay | None:
        """The last skin check that was not normal (held or not: the caller knows the day)."""
        return self.skin()[1]

    def remember_skin_problem(self, problem: SkinDay | None) -> None:
        """Kept, never forgotten here: only midnight ends it. One saved for a later day (or
        later the same day, by another copy) stays: it holds at least as long."""
        if problem is None:
            return
        saved = self.skin_problem()
        if saved is None or (saved.day, saved.at) < (problem.day, problem.at):
            self._remember(skin_problem=problem.to_state())

    def theme(self) -> str | None:
        theme = self._data().get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, theme: str) -> None:
        if self.theme() != theme:
            self._remember(theme=theme)

    def function_asked(self) -> float | None:
        """Wall time the weekly function scale was last answered or skipped."""
        raw = self._data().get("function_asked")
        return None if raw is None else float(raw)

    def function_activities(self) -> tuple[str, ...]:
        """The activities named last time, to rate again."""
        return tuple(self._data().get("function_activities", []))

    def function_answered(self, at: float, activities: tuple[str, ...] | None) -> None:
        """Answered (with its activities) or skipped (None) for this week."""
        if activities is None:
            self._remember(function_asked=at)
        else:
            self._remember(function_asked=at, function_activities=list(activities))
