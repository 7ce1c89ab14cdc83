"""What the user did, when a routine ends."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from app.core.durations import format_duration
from app.core.safety import advice
from app.core.session import Outcome, Session
from app.core.text import one_line
from app.ui.screens.checkin import PainRating
from app.ui.widgets.footer import SafetyFooter
from app.ui.widgets.plain_text import PlainText


class FinishScreen(Screen[None]):
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
                self.app.context.store.set_pain(self.session_id, "after", pain)  # type: ignore[attr-defined]

        self.app.push_screen(PainRating("How is your pain now, after the routine?"), rated)

    def compose(self) -> ComposeResult:
        session = self.session
        routine = session.plan.routine
        done = session.outcome is Outcome.COMPLETED
        steps = {s.step_index for i in session.visited for s in [session.plan.segments[i]]}
        with Vertical(id="finish"):
            yield Static("WELL DONE" if done else "ROUTINE ENDED", id="finish-title",
                         classes="done" if done else "ended", markup=False)  # fmt: skip
            if session.stops:
                last = session.stops[-1]
                yield PlainText(
                    f"Stopped for safety: {one_line(last.reason)}\n"
                    f"{advice(last.level, self.app.context.number).headline}",  # type: ignore[attr-defined]
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
                yield Static(
                    "Move gently for the rest of the day: staying active helps backs recover.",
                    classes="muted",
                    markup=False,
                )
        yield SafetyFooter()

    def action_library(self) -> None:
        self.app.show_library()  # type: ignore[attr-defined]

    def action_again(self) -> None:
        self.app.run_routine(self.session.plan.routine, self.session.plan.speed)  # type: ignore[attr-defined]
