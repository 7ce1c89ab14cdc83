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
    letters centred in them; trailing blank lines and spaces trimmed. Empty when a word alone
    is wider than `width` (the font would cut it in two)."""
    import pyfiglet  # only when a large stop is drawn: most runs never need it

    if width <= 0 or not text.strip():
        return ()
    figlet = pyfiglet.Figlet(font=FONT, width=width, justify="center")
    unwrapped = pyfiglet.Figlet(font=FONT, width=10_000)
    if any(_widest(unwrapped.renderText(word)) > width for word in text.split()):
        return ()
    lines = [line.rstrip() for line in figlet.renderText(text).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if not lines or _widest(lines) > width:
        return ()
    return tuple(lines)


def _widest(drawn: str | list[str]) -> int:
    lines = drawn.splitlines() if isinstance(drawn, str) else drawn
    return max((len(line.rstrip()) for line in lines), default=0)


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
