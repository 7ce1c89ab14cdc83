"""A yes/no question over the current screen, and a message to read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from unknot.core.engine.prompts import ConfirmPrompt, MessagePrompt
from unknot.tui.base import UnknotModal
from unknot.tui.messages import Answered
from unknot.tui.widgets.dialog import Buttons, Dialog, Heading, Muted
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText


class Confirm(UnknotModal[None]):
    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, prompt: ConfirmPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog():
            yield PlainText(self.prompt.question, id="question")
            with Buttons():
                yield Button(f"{self.prompt.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.prompt.no} (n)", variant="primary", id="no")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        """A yes the visit would not take yet (see `ConfirmPrompt.armed`) looks it."""
        armed = self.prompt.armed(self.unknot.clock.now())
        for button in self.query("#yes").results(Button):  # none once it is being removed
            button.disabled = not armed

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.post_message(Answered(self.prompt, answer))


class MessageScreen(UnknotModal[None]):
    BINDINGS = [Binding("enter,escape", "close", "OK")]

    def __init__(self, prompt: MessagePrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading(self.prompt.title)
            yield PlainText(self.prompt.text)
            yield Muted("Press Enter.")
        yield KeyBar()

    def action_close(self) -> None:
        self.post_message(Answered(self.prompt, None))
