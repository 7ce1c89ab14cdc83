"""Text from a user's file, shown exactly as written: never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from unknot.core.text import clean


def literal(text: str) -> Content:
    """`text` as a Content that no markup, link or action can hide in."""
    return Content(clean(text))


def cell(text: str) -> Text:
    """`text` for a table cell: a rich Text, which tables measure and never parse."""
    return Text(clean(text), no_wrap=True, overflow="ellipsis")


class PlainText(Static):
    """A Static whose text is always literal, redrawn only when the text changes (the
    once-a-second refresh sets the same words again and again)."""

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(literal(text), id=id, classes=classes, markup=False)
        self._text = text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update(literal(text))
