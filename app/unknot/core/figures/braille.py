"""A stick figure drawn in Unicode braille: each character cell holds 2 x 4 dots.

Lines are drawn with Bresenham's algorithm and the head with the midpoint circle algorithm,
on a grid of cells kept as one integer of dot bits each; a cell with no dot is a space.
Nothing here knows about terminals or widgets: it turns a pose into lines of text.
"""

from __future__ import annotations

from collections.abc import Sequence

from unknot.core.figures.pose import Bounds, Pose, Skeleton, between, fit, frame_of, skeleton

# The bit of each dot in a braille cell, by (row, column): dots 1-2-3-7 down the left column,
# 4-5-6-8 down the right (Unicode's numbering).
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_CHARS = [" "] + [chr(0x2800 + i) for i in range(1, 256)]


class Canvas:
    """A width x height grid of braille cells, drawn on dot by dot."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = max(0, width), max(0, height)
        self.dots_x, self.dots_y = self.width * 2, self.height * 4
        self.cells = bytearray(self.width * self.height)

    def dot(self, x: int, y: int) -> None:
        """Set the dot at (x, y), counted from the top left; outside the grid is ignored."""
        if 0 <= x < self.dots_x and 0 <= y < self.dots_y:
            self.cells[(y >> 2) * self.width + (x >> 1)] |= _BITS[y & 3][x & 1]

    def line(self, x0: int, y0: int, x1: int, y1: int) -> None:
        """Bresenham: every dot on the way from (x0, y0) to (x1, y1), both ends included."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        dot = self.dot
        while True:
            dot(x0, y0)
            if x0 == x1 and y0 == y1:
                return
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def dotted(self, y: int) -> None:
        """A floor: every other dot across row `y`."""
        for x in range(0, self.dots_x, 2):
            self.dot(x, y)

    def circle(self, cx: int, cy: int, r: int) -> None:
        """The midpoint circle: its eight symmetric octants, drawn together."""
        if r <= 0:
            self.dot(cx, cy)
            return
        x, y, err = r, 0, 1 - r
        dot = self.dot
        while x >= y:
            for px, py in ((x, y), (y, x), (-y, x), (-x, y), (-x, -y), (-y, -x), (y, -x), (x, -y)):
                dot(cx + px, cy + py)
            y += 1
            if err < 0:
                err += 2 * y + 1
            else:
                x -= 1
                err += 2 * (y - x) + 1

    def lines(self) -> list[str]:
        w, cells, chars = self.width, self.cells, _CHARS
        return ["".join([chars[b] for b in cells[r * w : (r + 1) * w]]) for r in range(self.height)]


def draw(
    shape: Skeleton, width: int, height: int, *, floor: bool = True, frame: Bounds | None = None
) -> list[str]:
    """`shape` scaled into width x height cells, keeping its proportions (a braille dot is
    about square on a terminal whose cells are twice as tall as wide). `frame` fixes the part
    of the figure's space shown, so the frames of a movement share one scale."""
    canvas = Canvas(width, height)
    if canvas.dots_x < 2 or canvas.dots_y < 4:
        return canvas.lines()
    # Dot centres run from 0 to dots - 1, and y grows downward on the canvas.
    top = float(canvas.dots_y - 1)
    scale, ox, oy = fit(frame or shape.bounds(), (0.0, 0.0, float(canvas.dots_x - 1), top))
    line = canvas.line
    for stroke in shape.strokes:
        px, py = round(ox + stroke[0][0] * scale), round(top - oy - stroke[0][1] * scale)
        for x, y in stroke[1:]:
            qx, qy = round(ox + x * scale), round(top - oy - y * scale)
            line(px, py, qx, qy)
            px, py = qx, qy
    hx, hy = shape.head
    radius = max(1, round(shape.head_radius * scale))
    canvas.circle(round(ox + hx * scale), round(top - oy - hy * scale), radius)
    if floor and shape.floor:
        canvas.dotted(round(top - oy))  # the floor is y = 0 in the figure's space
    return canvas.lines()


def render(
    pose: Pose, width: int, height: int, *, floor: bool = True, frame: Bounds | None = None
) -> list[str]:
    """A pose as `height` lines of `width` braille characters."""
    return draw(skeleton(pose), width, height, floor=floor, frame=frame)


def render_between(
    a: Pose,
    b: Pose,
    t: float,
    width: int,
    height: int,
    *,
    floor: bool = True,
    frame_poses: Sequence[Pose] = (),
) -> list[str]:
    """The in-between of `a` and `b` at `t` (0 to 1), framed so that every point of the
    movement (`frame_poses`, else just a and b) fits at one scale."""
    frame = frame_of(frame_poses or (a, b))
    return draw(skeleton(between(a, b, t)), width, height, floor=floor, frame=frame)
