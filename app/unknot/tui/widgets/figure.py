"""A stick figure in braille that fills the space it is given.

It draws one pose, or a moment of a movement (`unknot.core.engine.motion.Moment`), scaled to its own
size and redrawn when that size changes. Setting the same pose or moment again costs nothing:
the lines are kept until the pose, the fraction or the size changes. It never takes the focus.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from unknot.core.engine.motion import Moment
from unknot.core.figures.braille import render
from unknot.core.figures.pose import Pose, frame_of

# A movement's in-between is drawn to 1/100 of the way: finer than a braille dot moves.
_STEPS = 100


@lru_cache(maxsize=64)
def _frame(poses: tuple[Pose, ...]) -> tuple[float, float, float, float]:
    return frame_of(poses)


@lru_cache(maxsize=256)
def _lines(
    a: Pose, b: Pose, step: int, poses: tuple[Pose, ...], width: int, height: int, floor: bool
) -> tuple[str, ...]:
    """The braille of one moment at one size; a repeating movement draws each frame once."""
    moment = Moment(poses, a, b, step / _STEPS)
    return tuple(render(moment.pose, width, height, floor=floor, frame=_frame(poses)))


class Figure(Widget):
    """Shows a pose, or a moment between two poses, in braille at its own size."""

    DEFAULT_CSS = """
    Figure {
        width: 1fr;
        height: 1fr;
        min-width: 4;
        min-height: 2;
        color: $foreground;
    }
    """
    can_focus = False
    can_focus_children = False

    def __init__(
        self,
        pose: Pose | None = None,
        *,
        floor: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.floor = floor
        self._moment: Moment | None = _still(pose)
        self._drawn_for: tuple[object, ...] | None = None
        self._strips: list[Strip] = []
        self._style: Style | None = None  # the style the lines were drawn in
        self.draws = 0  # lines built (not taken from the widget's cache): for tests

    @property
    def moment(self) -> Moment | None:
        return self._moment

    def show(self, pose: Pose | None) -> None:
        """Show one pose, or nothing."""
        self.show_moment(_still(pose))

    def show_between(self, a: Pose, b: Pose, t: float, poses: Sequence[Pose] = ()) -> None:
        """Show the in-between of `a` and `b` at `t` (0 to 1). `poses`: the whole movement,
        so that every moment of it keeps one scale and place (a and b when not given)."""
        self.show_moment(Moment(tuple(poses) or (a, b), a, b, t))

    def show_moment(self, moment: Moment | None) -> None:
        """Show a moment from `unknot.core.engine.motion.moment`; the same one again is free, and a
        new one repaints only the rows whose dots moved."""
        key = _key(moment)
        if key == _key(self._moment):
            return
        self._moment = moment
        drawn, style = self._drawn_for, self._style
        width, height = self.size
        if drawn is None or style is None or drawn[1:3] != (width, height):
            self.refresh()
            return
        before = [strip.text for strip in self._strips]
        self._drawn_for = (key, width, height, style, self.floor)
        self._strips = self._draw(width, height, style)
        moved = [
            y for y, strip in enumerate(self._strips) if y >= len(before) or strip.text != before[y]
        ]
        if moved:
            self.refresh(Region(0, moved[0], width, moved[-1] - moved[0] + 1))

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        style = self.visual_style.rich_style
        wanted = (_key(self._moment), width, height, style, self.floor)
        if wanted != self._drawn_for:
            self._drawn_for, self._style = wanted, style
            self._strips = self._draw(width, height, style)
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, style)

    def _draw(self, width: int, height: int, style: Style) -> list[Strip]:
        self.draws += 1
        moment = self._moment
        if moment is None or width <= 0 or height <= 0:
            return [Strip.blank(width, style)] * max(0, height)
        step = round(min(1.0, max(0.0, moment.t)) * _STEPS)
        lines = _lines(moment.a, moment.b, step, moment.poses, width, height, self.floor)
        return [Strip([Segment(line, style)], width) for line in lines]


def _still(pose: Pose | None) -> Moment | None:
    return None if pose is None else Moment((pose,), pose, pose, 0.0)


def _key(moment: Moment | None) -> tuple[object, ...] | None:
    if moment is None:
        return None
    step = round(min(1.0, max(0.0, moment.t)) * _STEPS)
    return (moment.a, moment.b, step, moment.poses)
