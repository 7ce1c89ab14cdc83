"""`!` works on every screen the program has, with every text box focused in turn, and pauses
whatever runs until the person goes on."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable

import pytest
from textual.screen import Screen
from textual.widgets import Input

import unknot.tui.screens
from tests.conftest import make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import (
    RemovePackPrompt,
    SignsPrompt,
    SkinCheckPrompt,
    StopPrompt,
)
from unknot.core.engine.therapy import TherapySpec
from unknot.core.engine.visit import _Asked
from unknot.core.safety.signs import Stop
from unknot.store.history import SessionRow
from unknot.tui.widgets.keybar import KeyBar

ROUTINE = routine_from(
    """version: 1
name: Every screen
steps:
  - note: Lie down.
  - check: How is it?
    ask: [Worse?]
  - rest: 5s
""",
    "every",
)


def every_screen_class() -> set[str]:
    """Every screen the program defines, found by walking its screens package."""
    found = set()
    for module in pkgutil.iter_modules(unknot.tui.screens.__path__, "unknot.tui.screens."):
        for name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.name:
                found.add(name)
    return found


Setup = Callable[..., Awaitable[None]]


async def _start(app, pilot, pain: int | None = None) -> None:
    app.visit.start_routine(build_plan(ROUTINE))
    app.sync()
    await pilot.pause()
    front = app.visit.prompt
    if front is not None and front.kind == "pain" and pain is not None:
        app.visit.answer(front, pain)
        app.sync()
        await pilot.pause()


async def library(app, pilot):
    pass


async def run(app, pilot):
    await _start(app, pilot)
    app.visit.answer(app.visit.prompt, None)  # skip the pain
    app.sync()


async def pain(app, pilot):
    await _start(app, pilot)


async def high_pain(app, pilot):
    await _start(app, pilot, pain=9)


async def check_in(app, pilot):
    await run(app, pilot)
    app.visit.go_on()
    app.sync()


async def confirm(app, pilot):
    await run(app, pilot)
    app.visit.quit_routine()
    app.sync()


async def finish(app, pilot):
    await confirm(app, pilot)
    app.visit.answer(app.visit.prompt, True)  # end it
    app.visit.answer(app.visit.prompt, None)  # no pain after
    app.sync()


async def therapy(app, pilot):
    app.visit.start_therapy(TherapySpec("ice", 120))
    app.sync()


async def pack(app, pilot):
    await therapy(app, pilot)
    app.clock.advance(121)


def _answer(app, kind: type, value: object) -> None:
    app.visit.answer(next(p for p in app.visit.prompts() if isinstance(p, kind)), value)
    app.sync()


async def skin_check(app, pilot):
    await pack(app, pilot)
    _answer(app, RemovePackPrompt, None)  # the pack is off
    app.clock.advance(1201)  # the skin has rested: how does it look?


async def reapply(app, pilot):
    app.visit.start_therapy(TherapySpec("heat", 120, cycles=2))
    app.sync()
    app.clock.advance(121)
    _answer(app, RemovePackPrompt, None)
    app.clock.advance(1201)
    _answer(app, SkinCheckPrompt, True)


async def skin_rest(app, pilot):
    app.visit.skin_off = app.clock.wall()
    app.visit.start_therapy(TherapySpec("heat"))
    app.sync()


async def message(app, pilot):
    app.visit.tell("A message", "to read")
    app.sync()


async def reminder(app, pilot):
    app.visit.add_reminder(None, 60, "Move")
    app.clock.advance(61)


async def stop(app, pilot):
    app.visit.report_stop(Stop("doctor", "Not improving", "not-improving"))
    app.sync()


async def signs(app, pilot):
    app.action_signs()


async def daily(app, pilot):
    app.visit._daily_done = None
    await _start(app, pilot)


async def notice(app, pilot):
    app.visit._notice = _Asked(app.visit._serial())  # the first-run notice, due again
    app.sync()


async def function(app, pilot):
    app.visit._ask_function = True  # as for a person who follows a programme
    app.sync()


LOCAL = (
    "HistoryScreen",
    "SessionDetails",
    "DiaryScreen",
    "RemindersScreen",
    "AddReminder",
    "AboutScreen",
    "Help",
    "TherapyLength",
)


def local(screen_name: str) -> Setup:
    async def push(app, pilot):
        from unknot.tui.screens import history, reminders, safety
        from unknot.tui.screens.help import Help
        from unknot.tui.screens.therapy_length import TherapyLength

        row = SessionRow(1, "every", "Every screen", 0.0, None, None, 0, 3, None, None)
        made = {
            "HistoryScreen": lambda: history.HistoryScreen(),
            "SessionDetails": lambda: history.SessionDetails(row),
            "DiaryScreen": lambda: history.DiaryScreen(),
            "RemindersScreen": lambda: reminders.RemindersScreen(),
            "AddReminder": lambda: reminders.AddReminder(),
            "AboutScreen": lambda: safety.AboutScreen(app.context.number),
            "Help": lambda: Help("Keys", ["a line"]),
            "TherapyLength": lambda: TherapyLength("ice"),
        }[screen_name]
        app.push_screen(made())

    return push


SETUPS: dict[str, Setup] = {
    "LibraryScreen": library,
    "RunScreen": run,
    "PainRating": pain,
    "HighPain": high_pain,
    "CheckInScreen": check_in,
    "Confirm": confirm,
    "FinishScreen": finish,
    "TherapyScreen": therapy,
    "RemovePackScreen": pack,
    "SkinCheckScreen": skin_check,
    "ReapplyScreen": reapply,
    "SkinRestWait": skin_rest,
    "MessageScreen": message,
    "ReminderDue": reminder,
    "SafetyStopScreen": stop,
    "SignsScreen": signs,
    "DailyCheckScreen": daily,
    "NoticeScreen": notice,
    "FunctionScreen": function,
    **{name: local(name) for name in LOCAL},
}


def test_every_screen_is_in_the_test():
    assert every_screen_class() == set(SETUPS), "a screen without a `!` test"


# Screens pushed over the library that leave the visit as it is: one app tries them all.
OVER_THE_LIBRARY = ("LibraryScreen", *LOCAL)


async def bang_with_every_box_focused(app, pilot, name: str) -> None:
    screen = app.screen
    assert type(screen).__name__ == name
    # Every screen says its keys on its last line, the warning signs first.
    bar = screen.query_one(KeyBar)
    assert bar.region.bottom == app.size.height and bar.render().plain.startswith(" ! "), name
    boxes = list(screen.query(Input)) or [None]
    session = app.visit.session
    for box in boxes:
        if box is not None:
            box.focus()
            box.value = ""
            await pilot.pause()
        running = session is not None and session.running
        await pilot.press("exclamation_mark")
        await pilot.pause()
        front = app.visit.prompt
        if name in ("SafetyStopScreen", "SignsScreen"):
            assert isinstance(front, StopPrompt | SignsPrompt)  # already in front
            continue
        assert isinstance(front, SignsPrompt), (name, box)
        assert type(app.screen).__name__ == "SignsScreen", name
        if box is not None:
            assert "!" not in box.value, name  # not typed into the box
        if running:
            assert not session.running  # paused while the signs are read
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.visit.prompt, SignsPrompt), name
        assert type(app.screen).__name__ == name  # back where it was
        if running:
            assert session.running  # and goes on after


async def test_bang_over_the_library_with_every_box_focused():
    app = make_app(FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        for name in OVER_THE_LIBRARY:
            await SETUPS[name](app, pilot)
            await pilot.pause()
            await bang_with_every_box_focused(app, pilot, name)
            if name != "LibraryScreen":
                app.pop_screen()
                await pilot.pause()


@pytest.mark.parametrize("name", sorted(set(SETUPS) - set(OVER_THE_LIBRARY)))
async def test_bang_opens_the_warning_signs_with_every_box_focused(name):
    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await SETUPS[name](app, pilot)
        app.sync()
        await pilot.pause()
        await bang_with_every_box_focused(app, pilot, name)
