"""Warning signs and safety stops: the screens that tell a person to stop and get help."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from unknot.core.engine.prompts import (
    DailyAnswer,
    DailyCheckPrompt,
    NoticePrompt,
    Prompt,
    SignsPrompt,
    StopAnswer,
    StopPrompt,
)
from unknot.core.safety.signs import (
    LEVEL_HEADINGS,
    LEVELS,
    MEDICINE_NOTE,
    NOT_ADVICE,
    EmergencyNumber,
    Sign,
)
from unknot.core.text import one_line
from unknot.tui.base import UnknotModal, UnknotScreen
from unknot.tui.messages import Answered
from unknot.tui.widgets.bigdigits import BigDigits
from unknot.tui.widgets.dialog import Dialog, Heading, ScrollDialog
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.lettering import Lettering, lettered_rows
from unknot.tui.widgets.plain_text import PlainText, literal

# A stop is drawn large (its action in block letters, the number in big digits) where the
# letters take at most LETTERING_ROWS rows and everything else still fits below them without
# scrolling: the number's NUMBER_ROWS (as in safety.tcss) and about TEXT_ROWS for the rest.
LETTERING_ROWS = 14
NUMBER_ROWS = 17
TEXT_ROWS = 17
SIDES = 6  # columns the stop's padding and a scroll bar may take


SOURCES = """\
Where the advice comes from: NHS back pain and sciatica pages and NHS trust cauda equina
leaflets; NICE guideline NG59 and quality standard QS155; American College of Physicians
guideline on noninvasive treatment of low back pain (2017); Cochrane reviews of superficial
heat or cold, advice to stay active and muscle relaxants; Mayo Clinic back pain pages; AAFP
red-flag review (Casazza 2012); US FDA/CPSC heating pad advisory; Chartered Society of
Physiotherapy back pain exercises; NHS inform exercises for back pain."""


def sign_options(signs: list[Sign]) -> list[Option | None]:
    """Signs grouped by level, most urgent first, each group under a heading."""
    options: list[Option | None] = []
    for level in LEVELS:
        group = [s for s in signs if s.level == level]
        if not group:
            continue
        if options:
            options.append(None)
        title = LEVEL_HEADINGS[level]
        options.append(Option(literal(title), id=f"level:{level}", disabled=True))
        for i, sign in enumerate(group):
            words = f"• {one_line(sign.words)}"
            if sign.origin != "built-in":
                words += f"  (this {sign.origin})"
            options.append(Option(literal(words), id=f"sign:{level}:{i}:{sign.id}"))
    return options


class SignsScreen(UnknotModal[None]):
    """Every warning sign; choosing one starts a safety stop. Whatever runs is paused."""

    AUTO_FOCUS = "#signs"
    CSS_PATH = "safety.tcss"
    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, prompt: SignsPrompt) -> None:
        super().__init__()
        self.prompt = prompt
        self.signs = list(prompt.signs)

    def compose(self) -> ComposeResult:
        with Vertical(id="signs-dialog"):
            yield Heading("Warning signs")
            yield Static(
                "Do you have any of these now? Choose it and press Enter. Escape goes back.",
                markup=False,
            )
            yield OptionList(*sign_options(self.signs), id="signs")
        yield KeyBar()

    @on(OptionList.OptionSelected, "#signs")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.post_message(Answered(self.prompt, sign_of(self.signs, event.option_id)))

    def action_close(self) -> None:
        self.post_message(Answered(self.prompt, None))


def sign_of(signs: list[Sign], option_id: str | None) -> Sign:
    _, level, index, _ = (option_id or "").split(":", 3)
    return [s for s in signs if s.level == level][int(index)]


class SafetyStopScreen(UnknotScreen[None]):
    """A stop that can't be missed or skipped by accident.

    Keys in the first two seconds are ignored (the visit decides when it is armed); it goes
    only by a choice with a key of its own (never space, Enter or Escape, which were being
    pressed for something else). On a large terminal the action is in block letters and the
    emergency number in big digits, to be read from across the room.
    """

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("s", "choose('skip')", "Skip this step"),
        # One key, named as its button is: the key bar shows the one that applies.
        Binding("e", "choose('end')", "End the routine"),
        Binding("e", "choose('understood')", "I understand"),
        Binding("c", "choose('lift')", "I have been seen, or a mistake"),
    ]

    def __init__(self, prompt: StopPrompt, number: EmergencyNumber) -> None:
        super().__init__(classes=f"stop-{prompt.stop.level}")
        self.prompt = prompt
        self.number = number
        self._wait = Static("", id="stop-wait", markup=False)
        self._armed: bool | None = None

    def compose(self) -> ComposeResult:
        advice = self.prompt.advice
        with VerticalScroll(id="stop"):
            yield Static(
                f"{advice.symbol} {advice.name} {advice.symbol}", id="stop-level", markup=False
            )
            yield Lettering(advice.headline, id="stop-lettering")
            yield PlainText(advice.headline, id="stop-headline")
            if self.prompt.stop.level == "emergency" and self.number.number:
                yield BigDigits(one_line(self.number.number), id="stop-number")
            actions = [a for a in advice.actions if a != advice.headline]
            yield PlainText("\n".join(actions), id="stop-actions")
            yield PlainText(f"You reported: {one_line(self.prompt.stop.reason)}", id="stop-reason")
            with Horizontal(id="stop-buttons"):
                if self.prompt.can_skip:
                    yield Button("s  Skip this step", id="skip", compact=True)
                end = "e  End the routine" if self.prompt.in_routine else "e  I understand"
                yield Button(end, id="end", compact=True, variant="error")
                if self.prompt.can_lift:
                    yield Button("c  I have been seen, or a mistake", id="lift", compact=True)
            yield self._wait
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # nothing may cover what to do
        for button in self.query(Button):
            button.can_focus = False
        self._size_classes(self.app.size.width, self.app.size.height)
        self.refresh_view()

    def on_resize(self, event: events.Resize) -> None:
        self._size_classes(event.size.width, event.size.height)

    def _size_classes(self, width: int, height: int) -> None:
        """Large where there is room for the letters, the digits and the rest; as before
        elsewhere."""
        number = NUMBER_ROWS if self.query("#stop-number") else 0
        room = min(LETTERING_ROWS, height - 1 - number - TEXT_ROWS)
        # Letters are 5 rows high: below that the font is not even loaded.
        rows = lettered_rows(self.prompt.advice.headline, width - SIDES) if room >= 5 else 0
        self.set_class(0 < rows <= room, "-large")

    def show(self, prompt: Prompt) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        armed = self.prompt.armed(self.unknot.clock.now())
        if armed == self._armed:
            return
        self._armed = armed
        for button in self.query(Button):
            button.disabled = not armed
        keys = "s or e" if self.prompt.can_skip else "e or c" if self.prompt.can_lift else "e"
        self._wait.update(f"Read this, then press {keys}." if armed else "Read this first.")

    def next_change(self) -> float | None:
        left = self.prompt.armed_at - self.unknot.clock.now()
        return left if left > 0 else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "skip":
            return self.prompt.can_skip  # False hides the key where skipping isn't offered
        if action == "choose" and parameters and parameters[0] == "lift":
            return self.prompt.can_lift
        if action == "choose" and parameters and parameters[0] in ("end", "understood"):
            return (parameters[0] == "end") == self.prompt.in_routine
        return True

    def action_choose(self, choice: str) -> None:
        answer = StopAnswer.END if choice == "understood" else StopAnswer(choice)
        self.post_message(Answered(self.prompt, answer))

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose(str(event.button.id))


class DailyCheckScreen(UnknotScreen[None]):
    """Before the first session of a day: the emergency and urgent signs."""

    AUTO_FOCUS = "#signs"
    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("c", "none", "None of these: go on"),
        Binding("escape", "cancel", "Not now"),
    ]

    def __init__(self, prompt: DailyCheckPrompt) -> None:
        super().__init__()
        self.prompt = prompt
        self.signs = list(prompt.signs)

    def compose(self) -> ComposeResult:
        with Vertical(id="daily"):
            yield Heading("Before you start today")
            yield Static(
                "Do you have any of these? If so, choose it and press Enter.\n"
                "If none of them apply to you, press c.",
                markup=False,
            )
            yield OptionList(*sign_options(self.signs), id="signs")
            yield Button("c  None of these: go on", id="none", compact=True, variant="success")
        yield KeyBar()

    def on_mount(self) -> None:
        for options in self.query(OptionList):  # nothing chosen until the person chooses
            options.highlighted = None

    @on(OptionList.OptionSelected, "#signs")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.post_message(Answered(self.prompt, sign_of(self.signs, event.option_id)))

    @on(Button.Pressed, "#none")
    def action_none(self) -> None:
        self.post_message(Answered(self.prompt, DailyAnswer.NONE_OF_THESE))

    def action_cancel(self) -> None:
        self.post_message(Answered(self.prompt, DailyAnswer.NOT_NOW))


class NoticeScreen(UnknotModal[None]):
    BINDINGS = [Binding("enter,escape,space", "close", "OK")]

    def __init__(self, prompt: NoticePrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading("Welcome to unknot")
            yield Static(
                f"{NOT_ADVICE}\n\nMove slowly and only as far as is comfortable. "
                "Press ! on any screen if you have a warning sign: unknot will tell you what "
                "to do.\n\nPress Enter to start.",
                markup=False,
            )
        yield KeyBar()

    def action_close(self) -> None:
        self.post_message(Answered(self.prompt, None))


class AboutScreen(UnknotModal[None]):
    BINDINGS = [Binding("enter,escape,q", "close", "Close")]

    def __init__(self, number: EmergencyNumber) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        where = f"region {self.number.region}" if self.number.region else "region unknown"
        with ScrollDialog():
            yield Heading("About safety")
            yield PlainText(
                f"{NOT_ADVICE}\n\nIn an emergency call {self.number.spoken} ({where}; set "
                f"emergency_number in the settings file to change it).\n\n{MEDICINE_NOTE}\n\n"
                f"{SOURCES}"
            )
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
