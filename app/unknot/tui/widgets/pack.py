"""A cold or heat application as it runs: the phase in words, a large countdown, what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits

from unknot.core.durations import format_clock, format_duration
from unknot.core.engine.therapy import PHASE_WORDS, Phase, Therapy
from unknot.core.safety.skin import CARE, REST, TOWEL, sentence
from unknot.tui.wake import next_second
from unknot.tui.widgets.plain_text import PlainText

PHASE_HELP = {
    Phase.ON: sentence(TOWEL),
    Phase.REMOVE: "Take the pack off now, then press o.",
    Phase.REST: sentence(REST),
    Phase.SKIN_CHECK: "Look at your skin.",
    Phase.NEXT: "You may reapply.",
    Phase.DONE: "Done.",
    Phase.STOPPED: "Stopped.",
    Phase.READY: "",
}
KIND_CARE = {kind: sentence(care) for kind, care in CARE.items()}


class PackTimer(Vertical):
    DEFAULT_CSS = """
    PackTimer { height: auto; }
    PackTimer #pack-phase { text-style: bold; content-align: center middle; width: 100%; }
    PackTimer #pack-phase.phase-on { color: $success; }
    PackTimer #pack-phase.phase-remove { color: $error; text-style: bold reverse; }
    PackTimer #pack-phase.phase-rest, PackTimer #pack-phase.phase-next { color: $accent; }
    PackTimer #pack-phase.phase-skin-check { color: $warning; }
    PackTimer #pack-countdown { width: 100%; text-align: center; }
    PackTimer #pack-detail { width: 100%; text-align: center; color: $text-muted; }
    PackTimer #pack-help { padding: 1 0 0 0; text-style: bold; }
    PackTimer #pack-care { color: $text-muted; }
    """

    def __init__(self, therapy: Therapy) -> None:
        super().__init__()
        self.therapy = therapy
        self._phase = PlainText("", id="pack-phase")
        self._digits = Digits("", id="pack-countdown")
        self._detail = PlainText("", id="pack-detail")
        self._help = PlainText("", id="pack-help")
        self._shown: Phase | None = None

    def compose(self) -> ComposeResult:
        yield self._phase
        yield self._digits
        yield self._detail
        yield self._help
        yield PlainText(KIND_CARE[self.therapy.spec.kind], id="pack-care")

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        t = self.therapy
        spec = t.spec
        words = f"{spec.words.upper()} ON" if t.phase is Phase.ON else PHASE_WORDS[t.phase]
        self._phase.set_text(words)
        left = t.remaining()
        if left is not None:
            self._digits.update(format_clock(left * spec.speed))
        elif t.phase is Phase.REMOVE:
            self._digits.update("+" + format_clock(t.overdue() * spec.speed))
        else:
            self._digits.update("--:--")
        detail = f"application {t.cycle} of {spec.cycles}"
        if t.phase is Phase.REMOVE and t.overdue() >= 1:
            detail = f"overdue by {format_clock(t.overdue() * spec.speed)} · {detail}"
        elif t.phase is Phase.ON:
            detail += f" · {format_duration(spec.on)} on, {format_duration(spec.off)} rest"
        self._detail.set_text(detail)
        if t.phase is not self._shown:
            self._shown = t.phase
            self._phase.set_classes(f"phase-{t.phase.value}")
            self._help.set_text(PHASE_HELP[t.phase])

    def next_change(self) -> float | None:
        """Seconds until the countdown shows a different second."""
        t = self.therapy
        left = t.remaining()
        if left is not None:
            return next_second(left, t.spec.speed)
        if t.phase is Phase.REMOVE:  # counting up: the next whole second of overdue
            return next_second(-t.overdue(), t.spec.speed)
        return None
