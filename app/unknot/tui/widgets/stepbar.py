"""How much of the routine is done, as a one-row bar."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from textual.reactive import reactive
from textual.renderables.bar import Bar as BarRenderable
from textual.widget import Widget


class StepBar(Widget, can_focus=False):
    """A bar drawn like Textual's ProgressBar, without its timer: that one wakes once a
    second, out of step with the screen's own refresh, to update an ETA nobody sees here.
    This one repaints only when the part done moves by half a cell."""

    COMPONENT_CLASSES = {"step-bar--bar", "step-bar--complete"}
    DEFAULT_CSS = """
    StepBar {
        width: 1fr;
        height: 1;

        &> .step-bar--bar {
            color: $primary;
            background: $surface;
        }
        &> .step-bar--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    done: reactive[float] = reactive(0.0)

    def show(self, fraction: float) -> None:
        """The part of the routine done, 0 to 1, kept to the half cells the bar can draw."""
        cells = max(1, self.size.width) * 2
        self.done = int(min(1.0, max(0.0, fraction)) * cells) / cells

    def render(self) -> RenderableType:
        bar = self.get_component_rich_style(
            "step-bar--bar" if self.done < 1 else "step-bar--complete"
        )
        return BarRenderable(
            highlight_range=(0, self.size.width * self.done),
            highlight_style=Style.from_color(bar.color),
            background_style=Style.from_color(bar.bgcolor),
        )
