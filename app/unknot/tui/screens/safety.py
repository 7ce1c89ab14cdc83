"""Warning signs and safety stops: the screens that tell a person to stop and get help."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Digits, Footer, OptionList, Static
from textual.widgets.option_list import Option

from unknot.core.clock import Clock
from unknot.core.safety import (
    LEVEL_HEADINGS,
    LEVELS,
    MEDICINE_NOTE,
    NOT_ADVICE,
    Advice,
    EmergencyNumber,
    Sign,
    Stop,
)
from unknot.core.text import one_line
from unknot.tui.base import UnknotModal, UnknotScreen
from unknot.tui.widgets.dialog import Dialog, Heading, ScrollDialog
from unknot.tui.widgets.plain_text import PlainText, literal

ARM_SECONDS = 2.0

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


class SignsScreen(UnknotModal[Sign | None]):
    """Every warning sign; choosing one starts a safety stop."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, signs: list[Sign]) -> None:
        super().__init__()
        self.signs = signs

    def compose(self) -> ComposeResult:
        with Vertical(id="signs-dialog"):
            yield Heading("Warning signs")
            yield Static(
                "Do you have any of these now? Choose it and press Enter. Escape goes back.",
                markup=False,
            )
            yield OptionList(*sign_options(self.signs), id="signs")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#signs")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        _, level, index, _ = (event.option_id or "").split(":", 3)
        group = [s for s in self.signs if s.level == level]
        self.dismiss(group[int(index)])

    def action_close(self) -> None:
        self.dismiss(None)


class SafetyStopScreen(UnknotScreen[str]):
    """A stop that can't be missed or skipped by accident.

    Keys in the first two seconds are ignored; it is dismissed only by a choice with a key
    of its own (never space, Enter or Escape, which were being pressed for something else).
    Returns "end" or "skip".
    """

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("s", "choose('skip')", "Skip this step"),
        Binding("e", "choose('end')", "I understand"),
    ]

    def __init__(
        self,
        stop: Stop,
        advice: Advice,
        number: EmergencyNumber,
        clock: Clock,
        can_skip: bool,
        in_routine: bool = True,
    ) -> None:
        super().__init__(classes=f"stop-{stop.level}")
        self.stop, self.advice, self.number, self.clock = stop, advice, number, clock
        self.can_skip = can_skip and stop.level == "stop-exercise"
        self.in_routine = in_routine
        self.opened = clock.now()

    def compose(self) -> ComposeResult:
        advice = self.advice
        with VerticalScroll(id="stop"):
            yield Static(
                f"{advice.symbol} {advice.name} {advice.symbol}", id="stop-level", markup=False
            )
            yield Static(advice.headline, id="stop-headline", markup=False)
            if self.stop.level == "emergency" and self.number.number:
                yield Digits(self.number.number, id="stop-number")
            actions = [a for a in advice.actions if a != advice.headline]
            yield Static("\n".join(actions), id="stop-actions", markup=False)
            yield PlainText(f"You reported: {one_line(self.stop.reason)}", id="stop-reason")
            with Horizontal(id="stop-buttons"):
                if self.can_skip:
                    yield Button("s  Skip this step", id="skip", compact=True)
                end = "e  End the routine" if self.in_routine else "e  I understand"
                yield Button(end, id="end", compact=True, variant="error")
            yield Static("", id="stop-wait", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # nothing may cover what to do
        for button in self.query(Button):
            button.can_focus = False
        self._show_armed()
        self.clock.on_change(self._show_armed)
        self.set_timer(ARM_SECONDS + 0.05, self._show_armed)

    def armed(self) -> bool:
        return self.clock.now() - self.opened >= ARM_SECONDS

    def _show_armed(self) -> None:
        if not self.is_attached:
            return
        armed = self.armed()
        for button in self.query(Button):
            button.disabled = not armed
        keys = "s or e" if self.can_skip else "e"
        self.query_one("#stop-wait", Static).update(
            f"Read this, then press {keys}." if armed else "Read this first."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == "skip":
            return self.can_skip  # False hides the key where skipping isn't offered
        return True

    def action_choose(self, choice: str) -> None:
        if not self.armed() or (choice == "skip" and not self.can_skip):
            return
        self.dismiss(choice)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose(str(event.button.id))


class DailyCheckScreen(UnknotScreen[Sign | None]):
    """Before the first session of a day: the emergency and urgent signs."""

    CSS_PATH = "safety.tcss"
    BINDINGS = [
        Binding("c", "none", "None of these: go on"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, signs: list[Sign]) -> None:
        super().__init__()
        self.signs = [s for s in signs if s.level in ("emergency", "urgent")]
        self.answered = False

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
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = None
        options.focus()

    @on(OptionList.OptionSelected, "#signs")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        _, level, index, _ = (event.option_id or "").split(":", 3)
        self.dismiss([s for s in self.signs if s.level == level][int(index)])

    @on(Button.Pressed, "#none")
    def action_none(self) -> None:
        self.answered = True
        self.dismiss(None)

    def action_back(self) -> None:
        self.app.pop_screen()


class NoticeScreen(UnknotModal[None]):
    BINDINGS = [Binding("enter,escape,space", "close", "OK")]

    def compose(self) -> ComposeResult:
        with Dialog():
            yield Heading("Welcome to unknot")
            yield Static(
                f"{NOT_ADVICE}\n\nMove slowly and only as far as is comfortable. "
                "Press ! on any screen if you have a warning sign: unknot will tell you what "
                "to do.\n\nPress Enter to start.",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)


class AboutScreen(UnknotModal[None]):
    BINDINGS = [Binding("enter,escape,q", "close", "Close")]

    def __init__(self, number: EmergencyNumber) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        where = f"region {self.number.region}" if self.number.region else "region unknown"
        with ScrollDialog():
            yield Heading("About safety")
            yield Static(
                f"{NOT_ADVICE}\n\nIn an emergency call {self.number.spoken} ({where}; set "
                f"emergency_number in the settings file to change it).\n\n{MEDICINE_NOTE}\n\n"
                f"{SOURCES}",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
