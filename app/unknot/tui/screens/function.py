"""The weekly function scale: up to three activities in the person's own words, each 0-10."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from unknot.core.engine.prompts import FunctionAnswer, FunctionPrompt
from unknot.core.engine.psfs import MOST_ACTIVITIES, rating
from unknot.core.numbers import typed_number
from unknot.tui.base import UnknotModal
from unknot.tui.messages import Answered
from unknot.tui.widgets.dialog import Buttons, Dialog, Heading, Muted
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar


class FunctionScreen(UnknotModal[None]):
    """Activities are typed, never suggested; the last ones are there to rate again."""

    CSS_PATH = "function.tcss"
    AUTO_FOCUS = "#activity-1"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+k", "skip", "Skip this week"),
        Binding("escape", "later", "Not now"),
    ]

    def __init__(self, prompt: FunctionPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        last = self.prompt.activities
        with Dialog(id="function"):
            yield Heading("This week: what can you do?")
            yield Static(self.prompt.question, markup=False)
            for n in range(1, MOST_ACTIVITIES + 1):
                with Horizontal(classes="activity-row"):
                    yield SafeInput(
                        last[n - 1] if n <= len(last) else "",
                        placeholder=f"Activity {n}, like 'putting on socks'",
                        id=f"activity-{n}",
                        max_length=80,
                        compact=True,
                    )
                    yield SafeInput(placeholder="0-10", id=f"score-{n}", max_length=2, compact=True)
            yield Static("", id="function-error", markup=False)
            with Buttons():
                yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Skip this week", id="skip", compact=True)
            yield Muted("Escape asks again next time you open unknot.")
        yield KeyBar()

    def _typed(self) -> list[tuple[str, int | None]]:
        out = []
        for n in range(1, MOST_ACTIVITIES + 1):
            activity = self.query_one(f"#activity-{n}", SafeInput).value
            score = typed_number(self.query_one(f"#score-{n}", SafeInput).value, 0, 10)
            out.append((activity, score))
        return out

    @on(SafeInput.Submitted)
    def submitted(self, event: SafeInput.Submitted) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        answer = rating(self._typed())
        why = answer.problem()
        if why is not None:
            self.query_one("#function-error", Static).update(why)
            return
        self.post_message(Answered(self.prompt, answer))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self.post_message(Answered(self.prompt, FunctionAnswer.SKIP_WEEK))

    def action_later(self) -> None:
        self.post_message(Answered(self.prompt, FunctionAnswer.NOT_NOW))
