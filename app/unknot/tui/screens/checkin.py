"""A check-in: pain 0-10 and yes/no on the routine's warning signs and questions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.validation import Integer
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from unknot.core.session import CheckIn
from unknot.core.text import one_line
from unknot.tui.base import UnknotModal
from unknot.tui.widgets.dialog import Dialog, Heading, Muted
from unknot.tui.widgets.plain_text import literal


class CheckInScreen(UnknotModal[CheckIn]):
    BINDINGS = [Binding("ctrl+s", "done", "Done")]

    def __init__(self, title: str, questions: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.questions = questions

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading(one_line(self.title_text))
            yield Static("Pain right now, from 0 (none) to 10 (the worst):", markup=False)
            yield Input(
                placeholder="0-10, or leave empty to skip",
                id="pain",
                type="integer",
                validators=[Integer(0, 10)],
                compact=True,
            )
            if self.questions:
                yield Static(
                    "Tick any that apply now (space ticks), then Ctrl+S or Done:", markup=False
                )
                yield SelectionList[int](
                    *(Selection(literal(one_line(q)), i) for i, q in enumerate(self.questions)),
                    id="questions",
                )
            yield Static("", id="pain-error", markup=False)
            yield Button("Done", id="done", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#pain", Input).focus()

    @on(Input.Submitted, "#pain")
    def submitted(self) -> None:
        if self.questions:
            self.query_one("#questions", SelectionList).focus()
        else:
            self.action_done()

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        raw = self.query_one("#pain", Input).value.strip()
        pain = None
        if raw:
            try:
                pain = int(raw)
            except ValueError:
                pain = -1
            if not 0 <= pain <= 10:
                self.query_one("#pain-error", Static).update("Pain is a number from 0 to 10.")
                self.query_one("#pain", Input).focus()
                return
        ticked: set[int] = set()
        if self.questions:
            ticked = set(self.query_one("#questions", SelectionList).selected)
        answers = tuple((q, i in ticked) for i, q in enumerate(self.questions))
        self.dismiss(CheckIn(pain, answers))


class PainRating(UnknotModal[int | None]):
    """A quick pain rating, 0-10, before or after a session. Escape skips it."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading(self.question)
            yield Static("0 is no pain, 10 the worst. Type it and press Enter.", markup=False)
            yield Input(
                placeholder="0-10",
                id="pain",
                type="integer",
                validators=[Integer(0, 10)],
                compact=True,
            )
            yield Muted("Escape skips.")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self.dismiss(None)
        elif raw.isdigit() and 0 <= int(raw) <= 10:
            self.dismiss(int(raw))
        else:
            self.query_one(Input).value = ""

    def action_skip(self) -> None:
        self.dismiss(None)
