"""Boxes and headings the screens share, each with its own small style."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from unknot.tui.widgets.plain_text import literal


class Dialog(Vertical):
    """The box in the middle of a modal screen."""

    DEFAULT_CSS = """
    Dialog {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    """


class ScrollDialog(VerticalScroll):
    """A dialog whose text may be longer than the terminal."""

    # Its own: a widget's default styles are scoped to its class, so Dialog's never reach it.
    DEFAULT_CSS = """
    ScrollDialog {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    """


class Buttons(Horizontal):
    DEFAULT_CSS = """
    Buttons { height: auto; padding-top: 1; }
    Buttons Button { margin-right: 2; }
    """


class Heading(Static):
    """A screen's or a dialog's title, shown literally (it may be a routine's own words)."""

    DEFAULT_CSS = """
    Heading { text-style: bold; color: $accent; }
    Dialog Heading, ScrollDialog Heading { padding: 0 0 1 0; }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(literal(text), id=id, classes=classes, markup=False)


class Muted(Static):
    DEFAULT_CSS = """
    Muted { color: $text-muted; }
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(literal(text), id=id, markup=False)
