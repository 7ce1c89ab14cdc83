"""Once-a-day things remembered between runs: the start-of-day check and the first-run notice."""

from __future__ import annotations

import datetime as dt
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

    def theme(self) -> str | None:
        theme = self.file.read().get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, theme: str) -> None:
        if self.theme() != theme:
            self.file.update(theme=theme)
