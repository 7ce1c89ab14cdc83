"""The keys of the screen underneath, listed from its own bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from unknot.tui.base import UnknotModal
from unknot.tui.widgets.dialog import Heading, Muted, ScrollDialog
from unknot.tui.widgets.keybar import SIGNS_KEY, KeyBar
from unknot.tui.widgets.plain_text import PlainText


def key_lines(screen: Screen) -> list[str]:
    """The warning-signs key first, then the screen's and the program's own keys, then those
    of the widget in focus (a table's cursor and page keys): on a small terminal only the
    first lines show."""
    lines = []
    seen = set()
    bindings = screen.active_bindings

    def order(key: str) -> int:
        if key == SIGNS_KEY:
            return 0
        return 1 if bindings[key].node in (screen, screen.app) else 2

    for active in (bindings[key] for key in sorted(bindings, key=order)):
        b = active.binding
        if not b.description or b.action in seen:
            continue
        seen.add(b.action)
        keys = screen.app.get_key_display(b)
        lines.append(f"{keys:>12}  {b.tooltip or b.description}")
    return lines


class Help(UnknotModal[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter", "dismiss", "Close")]

    def __init__(self, title: str, lines: list[str], extra: str = "") -> None:
        super().__init__()
        self.title_text, self.lines, self.extra = title, lines, extra

    def compose(self) -> ComposeResult:
        with ScrollDialog():
            yield Heading(self.title_text)
            yield PlainText("\n".join(self.lines))
            if self.extra:
                yield Muted(self.extra)
            yield Muted("Press Escape to close.")
        yield KeyBar()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
