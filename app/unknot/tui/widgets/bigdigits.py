"""Digits that grow with the space they are given.

Textual's `Digits` draws each character in a 3 x 3 box-drawing font (a heavy one when bold).
This draws the same fonts scaled up by a whole number: every cell of a glyph becomes a square
block of cells, with the original character at its centre and its lines carried on to the block's edges, so the strokes
meet the next block's and a "0" stays one rounded box. It picks the largest scale that fits its
own size (at least the original 3 rows), and is a `Digits`, so whatever reads a `Digits`
(its `value`, a query by type) reads this too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.strip import Strip
from textual.widgets import Digits

# Unicode names the arms of a box-drawing character ("LIGHT ARC DOWN AND RIGHT", "HEAVY
# VERTICAL AND LEFT", "LIGHT UP"...): read them rather than keep a table by hand.
_ARMS = {
    "UP": "n",
    "DOWN": "s",
    "LEFT": "w",
    "RIGHT": "e",
    "VERTICAL": "ns",
    "HORIZONTAL": "ew",
}
_DOT = "•"  # a colon's two dots at any scale, as Textual's own font draws a full stop
_LINES = {"LIGHT": ("─", "│"), "HEAVY": ("━", "┃")}  # what carries an arm across a block


@lru_cache(maxsize=128)
def arms(char: str) -> str:
    """The directions ("n", "e", "s", "w") in which a light or heavy box-drawing character
    has a line ("" for anything else, and for characters that mix the two weights)."""
    name = unicodedata.name(char, "").split()
    if name[:2] != ["BOX", "DRAWINGS"] or len(name) < 4 or name[2] not in _LINES:
        return ""
    return "".join(sorted({a for word in name[3:] for a in _ARMS.get(word, "")}))


def glyph(char: str, bold: bool = False) -> tuple[str, str, str]:
    """The 3 x 3 glyph of one character, as Textual's `Digits` draws it."""
    try:
        at = DIGITS.index(char) * 3
    except ValueError:
        return ("   ", "   ", f" {char} ")
    rows = (DIGITS3X3_BOLD if bold else DIGITS3X3)[at : at + 3]
    return (rows[0].ljust(3), rows[1].ljust(3), rows[2].ljust(3))


def width_of(text: str) -> int:
    return 3 * len(text)


def scaled(text: str, scale: int, bold: bool = False) -> tuple[str, ...]:
    """`text` in the 3-row font with every cell grown to a `scale` x `scale` block."""
    blocks = [_block(char, max(1, scale), bold) for char in text]
    return tuple("".join(block[row] for block in blocks) for row in range(3 * max(1, scale)))


@lru_cache(maxsize=256)
def _block(char: str, s: int, bold: bool) -> tuple[str, ...]:
    """One character, scaled: kept, as a countdown shows the same few characters all day."""
    rows = [[" "] * (3 * s) for _ in range(3 * s)]
    middle = s // 2
    if char == ":" and s > 1:
        rows[s + middle - max(1, s // 2)][s + middle] = _DOT
        rows[s + middle + max(1, s // 2)][s + middle] = _DOT
        return tuple("".join(row) for row in rows)
    across, down = _LINES["HEAVY" if bold else "LIGHT"]
    for r, line in enumerate(glyph(char, bold)):
        for c, cell in enumerate(line):
            if cell == " ":
                continue
            x0, y0 = c * s, r * s
            cx, cy = x0 + middle, y0 + middle
            rows[cy][cx] = cell
            way = arms(cell)
            if "w" in way:
                rows[cy][x0:cx] = across * (cx - x0)
            if "e" in way:
                rows[cy][cx + 1 : x0 + s] = across * (x0 + s - cx - 1)
            for y in range(y0, cy) if "n" in way else ():
                rows[y][cx] = down
            for y in range(cy + 1, y0 + s) if "s" in way else ():
                rows[y][cx] = down
    return tuple("".join(row) for row in rows)


def best_scale(text: str, width: int, height: int, most: int) -> int:
    """The largest whole scale at which `text` fits `width` x `height` (1 at least)."""
    wide = max(1, width_of(text))
    return max(1, min(most, height // 3, width // wide))


class BigDigits(Digits):
    """A `Digits` that draws as large as its own size allows, centred in it.

    Its size comes from the layout (give it `height: 1fr` or a fixed height); with `height:
    auto` it is 3 rows, the same as a `Digits`. `most` caps the scale.
    """

    DEFAULT_CSS = """
    BigDigits {
        width: 1fr;
        height: auto;
        text-align: center;
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        most: int = 12,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(value, name=name, id=id, classes=classes)
        self.most = most
        self._drawn_for: tuple[object, ...] | None = None
        self._strips: list[Strip] = []

    @property
    def scale(self) -> int:
        width, height = self.content_size
        return best_scale(self.value, width, height, self.most)

    def update(self, value: str) -> None:
        if value != self.value:
            # The size comes from the layout, not from the text: no new layout is needed. Only
            # the characters that changed are repainted: a countdown changes one digit in most
            # seconds, and a large one is many cells.
            old, self._value = self._value, value
            self.refresh(*self._changed(old, value))

    def _changed(self, old: str, new: str) -> list[Region]:
        """The blocks of the characters that differ (none: repaint all of it)."""
        width, height = self.content_size
        scale = best_scale(new, width, height, self.most)
        if len(old) != len(new) or scale != best_scale(old, width, height, self.most):
            return []
        top, left = self._origin(width, height, scale, len(new))
        cell = 3 * scale
        return [
            Region(left + i * cell, top, cell, cell)
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            if a != b
        ]

    def _origin(self, width: int, height: int, scale: int, count: int) -> tuple[int, int]:
        """Where the drawing's top left corner is: centred in height, aligned in width."""
        top = max(0, (height - 3 * scale) // 2)
        used = 3 * scale * count
        align = self.styles.text_align
        left = 0 if align in ("left", "start") else (width - used) // (1 if align == "right" else 2)
        return top, max(0, left)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once a repaint, not once a line: what is drawn depends on the whole widget.
        width, height = self.content_size  # padding is drawn around what this returns
        style = self.visual_style.rich_style
        wanted = (self.value, width, height, style, self.styles.text_align)
        if wanted != self._drawn_for:
            self._drawn_for = wanted
            self._strips = self._draw(width, height, style)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.content_size.width)

    def _draw(self, width: int, height: int, style: Style) -> list[Strip]:
        scale = best_scale(self.value, width, height, self.most)
        lines = scaled(self.value, scale, bool(style.bold))
        top, left = self._origin(width, height, scale, len(self.value))
        blank = Strip.blank(width, style)
        strips = [blank] * height
        for i, line in enumerate(lines[: max(0, height - top)]):
            text = (" " * left + line)[:width]
            strips[top + i] = Strip([Segment(text.ljust(width), style)], width)
        return strips
