"""Cold and heat: the timer as a screen of its own, and the questions the pack asks (take it
off now, look at your skin, apply again), each a screen of its own that comes in front of
whichever screen shows the timer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from unknot.core.durations import format_clock
from unknot.core.engine.prompts import (
    Act,
    Prompt,
    ReapplyPrompt,
    RemovePackPrompt,
    SkinCheckPrompt,
    SkinRestAnswer,
    SkinRestPrompt,
)
from unknot.core.engine.therapy import Therapy
from unknot.core.safety.skin import NORMAL_KEY, NOT_NORMAL, NOT_NORMAL_KEY, TOWEL
from unknot.core.text import one_line
from unknot.tui.base import UnknotModal, UnknotScreen
from unknot.tui.messages import Acted, Answered
from unknot.tui.wake import next_second
from unknot.tui.widgets.dialog import Dialog, Heading, Muted
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.pack import PackTimer
from unknot.tui.widgets.plain_text import PlainText

SKIN_WORDS = f"Normal? Press {NORMAL_KEY}.\n{NOT_NORMAL.capitalize()}? Press {NOT_NORMAL_KEY}."


class TherapyScreen(UnknotScreen[None]):
    """A timer on its own (`unknot ice`, `i` in the library, or one that was running when the
    program stopped)."""

    CSS_PATH = "therapy.tcss"
    BINDINGS = [
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "stop_timer", "Stop", tooltip="Stop the timer (asks first)"),
    ]

    def __init__(self, therapy: Therapy) -> None:
        super().__init__(classes=f"therapy-{therapy.spec.kind}")
        self.therapy = therapy
        self._pack = PackTimer(therapy)

    def compose(self) -> ComposeResult:
        spec = self.therapy.spec
        with Vertical(id="therapy"):
            title = spec.title or ("Cold" if spec.kind == "ice" else "Heat")
            yield PlainText(one_line(title), id="therapy-title")
            if spec.speed != 1:
                yield Static(f"PREVIEW ×{spec.speed:g}", id="preview", markup=False)
            yield self._pack
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_view()  # drawn at once, not at the next wake-up

    def refresh_view(self) -> None:
        self._pack.refresh_view()

    def next_change(self) -> float | None:
        return self._pack.next_change()

    def action_stop_timer(self) -> None:
        self.post_message(Acted(Act.STOP_TIMER))


class RemovePackScreen(UnknotModal[None]):
    """The pack's time is up: take it off now, however long it has been."""

    CSS_PATH = "therapy.tcss"
    BINDINGS = [Binding("o", "off", "It's off")]

    def __init__(self, prompt: RemovePackPrompt) -> None:
        super().__init__()
        self.prompt = prompt
        self._overdue = PlainText("", id="pack-overdue")

    def compose(self) -> ComposeResult:
        with Dialog(id="pack-dialog"):
            yield Heading("REMOVE IT NOW", id="pack-title")
            yield PlainText(f"Take the {self.prompt.words} off now, then press o.")
            yield self._overdue
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self.prompt)

    def show(self, prompt: Prompt) -> None:
        """The same question, newer figures (how overdue)."""
        if isinstance(prompt, RemovePackPrompt):
            self.prompt = prompt
            late = f"Overdue by {format_clock(prompt.overdue)}" if prompt.overdue >= 1 else ""
            self._overdue.set_text(late)

    def action_off(self) -> None:
        self.post_message(Answered(self.prompt, None))


class SkinCheckScreen(UnknotModal[None]):
    """The pack is off: is the skin normal?"""

    CSS_PATH = "therapy.tcss"
    BINDINGS = [
        Binding(NORMAL_KEY, "skin(True)", "Skin normal"),
        Binding(NOT_NORMAL_KEY, "skin(False)", "Not normal"),
    ]

    def __init__(self, prompt: SkinCheckPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Dialog(id="pack-dialog"):
            yield Heading("LOOK AT YOUR SKIN", id="pack-title")
            yield PlainText(SKIN_WORDS)
        yield KeyBar()

    def action_skin(self, normal: bool) -> None:
        self.post_message(Answered(self.prompt, normal))


class ReapplyScreen(UnknotModal[None]):
    """The skin has rested: apply again, or finish with fewer applications."""

    CSS_PATH = "therapy.tcss"
    BINDINGS = [
        Binding("a,enter", "reapply(True)", "Apply again"),
        Binding("f", "reapply(False)", "Finish"),
    ]

    def __init__(self, prompt: ReapplyPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        p = self.prompt
        with Dialog(id="pack-dialog"):
            yield Heading("YOU MAY REAPPLY", id="pack-title")
            yield PlainText(
                f"Press a when the {p.words} is ready for application {p.next_cycle} of "
                f"{p.cycles}, with {TOWEL}. f finishes."
            )
        yield KeyBar()

    def action_reapply(self, again: bool) -> None:
        self.post_message(Answered(self.prompt, again))


class SkinRestWait(UnknotModal[None]):
    """A new application waits until the skin has rested 20 minutes since the last one."""

    CSS_PATH = "therapy.tcss"
    BINDINGS = [
        Binding("enter", "apply", "Apply now"),
        Binding("escape,c", "cancel", "Cancel"),
    ]

    def __init__(self, prompt: SkinRestPrompt) -> None:
        super().__init__()
        self.prompt = prompt
        self._left = PlainText("", id="rest-left")

    def compose(self) -> ComposeResult:
        p = self.prompt
        cancel = "skip this step" if p.in_routine else "cancel"
        with Dialog():
            yield Heading("LET YOUR SKIN REST")
            yield PlainText(
                f"Your skin needs at least 20 minutes between applications. The {p.words} "
                f"can go on when the time is up. c or Escape: {cancel}."
            )
            yield self._left
            yield Muted("Enter applies it once the time is up.")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show(self.prompt)

    def show(self, prompt: Prompt) -> None:
        if isinstance(prompt, SkinRestPrompt):
            self.prompt = prompt
            left = prompt.ready_at - self.unknot.clock.now()
            self._left.set_text(
                f"{format_clock(left)} to wait" if left > 0 else "Ready: press Enter when it's on."
            )

    def next_change(self) -> float | None:
        left = self.prompt.ready_at - self.unknot.clock.now()
        return next_second(left) if left > 0 else None

    def action_apply(self) -> None:
        self.post_message(Answered(self.prompt, SkinRestAnswer.APPLY))

    def action_cancel(self) -> None:
        self.post_message(Answered(self.prompt, SkinRestAnswer.CANCEL))
