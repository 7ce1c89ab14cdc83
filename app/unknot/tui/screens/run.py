"""The run screen: what to do now, a large countdown, what comes next."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, ProgressBar, Static

from unknot.core.durations import format_clock, format_duration
from unknot.core.plan import Kind, Segment, breath_phase
from unknot.core.routine import Question
from unknot.core.routine import Therapy as TherapyStep
from unknot.core.session import CheckIn, Event, Outcome, Session, State
from unknot.core.text import one_line
from unknot.core.therapy import Therapy, spec_from_step
from unknot.tui.base import UnknotScreen
from unknot.tui.screens.checkin import CheckInScreen
from unknot.tui.screens.confirm import Confirm
from unknot.tui.wake import Wake, next_second
from unknot.tui.widgets.plain_text import PlainText

BREATH_WORDS = {
    "breathe-in": "BREATHE IN",
    "breathe-hold": "HOLD THE BREATH",
    "breathe-out": "BREATHE OUT",
}


def segment_label(segment: Segment, elapsed: float) -> str:
    if segment.kind is Kind.BREATHE:
        return BREATH_WORDS[breath_phase(segment, elapsed)[0]]
    return segment.label


def detail_line(segment: Segment, elapsed: float) -> str:
    parts = []
    if segment.kind is Kind.REPS and segment.duration:
        pace = segment.duration / max(1, segment.reps)
        parts.append(f"rep {min(segment.reps, int(elapsed // pace) + 1)}/{segment.reps}")
    elif segment.kind is Kind.SET:
        parts.append(f"{segment.reps} reps, then press Enter")
    elif segment.reps > 1 and segment.kind is Kind.HOLD:
        parts.append(f"rep {segment.rep}/{segment.reps}")
    if segment.side:
        parts.append(f"{segment.side} side")
    if segment.cycles:
        parts.append(f"cycle {segment.cycle}/{segment.cycles}")
    if segment.kind in (Kind.NOTE, Kind.CHECK, Kind.REMOVE, Kind.SKIN_CHECK):
        parts.append("press Enter to go on")
    return " · ".join(parts)


def minutes_left(seconds: float) -> str:
    """Whole minutes: the big countdown has the seconds, and this line then changes only once
    a minute (one redraw a second instead of two)."""
    if seconds <= 0:
        return "nearly done"
    if seconds < 60:
        return "under a minute left"
    return f"{math.ceil(seconds / 60)} min left"


def next_line(session: Session) -> str:
    segments = session.plan.segments
    if session.index + 1 >= len(segments):
        return "Next: the end"
    nxt = segments[session.index + 1]
    what = nxt.label.capitalize() if nxt.kind is not Kind.BREATHE else "Breathe"
    if nxt.kind in (
        Kind.HOLD,
        Kind.REPS,
        Kind.SET,
        Kind.PREP,
        Kind.BREATHE,
        Kind.APPLY,
        Kind.NOTE,
        Kind.CHECK,
    ):
        what = f"{what}: {one_line(nxt.title)}"
    if nxt.side:
        what += f" ({nxt.side})"
    if nxt.authored is not None:
        what += f", {format_duration(nxt.authored)}"
    return f"Next: {what}"


class RunScreen(UnknotScreen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("space", "pause", "Pause", tooltip="Pause or resume"),
        Binding("n", "next", "Next", tooltip="Skip to the next part"),
        Binding("p", "previous", "Back", tooltip="Back to the previous part"),
        Binding("r", "restart", "Restart", tooltip="Start this step again"),
        Binding("enter", "continue", "Continue", show=False, tooltip="Go on after a note or set"),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "quit_routine", "Quit", tooltip="End the routine (asks first)"),
    ]

    def __init__(self, session: Session, session_id: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.session_id = session_id  # its row in the history
        self._wake = Wake(self._tick)
        self._shown_segment: tuple[int, bool] | None = None
        self._texts: dict[str, PlainText] | None = None  # looked up once: redrawn every second

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        with Vertical(id="run"):
            with Horizontal(id="run-top"):
                yield PlainText(one_line(plan.routine.name), id="routine-name")
                yield PlainText("", id="step-count")
            if plan.speed != 1:
                yield Static(f"PREVIEW ×{plan.speed:g}", id="preview", markup=False)
            yield PlainText("", id="phase")
            yield PlainText("", id="title")
            yield Digits("", id="countdown")
            yield PlainText("", id="detail")
            yield PlainText("", id="how")
            yield PlainText("", id="next")
            with Horizontal(id="progress-row"):
                # 200 steps: finer than any terminal shows, coarse enough not to redraw every second
                yield ProgressBar(total=200, show_eta=False, show_percentage=False, id="progress")
                yield PlainText("", id="time-left")
        yield Footer()

    def on_mount(self) -> None:
        self.session.subscribe(self._on_event)
        self.unknot.context.player.follow_session(self.session)
        self.session.clock.on_change(self._on_clock_change)
        if self.session.state is State.READY:
            self.session.start()
        self._tick()

    def on_unmount(self) -> None:
        self._wake.cancel()

    # -- time --

    def _on_clock_change(self) -> None:
        if self.is_attached:
            self._tick()

    def _tick(self) -> None:
        """Bring the engine up to now, redraw, and sleep until the next thing to show."""
        self._wake.cancel()
        self.session.update()
        if self.session.finished:
            return
        self.refresh_view()
        self._wake.after(self._next_wake())

    def _next_wake(self) -> float | None:
        session = self.session
        if not session.running:
            return None
        now = session.clock.now()
        waits = []
        deadline = session.next_deadline()
        if deadline is not None:
            waits.append(deadline - now)
        remaining = session.remaining()
        if remaining is not None:
            waits.append(next_second(remaining, session.plan.speed))
        return min(waits) if waits else None

    def _on_event(self, event: Event) -> None:
        if event.name == "finished":
            self._wake.cancel()
            if event.value is not Outcome.SAFETY_STOP:  # the stop screen leads on from there
                self.unknot.call_later(self.unknot.show_finish, self.session)
        elif event.name == "segment" and event.segment and event.segment.kind is Kind.CHECK:
            self.app.call_later(self.open_check_in)
        elif event.name == "segment" and event.segment and event.segment.kind is Kind.APPLY:
            self.app.call_later(self.open_therapy)

    def open_therapy(self) -> None:
        session = self.session
        if session.finished or session.segment.kind is not Kind.APPLY or not self.is_current:
            return
        step = session.segment.step
        assert isinstance(step, TherapyStep)
        spec = spec_from_step(step, session.plan.speed)
        self.unknot.therapy_in_routine(session, Therapy(spec, session.clock))

    def open_check_in(self) -> None:
        session = self.session
        if session.finished or session.segment.kind is not Kind.CHECK or not self.is_current:
            return
        step = session.segment.step
        signs = [*session.plan.routine.stop_if, *step.stop_if]
        questions = [*map(Question, signs), *getattr(step, "ask", ())]
        shown = [q.text if q.stops_on else f"{q.text} (unticked = stop)" for q in questions]

        def answered(check: CheckIn | None) -> None:
            if check is None or session.finished:
                return
            ticks = (yes for _, yes in check.answers)
            answers = tuple(q.answered(yes) for q, yes in zip(questions, ticks, strict=True))
            check = CheckIn(check.pain, answers, check.note)
            stop = session.check_in(check)
            if stop is not None:
                self.unknot.show_stop(stop, session)
            else:
                self._act("next")

        self.app.push_screen(CheckInScreen(step.title, shown), answered)

    # -- drawing --

    def refresh_view(self) -> None:
        """Redraw what changed. Runs once a second, so it looks widgets up once, and sets the
        per-segment parts only when the segment (or the paused state) changes."""
        if self._texts is None:
            self._texts = {w.id: w for w in self.query(PlainText) if w.id}
        w = self._texts
        session = self.session
        seg = session.segment
        elapsed = session.segment_elapsed()
        plan = session.plan
        paused = session.state is State.PAUSED
        if self._shown_segment != (seg.index, paused):
            self._shown_segment = (seg.index, paused)
            step = f"Step {seg.step_index + 1}/{plan.step_count}"
            if plan.routine.rounds > 1:
                step += f" · round {seg.round}/{plan.routine.rounds}"
            w["step-count"].set_text(step)
            title = seg.title if seg.step.kind != "rest" else "Rest"
            w["title"].set_text(one_line(title))
            w["how"].set_text(seg.how)
            w["next"].set_text(next_line(session))
            w["phase"].set_classes(f"kind-{seg.kind.value}" + (" paused" if paused else ""))
        phase = segment_label(seg, elapsed)
        w["phase"].set_text(f"PAUSED — {phase}" if paused else phase)
        remaining = session.remaining()
        if seg.kind is Kind.BREATHE:
            remaining = breath_phase(seg, elapsed)[1]
        self.query_one("#countdown", Digits).update(
            format_clock(remaining * plan.speed) if remaining is not None else "--:--"
        )
        w["detail"].set_text(detail_line(seg, elapsed))
        done = int(session.progress() * 200)
        bar = self.query_one("#progress", ProgressBar)
        if bar.progress != done:
            bar.update(progress=done)
        w["time-left"].set_text(minutes_left(session.time_left() * plan.speed))

    # -- actions --

    def _act(self, action: str) -> None:
        getattr(self.session, action)()
        self._tick()

    def action_pause(self) -> None:
        self._act("toggle_pause")

    def action_next(self) -> None:
        self._act("next")

    def action_previous(self) -> None:
        self._act("previous")

    def action_restart(self) -> None:
        self._act("restart_step")

    def action_continue(self) -> None:
        if self.session.segment.kind is Kind.CHECK:
            self.open_check_in()
        elif self.session.segment.kind is Kind.APPLY:
            self.open_therapy()
        elif not self.session.segment.timed and self.session.running:
            self._act("next")

    def action_quit_routine(self) -> None:
        if self.session.finished:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.finish(Outcome.ENDED_EARLY, "quit")

        self.app.push_screen(Confirm("End this routine now?", "End it", "Keep going"), answered)
