"""What the person did, when a routine ends."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from unknot.core.durations import duration_words
from unknot.core.engine.prompts import Act
from unknot.core.engine.session import Outcome, Session, ending
from unknot.core.engine.visit import Visit
from unknot.core.safety.signs import advice
from unknot.core.text import one_line
from unknot.tui.base import UnknotScreen
from unknot.tui.messages import Acted
from unknot.tui.widgets.dialog import Muted
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.plain_text import PlainText


class FinishScreen(UnknotScreen[None]):
    CSS_PATH = "finish.tcss"
    BINDINGS = [
        Binding("enter,escape", "act('leave_finish')", "Library"),
        Binding("a", "act('run_again')", "Run again"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, visit: Visit, session: Session) -> None:
        super().__init__()
        self.visit = visit
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        routine = session.plan.routine
        end = ending(session)
        stops = [s for s in self.visit.stops]
        stopped = session.outcome is Outcome.SAFETY_STOP
        steps = {session.plan.segments[i].step_index for i in session.visited}
        with Vertical(id="finish"):
            yield Static(
                end.title, id="finish-title", classes="done" if end.well else "ended", markup=False
            )
            if stopped and stops:
                last = stops[-1]
                yield PlainText(
                    f"Stopped for safety: {one_line(last.reason)}\n"
                    f"{advice(last.level, self.visit.number).headline}",
                    id="finish-stop",
                )
            elif session.stopped_steps:
                yield PlainText(
                    "\n".join(
                        f"Step stopped for safety: {one_line(why)}" for why in session.stopped_steps
                    ),
                    id="finish-stop",
                )
            yield PlainText(one_line(routine.name), id="finish-name")
            yield PlainText(
                f"Time: {duration_words(session.elapsed() * session.plan.speed)}\n"
                f"Steps reached: {len(steps)} of {len(routine.steps)}\n"
                f"Outcome: {end.outcome}",
                id="finish-summary",
            )
            if not stopped:
                yield Muted(
                    "Move gently for the rest of the day: staying active helps backs recover."
                )
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act" and parameters and parameters[0] == "run_again":
            return self.visit.ended is False  # no "run again" after an emergency or urgent stop
        return True

    def action_act(self, action: str) -> None:
        self.post_message(Acted(Act(action)))

    def refresh_view(self) -> None:
        self.refresh_bindings()

    def next_change(self) -> float | None:
        return None
