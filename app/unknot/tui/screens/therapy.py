"""A cold or heat application: the phase in words, a large countdown, alarms until it's off."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Digits, Footer, Static

from unknot.core.durations import format_clock, format_duration
from unknot.core.text import one_line
from unknot.core.therapy import PHASE_WORDS, Phase, Therapy, TherapyEvent, skin_stop
from unknot.store.timers import TimerStore
from unknot.tui.base import UnknotScreen
from unknot.tui.screens.confirm import Confirm
from unknot.tui.wake import Wake, next_second
from unknot.tui.widgets.plain_text import PlainText

PHASE_HELP = {
    Phase.ON: "A thin towel between the pack and your skin.",
    Phase.REMOVE: "Take the pack off now, then press o.",
    Phase.REST: "Let the skin rest and return to normal.",
    Phase.SKIN_CHECK: (
        "Look at your skin. Normal? Press y.\n"
        "White, grey or waxy, numb, blistered, or very red and painful? Press x."
    ),
    Phase.NEXT: "You may reapply: press a when the pack is ready. f finishes.",
    Phase.DONE: "Done.",
    Phase.STOPPED: "Stopped.",
}
KIND_CARE = {
    "ice": "Never put ice straight on the skin.",
    "heat": "Medium heat at most. Don't fall asleep with it on.",
}


class TherapyScreen(UnknotScreen[str]):
    CSS_PATH = "therapy.tcss"
    BINDINGS = [
        Binding("o", "removed", "It's off"),
        Binding("y", "skin(True)", "Skin normal"),
        Binding("x", "skin(False)", "Skin not normal"),
        Binding("a", "again", "Apply again"),
        Binding("f", "finish", "Finish"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "quit_timer", "Stop"),
    ]

    def __init__(self, therapy: Therapy, store: TimerStore | None, in_routine: bool = False):
        super().__init__(classes=f"therapy-{therapy.spec.kind}")
        self.therapy = therapy
        self.store = store
        self.in_routine = in_routine
        self._wake = Wake(self._tick)
        self._shown_phase: Phase | None = None
        therapy.subscribe(self._on_event)

    def compose(self) -> ComposeResult:
        spec = self.therapy.spec
        with Vertical(id="therapy"):
            title = spec.title or ("Cold" if spec.kind == "ice" else "Heat")
            yield PlainText(one_line(title), id="therapy-title")
            if spec.speed != 1:
                yield Static(f"PREVIEW ×{spec.speed:g}", id="preview", markup=False)
            yield PlainText("", id="phase")
            yield Digits("", id="countdown")
            yield PlainText("", id="detail")
            yield PlainText("", id="therapy-help")
            yield Static(KIND_CARE[spec.kind], id="therapy-care", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        routine = None
        if self.in_routine and (session := self.unknot.active_session()):
            routine = session.plan.routine
        self.unknot.context.player.follow_therapy(self.therapy, routine)
        self.therapy.clock.on_change(self._on_clock_change)
        if self.therapy.phase is Phase.READY:
            self.therapy.start()
        self._tick()

    def on_unmount(self) -> None:
        self._wake.cancel()

    # -- time --

    def _on_clock_change(self) -> None:
        if self.is_attached:
            self._tick()

    def _tick(self) -> None:
        self._wake.cancel()
        self.therapy.update()
        self.refresh_view()
        self._wake.after(self._next_wake())

    def _next_wake(self) -> float | None:
        t = self.therapy
        waits = []
        now = t.clock.now()
        deadline = t.next_deadline()
        if deadline is not None:
            waits.append(deadline - now)
        shown = t.remaining()
        if shown is None and t.phase is Phase.REMOVE:
            shown = t.overdue()
        if shown is not None:
            waits.append(next_second(shown, t.spec.speed))
        return min(waits) if waits else None

    def _on_event(self, event: TherapyEvent) -> None:
        spec = self.therapy.spec
        if self.store is not None:
            self.store.save_therapy(self.therapy)
        if event.name == "warning":
            self.unknot.get_attention("One minute left", f"Get ready to take the {spec.words} off.")
        elif event.name in ("remove", "alarm"):
            late = f" Overdue by {format_clock(event.overdue)}." if event.overdue >= 1 else ""
            self.unknot.get_attention(
                "Remove it now",
                f"Take the {spec.words} off now.{late}",
                severity="error",
            )
        elif event.name == "rest-over":
            self.unknot.get_attention("Skin rest over", "Look at your skin.")

    # -- drawing --

    def refresh_view(self) -> None:
        t = self.therapy
        spec = t.spec
        phase = self.query_one("#phase", PlainText)
        words = PHASE_WORDS[t.phase]
        if t.phase is Phase.ON:
            words = f"{spec.words.upper()} ON"
        phase.set_text(words)
        if not phase.has_class(f"phase-{t.phase.value}"):
            phase.set_classes(f"phase-{t.phase.value}")
        left = t.remaining()
        digits = self.query_one("#countdown", Digits)
        if left is not None:
            digits.update(format_clock(left * spec.speed))
        elif t.phase is Phase.REMOVE:
            digits.update("+" + format_clock(t.overdue() * spec.speed))
        else:
            digits.update("--:--")
        detail = f"application {t.cycle} of {spec.cycles}"
        if t.phase is Phase.REMOVE and t.overdue() >= 1:
            detail = f"overdue by {format_clock(t.overdue() * spec.speed)} · {detail}"
        elif t.phase is Phase.ON:
            detail += f" · {format_duration(spec.on)} on, {format_duration(spec.off)} rest"
        self.query_one("#detail", PlainText).set_text(detail)
        if t.phase is not self._shown_phase:
            self._shown_phase = t.phase
            self.query_one("#therapy-help", PlainText).set_text(PHASE_HELP[t.phase])
            self.refresh_bindings()

    # -- actions --

    def _after(self) -> None:
        if self.store is not None:
            self.store.save_therapy(self.therapy)
        t = self.therapy
        if t.phase is Phase.DONE:
            self.dismiss("done")
        elif t.phase is Phase.STOPPED:
            self.dismiss("stopped")
        else:
            self._tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        wanted = {
            "removed": Phase.REMOVE,
            "skin": Phase.SKIN_CHECK,
            "again": Phase.NEXT,
            "finish": Phase.NEXT,
        }.get(action)
        return wanted is None or self.therapy.phase is wanted  # False hides the key

    def action_removed(self) -> None:
        self.therapy.removed()
        self.app.clear_notifications()  # the alarms are answered
        self._after()

    def action_skin(self, normal: bool) -> None:
        self.therapy.skin_checked(normal)
        if self.therapy.phase is Phase.STOPPED:
            if self.store is not None:
                self.store.save_therapy(self.therapy)
            self.unknot.show_therapy_stop(self, skin_stop())
            return
        self._after()

    def action_again(self) -> None:
        self.therapy.next_cycle()
        self._after()

    def action_finish(self) -> None:
        self.therapy.stop()
        self._after()

    def action_quit_timer(self) -> None:
        t = self.therapy

        def answered(yes: bool | None) -> None:
            if yes:
                t.stop()
                self._after()

        question = "Stop this timer?"
        if t.pack_on:
            question = f"Stop this timer? Take the {t.spec.words} off now."
        self.app.push_screen(Confirm(question, "Stop", "Keep going"), answered)
