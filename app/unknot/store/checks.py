"""Small things remembered between runs: the start-of-day check, the first-run notice, when
the skin last came off a pack, the theme."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from unknot.store.statefile import StateFile


class Remembered:
    def __init__(self, data_dir: Path, mode: str = "daily") -> None:
        self.file = StateFile(data_dir / "checks.json")
        self.mode = mode

    def daily_check_due(self, today: dt.date) -> bool:
        if self.mode == "every session":
            return True
        return self.file.read().get("daily_check") != today.isoformat()

    def daily_check_day(self) -> dt.date | None:
        """The day the start-of-day check was last answered."""
        raw = self.file.read().get("daily_check")
        try:
            return dt.date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None

    def daily_check_done(self, today: dt.date) -> None:
        self.file.update(daily_check=today.isoformat())

    def notice_due(self) -> bool:
        return not self.file.read().get("notice_seen")

    def notice_seen(self) -> None:
        self.file.update(notice_seen=True)

    def nudge_due(self, now: float, every_days: int = 14) -> bool:
        last = self.file.read().get("nudged")
        return not isinstance(last, int | float) or now - last >= every_days * 86400

    def nudged(self, now: float) -> None:
        self.file.update(nudged=now)

    def skin_off(self) -> float | None:
        """Wall time the last real cold or heat application came off."""
        raw = self.file.read().get("skin_off")
        if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
            return float(raw)
        return None

    def remember_skin_off(self, at: float | None) -> None:
        if at is not None and self.skin_off() != at:
            self.file.update(skin_off=at)

    def theme(self) -> str | None:
        theme = self.file.read().get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, theme: str) -> None:
        if self.theme() != theme:
            self.file.update(theme=theme)
