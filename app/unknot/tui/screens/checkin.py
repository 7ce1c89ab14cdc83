"""Pain ratings and check-ins: the questions that can lead to a stop."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, RadioButton, RadioSet, Static

from unknot.core.engine.prompts import Act, CheckInPrompt, HighPainPrompt, PainPrompt
from unknot.core.numbers import typed_number
from unknot.core.safety.checkin import CheckIn, answer
from unknot.core.text import one_line
from unknot.tui.base import UnknotModal
from unknot.tui.messages import Acted, Answered
from unknot.tui.widgets.dialog import Buttons, Dialog, Heading, Muted, ScrollDialog
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText, literal

PAIN_HELP = "0 is no pain, 10 the worst."
DIGITS = frozenset("0123456789")


class PainBox(SafeInput):
    """Takes digits only, and lets every other printable key through to the screen's keys
    (q ends the routine at a check-in) rather than swallowing it as text it won't accept."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character.isprintable() and character not in DIGITS:
            return False
        return super().check_consume_key(key, character)


def pain_input(placeholder: str) -> PainBox:
    """The box a pain rating is typed in: digits only, at most two of them."""
    return PainBox(
        placeholder=placeholder, id="pain", compact=True, restrict=r"[0-9]{0,2}", max_length=2
    )


def read_pain(raw: str) -> int | str | None:
    """A typed pain rating: a number 0-10, None for empty, or what is wrong with it."""
    if not raw.strip():
        return None
    pain = typed_number(raw, 0, 10)
    return "Pain is a number from 0 to 10." if pain is None else pain


class PainRating(UnknotModal[None]):
    """A quick pain rating, 0-10, before or after a session. Escape (or an empty Enter)
    skips it."""

    AUTO_FOCUS = "#pain"
    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, prompt: PainPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading(self.prompt.question)
            yield Static(f"{PAIN_HELP} Type it and press Enter.", markup=False)
            yield pain_input("0-10")
            yield Static("", id="pain-error", markup=False)
            yield Muted("Escape skips.")
        yield KeyBar()

    @on(SafeInput.Submitted)
    def submitted(self, event: SafeInput.Submitted) -> None:
        pain = read_pain(event.value)
        if isinstance(pain, str):
            self.query_one("#pain-error", Static).update(pain)
            self.query_one(SafeInput).value = ""
            return
        self.post_message(Answered(self.prompt, pain))

    def action_skip(self) -> None:
        self.post_message(Answered(self.prompt, None))


class HighPain(UnknotModal[None]):
    """Pain of 8 or more before starting: go on only if the person chooses to."""

    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "answer(True)", "Go on"),
        Binding("n,escape", "answer(False)", "Not now"),
    ]

    def __init__(self, prompt: HighPainPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading(f"Pain {self.prompt.pain} out of 10")
            yield PlainText(self.prompt.text)
            with Buttons():
                yield Button("Go on gently (y)", id="yes", variant="warning")
                yield Button("Not now (n)", id="no", variant="primary")
        yield KeyBar()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, go_on: bool) -> None:
        self.post_message(Answered(self.prompt, go_on))


class CheckInScreen(UnknotModal[None]):
    """Pain 0-10, and every question answered yes or no: none has a default."""

    AUTO_FOCUS = "#pain"
    BINDINGS = [
        Binding("ctrl+s", "done", "Done"),
        # Stopping always wins: the check-in covers the run view and its q, so it has its own
        # way out, to the same question (the pain box takes digits only, so q is free there).
        Binding("escape,q", "end", "End the routine", priority=True),
    ]

    def __init__(self, prompt: CheckInPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with ScrollDialog():
            yield Heading(one_line(self.prompt.title))
            yield Static(f"Pain right now? {PAIN_HELP} Empty skips it.", markup=False)
            yield pain_input("0-10, or leave empty")
            for i, (question, stops_on) in enumerate(self.prompt.questions):
                stop_word = "yes" if stops_on else "no"
                yield PlainText(f"{one_line(question)}  ({stop_word} = stop)", classes="question")
                with RadioSet(id=f"q{i}", compact=True):
                    yield RadioButton(literal("Yes"), id=f"q{i}-yes")
                    yield RadioButton(literal("No"), id=f"q{i}-no")
            yield Static("", id="checkin-error", markup=False)
            with Buttons():
                yield Button("Done (Ctrl+S)", id="done", variant="primary", compact=True)
        yield KeyBar()

    def on_key(self, event: events.Key) -> None:
        """A digit typed with a question or the button in focus is the pain, as it is in the
        pain rating: it goes into the pain box rather than nowhere."""
        pain = self.query_one("#pain", SafeInput)
        if event.character not in DIGITS or pain.has_focus:
            return
        event.stop()
        pain.focus()
        pain.insert_text_at_cursor(event.character)

    @on(SafeInput.Submitted, "#pain")
    def submitted(self) -> None:
        if self.prompt.questions:
            self.query_one("#q0", RadioSet).focus()
        else:
            self.action_done()

    def action_end(self) -> None:
        self.post_message(Acted(Act.QUIT_ROUTINE))

    def _error(self, text: str) -> None:
        self.query_one("#checkin-error", Static).update(text)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        pain = read_pain(self.query_one("#pain", SafeInput).value)
        if isinstance(pain, str):
            self._error(pain)
            self.query_one("#pain", SafeInput).focus()
            return
        answers = []
        for i in range(len(self.prompt.questions)):
            chosen = self.query_one(f"#q{i}", RadioSet).pressed_button
            if chosen is None:
                self._error("Answer every question yes or no.")
                self.query_one(f"#q{i}", RadioSet).focus()
                return
            answers.append(answer(self.prompt.questions[i], chosen.id == f"q{i}-yes"))
        self.post_message(Answered(self.prompt, CheckIn(pain, tuple(answers))))
