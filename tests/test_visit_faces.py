"""Random visits driven through both faces, as a person would: the keys each screen offers
(and some it doesn't), `!`, digits typed into boxes, lines typed at the line face, time
passing and jumping. After every step what is in front must be the visit's current prompt:
in the Textual face the screen on top, in the line face the last question printed. An
emergency or urgent stop, once reported, stays in front until it is acknowledged with its
key, and no routine starts after it."""

from __future__ import annotations

import asyncio
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import SupportsIndex

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED, make_app, make_context, make_plain, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine import prompts as prompt_kinds
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import Prompt, SignsPrompt, StopPrompt, StopSignal, View
from unknot.core.engine.therapy import TherapySpec
from unknot.core.engine.visit import ENDING_LEVELS, Visit
from unknot.core.safety.signs import Stop
from unknot.plain.face import PlainFace
from unknot.plain.lines import LineIO
from unknot.services.runtime import VisitRuntime
from unknot.store.checks import Remembered
from unknot.store.library import Library
from unknot.tui.screens.checkin import CheckInScreen, HighPain, PainRating
from unknot.tui.screens.confirm import Confirm, MessageScreen
from unknot.tui.screens.finish import FinishScreen
from unknot.tui.screens.function import FunctionScreen
from unknot.tui.screens.help import Help
from unknot.tui.screens.history import DiaryScreen, HistoryScreen, SessionDetails
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.reminders import AddReminder, ReminderDue, RemindersScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import (
    AboutScreen,
    DailyCheckScreen,
    NoticeScreen,
    SafetyStopScreen,
    SignsScreen,
)
from unknot.tui.screens.therapy import (
    ReapplyScreen,
    RemovePackScreen,
    SkinCheckScreen,
    SkinRestWait,
    TherapyScreen,
)
from unknot.tui.screens.therapy_length import TherapyLength

FLOOR = routine_from(
    """version: 1
name: Floor
stop_if: [Pain down a leg]
steps:
  - note: Lie down.
  - stretch: Knee to chest
    hold: 5s
    reps: 2
  - check: How is it?
    ask: [Did it hurt more?]
  - exercise: Tilt
    reps: 3
  - rest: 5s
""",
    "floor",
)
COLD = routine_from(
    """version: 1
name: Cold
steps:
  - stretch: Ease in
    hold: 5s
  - ice: Cool the back
    on: 2m
    off: 20m
    cycles: 2
  - check: After the cold
""",
    "cold",
)
ICE = TherapySpec("ice", 120.0, 1200.0, 2)
# How a visit begins: the library, `unknot run floor`, `unknot run cold`, a preview of it,
# `unknot ice`, or (the line face only) waiting for reminders.
STARTS = ("library", "floor", "cold", "preview", "ice")
# Time passing between two things the person does; the last ones are the machine asleep.
WAITS = (0.5, 2.5, 12.0, 45.0, 130.0, 700.0, 1250.0, 3600.0, 8 * 3600.0)


@dataclass
class Watch:
    """What the rules need from what the visit announced: ending stops not yet acknowledged,
    and how many routines had begun when the first of them came."""

    open_stops: list[Stop] = field(default_factory=list)
    sessions_at_end: int | None = None

    def heard(self, happening: object) -> None:
        stop = happening.stop if isinstance(happening, StopSignal) else None
        if isinstance(stop, Stop) and stop.level in ENDING_LEVELS:
            self.open_stops.append(stop)


def check_stops(visit: Visit, watch: Watch, step: object, acknowledging: bool) -> None:
    """An emergency or urgent stop stays in front until the step that acknowledges it (its
    own key, `e`), and after one no routine begins in this visit."""
    front = visit.prompt
    shown = front.stop if isinstance(front, StopPrompt) else None
    gone = [s for s in watch.open_stops if s is not shown]
    if gone:
        assert acknowledging, (step, gone, front)
        assert len(gone) == 1, gone
    watch.open_stops = [s for s in watch.open_stops if s is shown]
    if visit.ended:
        if watch.sessions_at_end is None:
            watch.sessions_at_end = visit.session_no
        assert visit.session_no == watch.sessions_at_end, step  # no routine began after it


def skin_came_off(data: st.DataObject, data_dir: Path, clock: FakeClock) -> None:
    """A pack came off a few minutes before the program started, or none did."""
    ago = data.draw(st.sampled_from([None, 300.0, 900.0]), label="skin off, seconds ago")
    if ago is not None:
        Remembered(data_dir).remember_skin_off(clock.wall() - ago)


def begin(visit: Visit, start: str) -> None:
    if start == "ice":
        visit.start_therapy(ICE)
    elif start == "preview":
        visit.start_routine(build_plan(COLD, 20.0))
    elif start in ("floor", "cold"):
        visit.start_routine(build_plan(FLOOR if start == "floor" else COLD))


# --- the Textual face ------------------------------------------------------------------------

# The screen each kind of prompt is shown on: written out here, not taken from the app, so
# the app is held to it.
PROMPT_SCREENS = {
    "stop": SafetyStopScreen,
    "signs": SignsScreen,
    "remove-pack": RemovePackScreen,
    "skin-check": SkinCheckScreen,
    "reapply": ReapplyScreen,
    "confirm": Confirm,
    "message": MessageScreen,
    "notice": NoticeScreen,
    "daily-check": DailyCheckScreen,
    "pain": PainRating,
    "high-pain": HighPain,
    "check-in": CheckInScreen,
    "skin-rest": SkinRestWait,
    "reminder": ReminderDue,
    "function": FunctionScreen,
}
VIEW_SCREENS = {
    View.LIBRARY: LibraryScreen,
    View.RUN: RunScreen,
    View.THERAPY: TherapyScreen,
    View.FINISH: FinishScreen,
}
# Screens the person opens over a view (help, history, reminders, about): a prompt covers
# them, and with no prompt they may stand over the view.
ASIDE = (
    Help,
    HistoryScreen,
    SessionDetails,
    DiaryScreen,
    RemindersScreen,
    AddReminder,
    AboutScreen,
    TherapyLength,
)
# Pressed on any screen, bound there or not: what a person mashes.
MASHED = (
    "exclamation_mark",
    "escape",
    "enter",
    "space",
    "tab",
    "down",
    "y",
    "n",
    "e",
    "s",
    "o",
    "x",
    "a",
    "c",
    "k",
    "1",
    "3",
    "8",
)
APP_KEYS = {"exclamation_mark", "ctrl+q"}  # of the app's own keys, those of the visit


def test_every_prompt_has_its_screen():
    kinds = {
        cls.kind
        for cls in vars(prompt_kinds).values()
        if isinstance(cls, type) and issubclass(cls, Prompt) and cls is not Prompt
    }
    assert kinds == set(PROMPT_SCREENS)


def check_screen(app, watch: Watch, step: object) -> None:
    """The screen in front shows the visit's prompt (or, with none, its view)."""
    visit = app.visit
    front = visit.prompt
    screen = app.screen
    if front is not None:
        assert isinstance(screen, PROMPT_SCREENS[front.kind]), (step, front.kind, screen)
        shown = getattr(screen, "prompt", None)
        assert shown is not None and shown.key == front.key, (step, front, shown)
    else:
        under = [s for s in app.screen_stack if not isinstance(s, ASIDE)][-1]
        assert type(under) is VIEW_SCREENS[visit.view], (step, visit.view, app.screen_stack)
        if visit.view is View.RUN:
            assert under.session is visit.session
        elif visit.view is View.THERAPY:
            assert under.therapy is visit.therapy
    check_stops(visit, watch, step, step == ("key", "e"))
    if watch.open_stops:
        assert isinstance(screen, SafetyStopScreen) and screen.prompt.stop is watch.open_stops[0]


def keys_offered(app) -> list[str]:
    """The keys the screen in front offers: its own, and the app's that belong to the visit."""
    screen = app.screen
    bound = {key for key, b in screen.active_bindings.items() if b.node is screen}
    return sorted(bound | APP_KEYS)


async def fill_in_checkin(pilot, pain: str, answers: list[bool]) -> None:
    """A check-in filled in as a person would: pain typed, each question clicked, Ctrl+S."""
    screen = pilot.app.screen
    for char in pain:
        await pilot.press(char)
    for i, yes in enumerate(answers[: len(screen.prompt.questions)]):
        await pilot.click(f"#q{i}-{'yes' if yes else 'no'}")
    await pilot.press("ctrl+s")


async def visit_the_app(data: st.DataObject, data_dir: Path, steps: int) -> None:
    clock = FakeClock()
    start = data.draw(st.sampled_from(STARTS), label="start")
    plan = therapy = None
    if start == "ice":
        therapy = ICE
    elif start != "library":
        plan = build_plan(COLD if start != "floor" else FLOOR, 20.0 if start == "preview" else 1.0)
    daily_done = data.draw(st.booleans(), label="checked today")
    skin_came_off(data, data_dir, clock)
    app = make_app(clock, plan=plan, therapy=therapy, data_dir=data_dir, daily_done=daily_done)
    watch = Watch()
    app.visit.subscribe(watch.heard)
    async with app.run_test(size=(80, 24)) as pilot:
        if data.draw(st.booleans(), label="a reminder set"):
            app.visit.add_reminder(data.draw(st.sampled_from([300.0, 1800.0])), None, "Move")
        await pilot.pause()
        check_screen(app, watch, "start")
        for _ in range(steps):
            choices = ["key", "key", "key", "time"]
            if isinstance(app.screen, CheckInScreen):
                choices.append("check-in")
            what = data.draw(st.sampled_from(choices))
            step: object
            if what == "key":
                # Half the time a key the screen offers, else any a person might press.
                key = data.draw(st.sampled_from(keys_offered(app)) | st.sampled_from(MASHED))
                step = ("key", key)
                await pilot.press(key)
            elif what == "time":
                seconds = data.draw(st.sampled_from(WAITS))
                step = ("time", seconds)
                clock.advance(seconds)
            else:
                pain = data.draw(st.sampled_from(["", "2", "9"]))
                answers = data.draw(st.lists(st.booleans(), min_size=2, max_size=2))
                step = ("check-in", pain, answers)
                await fill_in_checkin(pilot, pain, answers)
            await pilot.pause()
            if not app.is_running:
                # It closed: only with no routine and no real pack on, or once the person
                # said to close anyway.
                visit = app.visit
                pack_on = visit.pack_on and not visit.preview
                assert visit.exit_confirmed or (visit.session is None and not pack_on)
                return
            check_screen(app, watch, step)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_screen_in_front_is_the_visits_prompt(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(visit_the_app(data, Path(folder), 20))


# --- the line face ---------------------------------------------------------------------------

# Each kind of question as the line that asks it (the last line said for it), written out
# here from what a person reads, not taken from the face. First match wins.
ASKED = (
    (
        "stop",
        r"Type (e|e when you have read this|s to skip this step, or e to end the routine"
        r"|e when you have read this, or c if you have been seen by a doctor or nurse about it"
        r" or reported it by mistake):",
    ),
    ("signs", r"Type the number of the one you have, or Enter to go back:"),
    ("daily-check", r"Type its number, or c if none of these apply:"),
    ("remove-pack", r"REMOVE IT NOW: take the (cold|heat) pack off, then type o and Enter"),
    ("skin-check", r"Look at your skin\. Is it normal\? .* y/n"),
    ("high-pain", r"Go on gently anyway\? y/n"),
    ("check-in", r"Pain now, 0 to 10 \(Enter skips; q ends the routine\):|.* y/n \([yn] = stop\)"),
    ("pain", r".* 0 to 10 \(Enter skips\):"),
    ("confirm", r".* y/n"),
    ("skin-rest", r"Let your skin rest .* or wait\.|Your skin has rested\. .*"),
    ("reapply", r"You may reapply\. Enter starts application \d/\d; f finishes"),
    ("reminder", r"d done.*, 1/2/3 snooze 5/10/15 minutes, k skip"),
)
STAMP = re.compile(r"(\d+:)?\d\d:\d\d\.\d ")
# Lines typed: answers to every kind of question, commands, `!`, sign numbers (1: an
# emergency, 9: urgent, 17: see the doctor), and nonsense.
TYPED = ("", "!", "e", "s", "o", "y", "n", "c", "f", "d", "k", "p", "q", "0", "3", "8", "9", "17")
TYPED += ("1", "hello")
# What someone who answers the question in front would type (the rest of the time they type
# anything at all).
FITTING = {
    "stop": ("e", "s", "c"),
    "signs": ("", "1", "9", "17", "21"),
    "daily-check": ("c", "9"),
    "remove-pack": ("o",),
    "skin-check": ("y", "y", "n"),
    "high-pain": ("y", "n"),
    "check-in": ("", "2", "9", "y", "n", "n"),
    "pain": ("", "3", "8"),
    "confirm": ("y", "n"),
    "skin-rest": ("", "c"),
    "reapply": ("", "f"),
    "reminder": ("d", "k", "1"),
    None: ("", "", "p", "n", "q"),
}


def asked(line: str) -> str | None:
    """The kind of question a printed line asks, if it asks one."""
    text = STAMP.sub("", line, count=1)
    return next((kind for kind, pattern in ASKED if re.fullmatch(pattern, text)), None)


class Enough(Exception):
    """The person has done all they were going to do."""


class TypedAhead(list[str]):
    """Lines typed while nothing was asked, kept by the face for the next question: one taken
    out is that question's answer."""

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    def pop(self, index: SupportsIndex = -1) -> str:
        self.person.answered_at = self.person.printed()
        return super().pop(index)


class Person(LineIO):
    """The person at the line face. Each time the face waits for them, what it has printed
    is checked against the visit; then the next step: a line typed, or time passing with
    nothing typed (a long stretch of it is the machine asleep)."""

    def __init__(self, clock: FakeClock, data: st.DataObject, steps: int) -> None:
        super().__init__(clock, io.StringIO(), io.StringIO())
        self.data = data
        self.steps = steps
        self.visit: Visit | None = None
        self.watch = Watch()
        self.step: object = "start"
        self.answered_at = 0  # lines printed when the last line was typed
        self.looked_at = 0  # lines printed at the last look
        self.shown: tuple[str, int] | None = None  # the prompt in front at the last look
        self.pending = TypedAhead(self)

    def printed(self) -> int:
        return len(self.out.getvalue().splitlines())

    def look(self) -> None:
        visit = self.visit
        assert visit is not None
        front = visit.prompt
        lines = self.out.getvalue().splitlines()
        questions = [(i, kind) for i, line in enumerate(lines) if (kind := asked(line))]
        if front is not None:
            assert questions, (self.step, front)
            where, kind = questions[-1]
            assert kind == front.kind, (self.step, front, lines[where])
            if front.key != self.shown:  # a new question: said since the last look
                assert where >= self.looked_at, (self.step, front, lines[where])
        else:
            # Nothing is asked: no question said since the last line typed went unanswered.
            late = [lines[i] for i, _ in questions if i >= self.answered_at]
            assert not late, (self.step, late)
        self.shown = front.key if front is not None else None
        self.looked_at = len(lines)
        check_stops(visit, self.watch, self.step, self.step == ("type", "e"))

    def _next(self) -> None:
        self.look()
        if self.steps == 0:
            raise Enough
        self.steps -= 1

    def read_line(self, deadline: float | None = None) -> str | None:
        self._next()
        if self.data.draw(st.integers(0, 3)) == 0:
            seconds = self.data.draw(st.sampled_from(WAITS))
            self.step = ("wait", seconds)
            self.clock.sleep(seconds)
            return None
        front = self.visit.prompt if self.visit is not None else None
        fitting = FITTING[front.kind if front is not None else None]
        line = self.data.draw(st.sampled_from(fitting) | st.sampled_from(TYPED))
        self.step = ("type", line)
        self.answered_at = self.printed()
        return line

    def wait_until(self, deadline: float | None) -> None:
        """The face waits without reading (a line typed ahead waits for its question)."""
        self._next()
        self.step = ("waited", deadline)
        super().wait_until(deadline)


def visit_the_line_face(data: st.DataObject, data_dir: Path, steps: int) -> None:
    clock = FakeClock()
    start = data.draw(st.sampled_from((*STARTS[1:], "reminders")), label="start")
    daily_done = data.draw(st.booleans(), label="checked today")
    context = make_context(data_dir, clock, daily_done=daily_done)
    skin_came_off(data, data_dir, clock)
    person = Person(clock, data, steps)
    runtime = VisitRuntime(context, Library([("bundled", BUNDLED)]), person.signal)
    face = PlainFace(runtime, person)
    visit = person.visit = face.visit
    visit.subscribe(person.watch.heard)
    if start == "reminders" or data.draw(st.booleans(), label="a reminder set"):
        visit.add_reminder(data.draw(st.sampled_from([300.0, 1800.0])), None, "Move")
    begin(visit, start)

    def done() -> bool:
        """What the command waits for, as the command line has it."""
        timer = visit.therapy is not None and visit.therapy.active
        if start == "reminders":
            return not visit.reminders.reminders
        return not timer and (start == "ice" or visit.session is None)

    try:
        face.run(done)
    except Enough:
        return
    person.look()  # it finished: nothing left unanswered


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_last_question_printed_is_the_visits_prompt(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        visit_the_line_face(data, Path(folder), 25)


HOLDS = routine_from(
    """version: 1
name: Holds
steps:
  - stretch: Knee to chest
    hold: 30s
    reps: 4
  - check: How is it?
""",
    "holds",
)


def test_a_stray_line_does_not_keep_the_line_face_from_hearing_a_warning_sign(tmp_path):
    """During a routine's holds the person types a word that is no command, then `!`: the
    warning signs come at once, not two minutes later at the next question."""
    clock = FakeClock()
    face, _ = make_plain(tmp_path, clock, "3\nhello\n!\n", pause=1.0)
    face.visit.start_routine(build_plan(HOLDS))
    start = clock.now()
    signs_at: list[float] = []

    def look_for_half_a_minute() -> None:
        if isinstance(face.visit.prompt, SignsPrompt):
            signs_at.append(clock.now() - start)
        if clock.now() - start > 30:
            raise KeyboardInterrupt

    clock.on_change(look_for_half_a_minute)
    face.run(lambda: False)
    assert signs_at and signs_at[0] < 10  # `!` was typed 3 seconds in
