"""The Textual face, driven with Pilot and a fake clock."""

from textual.widgets import Digits

from tests.conftest import TEST_ROUTINES, library_ready, make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import Kind, build_plan
from unknot.core.engine.session import Outcome
from unknot.tui.screens.checkin import PainRating
from unknot.tui.screens.finish import FinishScreen
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.widgets.keybar import KeyBar

QUICK = (TEST_ROUTINES / "quick.yaml").read_text()


async def test_library_lists_routines_and_enter_runs_one(clock):
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert len(screen.entries) >= 5
        await pilot.press("down", "enter")
        assert isinstance(app.screen, PainRating)  # how it is before, skippable with one key
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
        assert app.screen.session.plan.routine.name == screen.entries[1].routine.name


async def test_a_routine_runs_to_the_end_as_the_clock_advances(clock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        run = app.screen
        assert isinstance(run, RunScreen)
        session = run.session
        seen_counts = set()
        for _ in range(200):
            if session.finished:
                break
            if not session.segment.timed:
                await pilot.press("enter")
                continue
            clock.advance(1.0)
            await pilot.pause()
            if session.segment.kind is Kind.HOLD:
                seen_counts.add(run.query_one("#countdown", Digits).value)
        await pilot.pause()
        assert session.outcome is Outcome.COMPLETED
        assert session.visited == list(range(len(session.plan.segments)))
        assert {"00:04", "00:03", "00:02", "00:01"} <= seen_counts
        assert isinstance(app.screen, PainRating)  # and how it is after
        await pilot.press("escape")
        assert isinstance(app.screen, FinishScreen)


async def test_countdown_moves_only_with_the_clock_and_space_pauses(clock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test() as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.press("enter")  # past the note, into get ready (5s)
        digits = app.screen.query_one("#countdown", Digits)
        assert digits.value == "00:05"
        clock.advance(2)
        await pilot.pause()
        assert digits.value == "00:03"
        await pilot.press("space")
        clock.advance(30)
        await pilot.pause()
        assert digits.value == "00:03"
        assert "PAUSED" in str(app.screen.query_one("#phase").render())
        await pilot.press("space")
        clock.advance(1)
        await pilot.pause()
        assert digits.value == "00:02"


async def test_help_the_step_keys_and_quit_asks_first_and_no_keeps_going(clock):
    # One running routine for the run screen's keys, from its help to ending it.
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test() as pilot:
        await pilot.press("escape")  # skip the pain rating
        run = app.screen
        session = run.session
        await pilot.press("question_mark")
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for words in (
            "Pause or resume",
            "Skip to the next part",
            "Back to the previous part",
            "Start this step again",
            "End the routine (asks first)",
            "Go on after a note or set",
            "Warning signs",
            "Sound",
        ):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is run

        await pilot.press("n", "n", "n")
        assert session.index == 3
        await pilot.press("p")
        assert session.index == 2
        await pilot.press("r")
        assert session.index == 1  # the stretch step's get-ready

        await pilot.press("q")
        assert type(app.screen).__name__ == "Confirm"
        await pilot.press("n")
        assert app.screen is run
        assert not run.session.finished
        await pilot.press("q", "y")
        await pilot.pause()
        assert run.session.outcome is Outcome.ENDED_EARLY
        await pilot.press("escape")
        assert isinstance(app.screen, FinishScreen)


def snapshot_in_a_hold(snap_compare, size: tuple[int, int]) -> bool:
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))

    async def into_a_hold(pilot):
        await pilot.press("escape")  # skip the pain rating
        await pilot.press("enter")
        clock.advance(6.5)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=into_a_hold)


def test_run_screen_snapshot(snap_compare):
    assert snapshot_in_a_hold(snap_compare, (80, 24))


def test_run_screen_snapshot_small_terminal(snap_compare):
    assert snapshot_in_a_hold(snap_compare, (60, 20))


async def test_ctrl_q_mid_routine_asks_first_and_no_goes_on(clock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test() as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.visit.session
        await pilot.press("enter")  # past the note: the clock runs
        assert session.running
        await pilot.press("ctrl+q")
        assert type(app.screen).__name__ == "Confirm"  # asks; the routine waits meanwhile
        assert not session.running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and session.running
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_on_a_small_terminal_the_key_bar_keeps_the_way_out_of_a_routine(clock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        keys = app.screen.query_one(KeyBar).render().plain
        assert keys.startswith(" ! Warning signs ") and " q Quit " in keys, keys


async def test_the_key_bar_says_resume_while_the_routine_is_paused(clock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        run = app.screen

        def keys() -> str:
            return run.query_one(KeyBar).render().plain

        assert " space Pause " in keys() and "Resume" not in keys()
        await pilot.press("space")
        await pilot.pause()
        assert not run.session.running
        assert " space Resume " in keys() and "Pause" not in keys()
        await pilot.press("space")
        await pilot.pause()
        assert run.session.running and " space Pause " in keys()
