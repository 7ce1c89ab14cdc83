"""The baseline for CPU use: a minimal Textual app that updates a Digits countdown once a second."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer


class Countdown(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("20:00")
        yield Footer()

    def on_mount(self) -> None:
        self.end = time.monotonic() + 1200
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        left = max(0, int(self.end - time.monotonic()))
        self.query_one(Digits).update(f"{left // 60:02d}:{left % 60:02d}")


if __name__ == "__main__":
    Countdown().run()
