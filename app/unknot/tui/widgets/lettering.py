"""Words in large block letters, wrapped to the width they are given.

For the few words that must be read from across a room (a safety stop's action). The letters
are FIGlet's "ANSI Regular" font, drawn by pyfiglet; what cannot be lettered (characters the
font lacks) is left out of the lettering, so the same words must also be shown as plain text.
"""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

FONT = "ansi_regular"


@lru_cache(maxsize=32)
def lettered(text: str, width: int) -> tuple[str, ...]:
    """`text` in block letters, wrapped at word breaks to `width` columns and each line of
    letters centred in them; trailing blank lines and spaces trimmed. Empty when no line fits
    `width`."""
    import pyfiglet  # only when a large stop is drawn: most runs never need it

    if width <= 0 or not text.strip():
        return ()
    drawn = pyfiglet.Figlet(font=FONT, width=width, justify="center").renderText(text)
    lines = [line.rstrip() for line in drawn.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if not lines or max(len(line) for line in lines) > width:
        return ()
    return tuple(lines)


def lettered_rows(text: str, width: int) -> int:
    """How many rows `text` takes in block letters at `width` (0: it doesn't fit)."""
    return len(lettered(text, width))


class Lettering(Widget):
    """`text` in block letters, centred in its width; as many rows as the letters need."""

    DEFAULT_CSS = """
    Lettering {
        width: 1fr;
        height: auto;
        text-style: bold;
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text

    def render(self) -> Content:
        return Content("\n".join(lettered(self.text, self.content_size.width)))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return lettered_rows(self.text, width)
