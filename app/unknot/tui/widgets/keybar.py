"""The keys of the screen on one line at the bottom, the warning-signs key always first.

One widget drawing one line, where Textual's Footer builds a widget per key and restyles each
whenever the bindings change (a tenth of a second or more per screen on a small machine). A key
can still be clicked.
"""

from __future__ import annotations

from textual import events
from textual.content import Content, Span
from textual.screen import Screen
from textual.widget import Widget

SIGNS_KEY = "exclamation_mark"
HELP_KEY = "question_mark"


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._items: list[tuple[str, str, bool, str]] = []  # (key shown, words, enabled, key)
        self._places: list[tuple[int, int, str]] = []  # (from x, to x, key) for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        items = self._read(screen)
        if items != self._items:
            self._items = items
            self.refresh()

    def _read(self, screen: Screen[object]) -> list[tuple[str, str, bool, str]]:
        seen: set[str] = set()
        first: list[tuple[str, str, bool, str]] = []
        rest: list[tuple[str, str, bool, str]] = []
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            item = (self.app.get_key_display(binding), binding.description, active.enabled, key)
            (first if key == SIGNS_KEY else rest).append(item)
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = self.app.COMMAND_PALETTE_BINDING
            rest.append(("^p", "palette", True, palette))
        return first + rest

    def _fitting(self) -> list[tuple[str, str, bool, str]]:
        """The items that fit the width. The warning-signs key and the key that lists all the
        others stay; the palette goes first, then the screen's keys from the last."""
        items = list(self._items)
        width = self.size.width

        def wide(some: list[tuple[str, str, bool, str]]) -> int:
            return sum(len(shown) + len(words) + 3 for shown, words, _, _ in some)

        palette = self.app.COMMAND_PALETTE_BINDING
        kept = (SIGNS_KEY, HELP_KEY)
        while wide(items) > width:
            droppable = [i for i, item in enumerate(items) if item[3] not in kept]
            if not droppable:
                break
            last = next((i for i in droppable if items[i][3] == palette), droppable[-1])
            del items[last]
        return items

    def render(self) -> Content:
        text = ""
        spans: list[Span] = []
        self._places = []
        for shown, words, enabled, key in self._fitting():
            start = len(text)
            text += f" {shown} "
            spans.append(Span(start, len(text), "bold reverse" if enabled else "dim"))
            text += f"{words} "
            if not enabled:
                spans.append(Span(start, len(text), "dim"))
            self._places.append((start, len(text), key))
        return Content(text, spans)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._places:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
