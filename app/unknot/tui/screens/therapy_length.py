"""How long a cold or heat pack stays on, chosen before its timer starts."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from unknot.core.engine.therapy import on_choices
from unknot.core.limits import THERAPY_ON_ADVISED
from unknot.tui.base import UnknotModal
from unknot.tui.widgets.dialog import Dialog, Heading, Muted
from unknot.tui.widgets.keybar import KeyBar


class TherapyLength(UnknotModal[float | None]):
    """The lengths the engine offers, the advised one highlighted: Enter takes it."""

    AUTO_FOCUS = "#lengths"
    BINDINGS = [Binding("escape", "cancel", "Not now")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.choices = on_choices()

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading("Ice: how long?" if self.kind == "ice" else "Heat: how long?")
            yield Static("How long will the pack stay on? Choose and press Enter.", markup=False)
            yield OptionList(
                *[Option(words, id=str(i)) for i, (_, words) in enumerate(self.choices)],
                id="lengths",
                compact=True,
            )
            yield Muted("Escape goes back.")
        yield KeyBar()

    def on_mount(self) -> None:
        lengths = self.query_one("#lengths", OptionList)
        advised = [seconds for seconds, _ in self.choices].index(THERAPY_ON_ADVISED)
        lengths.highlighted = advised

    @on(OptionList.OptionSelected, "#lengths")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
