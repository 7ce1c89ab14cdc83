"""What the user did, when a routine ends."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from unknot.core.durations import format_duration
from unknot.core.safety import advice
from unknot.core.session import Outcome, Session
from unknot.core.text import one_line
from unknot.tui.base import UnknotScreen
from unknot.tui.screens.checkin import PainRating
from unknot.tui.widgets.dialog import Muted
from unknot.tui.widgets.plain_text import PlainText


class FinishScreen(UnknotScreen[None]):
    CSS_PATH = "finish.tcss"
    BINDINGS = [
        Binding("enter,escape", "library", "Library"),
        Binding("a", "again", "Run again"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: Session, session_id: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.session_id = session_id

    def on_mount(self) -> None:
        if self.session.outcome is Outcome.SAFETY_STOP or self.session_id is None:
            return  # after a stop the advice matters, not a rating

        def rated(pain: int | None) -> None:
            if pain is not None and self.session_id is not None:
                self.unknot.context.store.set_pain(self.session_id, "after", pain)

        self.app.push_screen(PainRating("How is your pain now, after the routine?"), rated)

    def compose(self) -> ComposeResult:
        session = self.session
        routine = session.plan.routine
        done = session.outcome is Outcome.COMPLETED
        steps = {s.step_index for i in session.visited for s in [session.plan.segments[i]]}
        with Vertical(id="finish"):
            yield Static(
                "WELL DONE" if done else "ROUTINE ENDED",
                id="finish-title",
                classes="done" if done else "ended",
                markup=False,
            )
            if session.stops:
                last = session.stops[-1]
                yield PlainText(
                    f"Stopped for safety: {one_line(last.reason)}\n"
                    f"{advice(last.level, self.unknot.context.number).headline}",
                    id="finish-stop",
                )
            yield PlainText(one_line(routine.name), id="finish-name")
            yield PlainText(
                f"Time: {format_duration(session.elapsed() * session.plan.speed)}\n"
                f"Steps reached: {len(steps)} of {len(routine.steps)}\n"
                f"Outcome: {session.outcome.value if session.outcome else 'ended'}",
                id="finish-summary",
            )
            if not session.stops:
                yield Muted(
                    "Move gently for the rest of the day: staying active helps backs recover."
                )
        yield Footer()

    def action_library(self) -> None:
        self.unknot.show_library()

    def action_again(self) -> None:
        self.unknot.run_routine(self.session.plan.routine, self.session.plan.speed)
