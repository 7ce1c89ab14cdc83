"""The run screen: what to do now, a large countdown, the step's figure, what comes next. It
draws the visit's session and sends keys to the app; what a key does is the visit's decision.

The screen fills the terminal: the countdown grows with it and the figure stands beside the
instructions (above them on a tall, narrow terminal). On a small terminal the figure goes
first, then the instructions shrink; the countdown and the keys always show. One place,
`on_resize`, turns the size into classes; the layout itself is the stylesheet's.
"""

from __future__ import annotations

import math

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from unknot.core.durations import format_clock, format_duration
from unknot.core.engine import motion
from unknot.core.engine.plan import Kind, Segment, breath_phase
from unknot.core.engine.prompts import Act
from unknot.core.engine.session import Session, State
from unknot.core.engine.visit import Visit
from unknot.core.text import one_line
from unknot.tui.base import UnknotScreen
from unknot.tui.messages import Acted
from unknot.tui.wake import next_second
from unknot.tui.widgets.bigdigits import BigDigits
from unknot.tui.widgets.figure import Figure
from unknot.tui.widgets.keybar import KeyBar
from unknot.tui.widgets.pack import PackTimer
from unknot.tui.widgets.plain_text import PlainText
from unknot.tui.widgets.stepbar import StepBar

# A movement quicker than this (seconds per movement) is redrawn between the screen's
# once-a-second refreshes, at MOTION_FPS, so that it is seen to move rather than jump. Each
# frame costs about a third of a percent of a core (the whole of Textual's repaint), so the rate
# is the lowest that still reads as movement.
SMOOTH_BELOW = 2.0
MOTION_FPS = 5
# Sizes at which things give way: below FIGURE_ROWS rows or FIGURE_COLUMNS columns the figure
# goes. A terminal with at least half as many rows as columns is taller than it is wide (a cell
# is about twice as tall as it is wide): there the figure stands above the instructions.
FIGURE_ROWS = 24
FIGURE_COLUMNS = 40

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
    if segment.kind in (Kind.NOTE, Kind.CHECK):
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
        Kind.THERAPY,
        Kind.NOTE,
        Kind.CHECK,
    ):
        what = f"{what}: {one_line(nxt.title)}"
    if nxt.side:
        what += f" ({nxt.side})"
    if nxt.authored is not None:
        what += f", {format_duration(nxt.authored)}"
    return f"Next: {what}"


def figure_moment(segment: Segment, elapsed: float) -> motion.Moment | None:
    """The figure at `elapsed`, on a grid of frames: a repeating movement then shows the same
    few drawings over and over, each drawn once (the figure keeps them), however its timer
    and the clock fall."""
    return motion.moment(segment, math.floor(elapsed * MOTION_FPS) / MOTION_FPS)


def has_figures(session: Session) -> bool:
    return any(step.figure for step in session.plan.routine.steps)


class RunScreen(UnknotScreen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        # One key: the key bar says what it does now.
        Binding("space", "act('pause')", "Pause", tooltip="Pause or resume"),
        Binding("space", "resume", "Resume", tooltip="Pause or resume"),
        # Right after pause: on a narrow terminal the key bar drops keys from its end, and
        # the way out of a routine must stay in sight.
        Binding("q", "act('quit_routine')", "Quit", tooltip="End the routine (asks first)"),
        Binding("n", "act('next')", "Next", tooltip="Skip to the next part"),
        Binding("p", "act('previous')", "Back", tooltip="Back to the previous part"),
        Binding("r", "act('restart_step')", "Restart", tooltip="Start this step again"),
        Binding(
            "enter", "act('go_on')", "Continue", show=False, tooltip="Go on after a note or set"
        ),
        Binding("question_mark", "app.help", "Keys"),
    ]

    def __init__(self, visit: Visit, session: Session) -> None:
        super().__init__(classes=None if has_figures(session) else "-plain")
        self.visit = visit
        self.session = session
        self._texts: dict[str, PlainText] = {}
        self._digits = BigDigits("", id="countdown")
        self._figure = Figure(id="figure", classes="-empty")
        self._bar = StepBar(id="progress")
        self._pack: PackTimer | None = None
        self._shown_segment: tuple[int, bool] | None = None
        self._motion: Timer | None = None
        self._cycle: float | None = None  # seconds per movement of the figure shown
        self.moving = False  # the figure is redrawn between refreshes

    def _text(self, name: str) -> PlainText:
        widget = PlainText("", id=name)
        self._texts[name] = widget
        return widget

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        with Vertical(id="run"):
            with Horizontal(id="run-top"):
                yield PlainText(one_line(plan.routine.name), id="routine-name")
                yield self._text("step-count")
            if plan.preview:
                yield Static(f"PREVIEW ×{plan.speed:g}", id="preview", markup=False)
            yield self._text("phase")
            yield self._text("title")
            yield self._digits
            yield Vertical(id="pack-slot")
            yield self._text("detail")
            with Horizontal(id="body"):
                yield self._figure
                with Vertical(id="words"):
                    yield self._text("how")
                    yield self._text("next")
            with Horizontal(id="progress-row"):
                # 200 steps: finer than any terminal shows, coarse enough not to redraw every second
                yield self._bar
                yield self._text("time-left")
        yield KeyBar()

    def on_mount(self) -> None:
        self._motion = self.set_interval(1 / MOTION_FPS, self._move, pause=True)
        self._size_classes(self.app.size.width, self.app.size.height)
        self.refresh_view()  # drawn at once, not at the next wake-up

    def on_resize(self, event: events.Resize) -> None:
        self._size_classes(event.size.width, event.size.height)
        self._follow_motion()

    def _size_classes(self, width: int, height: int) -> None:
        """The one place where the terminal's size decides what gives way."""
        self.set_class(height < FIGURE_ROWS or width < FIGURE_COLUMNS, "-small")
        self.set_class(height * 2 >= width, "-tall")

    def on_screen_suspend(self) -> None:
        self._follow_motion()

    def on_screen_resume(self) -> None:
        self._size_classes(self.app.size.width, self.app.size.height)
        self.refresh_view()

    def action_act(self, action: str) -> None:
        self.post_message(Acted(Act(action)))

    def action_resume(self) -> None:
        self.post_message(Acted(Act.PAUSE))  # the same key and act: it resumes when paused

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        paused = self.session.state is State.PAUSED
        if action == "resume":
            return paused
        if action == "act" and parameters == ("pause",):
            return not paused
        return True

    # -- drawing --

    def refresh_view(self) -> None:
        """Redraw what changed. Runs once a second, so it sets the per-segment parts only when
        the segment (or the paused state) changes."""
        w = self._texts
        session = self.session
        seg = session.segment
        elapsed = session.segment_elapsed()
        plan = session.plan
        paused = session.state is State.PAUSED
        if self._shown_segment != (seg.index, paused):
            if self._shown_segment is not None and self._shown_segment[1] != paused:
                self.refresh_bindings()  # Pause or Resume
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
        self._show_pack()
        self._show_figure(seg, elapsed)
        phase = segment_label(seg, elapsed)
        w["phase"].set_text(f"PAUSED — {phase}" if paused else phase)
        remaining = session.remaining()
        if seg.kind is Kind.BREATHE:
            remaining = breath_phase(seg, elapsed)[1]
        self._digits.update(
            format_clock(remaining * plan.speed) if remaining is not None else "--:--"
        )
        w["detail"].set_text(detail_line(seg, elapsed))
        self._bar.show(session.progress())
        w["time-left"].set_text(minutes_left(session.time_left() * plan.speed))

    def _show_figure(self, seg: Segment, elapsed: float) -> None:
        """The step's figure at this moment of its movement; nothing where it has none."""
        now = figure_moment(seg, elapsed)
        self._figure.set_class(now is None, "-empty")
        self._figure.show_moment(now)
        # Kept here, not read back from the figure: a still moment and the first of a movement
        # draw the same, so the figure keeps whichever came first.
        self._cycle = now.cycle if now is not None else None
        self._follow_motion()

    def _follow_motion(self) -> None:
        """Redraw the figure between refreshes only while a quick movement is on screen and
        the routine runs; otherwise the interval sleeps."""
        if self._motion is None:
            return
        moving = (
            self._cycle is not None
            and self._cycle < SMOOTH_BELOW
            and self.session.running
            and not self.has_class("-small")
            and self.is_current
        )
        if moving != self.moving:
            self.moving = moving
            if moving:
                self._motion.resume()
            else:
                self._motion.pause()

    def _move(self) -> None:
        session = self.session
        if not session.running:  # paused between refreshes: the next refresh stops this
            return
        self._figure.show_moment(figure_moment(session.segment, session.segment_elapsed()))

    def _show_pack(self) -> None:
        """A cold or heat step shows the pack's own timer in place of the countdown."""
        therapy = self.visit.therapy if self.visit.therapy_in_routine else None
        current = self._pack.therapy if self._pack is not None else None
        if therapy is not current:
            if self._pack is not None:
                self._pack.remove()
                self._pack = None
            if therapy is not None:
                self._pack = PackTimer(therapy)
                self.query_one("#pack-slot").mount(self._pack)
        self._digits.display = self._pack is None
        if self._pack is not None and self._pack.is_mounted:
            self._pack.refresh_view()

    def next_change(self) -> float | None:
        """Seconds until something on this screen shows differently."""
        if self._pack is not None:
            return self._pack.next_change()
        session = self.session
        if not session.running:
            return None
        remaining = session.remaining()
        if session.segment.kind is Kind.BREATHE:
            remaining = breath_phase(session.segment, session.segment_elapsed())[1]
        return None if remaining is None else next_second(remaining, session.plan.speed)
