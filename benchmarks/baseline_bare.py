"""The baseline for start-up and memory: a bare Textual app with one line and a footer."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("unknot — routines")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
