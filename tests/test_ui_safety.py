"""Safety stops in the Textual face: impossible to miss, impossible to skip by accident."""

import pytest
from textual.widgets import Digits, RadioSet

from tests.conftest import TEST_ROUTINES, library_ready, make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.session import Outcome, State
from unknot.tui.screens.checkin import CheckInScreen, PainRating
from unknot.tui.screens.confirm import Confirm
from unknot.tui.screens.finish import FinishScreen
from unknot.tui.screens.library import LibraryScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import DailyCheckScreen, SafetyStopScreen, SignsScreen
from unknot.tui.widgets.keybar import KeyBar

QUICK = (TEST_ROUTINES / "quick.yaml").read_text()
CHECKED = """
version: 1
name: Checked
stop_if: [Hip clicks]
steps:
  - rest: 10s
  - check: How is it?
    ask: [Is it worse than yesterday?]
  - rest: 10s
  - check: And now?
  - rest: 10s
"""


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def choose_sign(pilot, words: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, SignsScreen)
    options = screen.query_one("#signs")
    index = next(
        i
        for i in range(options.option_count)
        if words in str(options.get_option_at_index(i).prompt)
    )
    options.highlighted = index
    await pilot.press("enter")


async def test_an_emergency_sign_shows_the_number_and_halts_every_timer():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(QUICK)), region="US")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.visit.session
        await pilot.press("enter")  # into get ready
        clock.advance(2)
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await choose_sign(pilot, "Chest pain")
        stop = app.screen
        assert isinstance(stop, SafetyStopScreen)
        assert stop.query_one("#stop-number", Digits).value == "911"
        assert "Call 911 now." in texts(stop)
        assert "EMERGENCY" in texts(stop)
        assert session.outcome is Outcome.SAFETY_STOP
        elapsed = session.elapsed()
        clock.advance(120)
        await pilot.pause()
        assert session.elapsed() == elapsed  # every timer halted
        assert app.screen is stop  # and the stop stays in front
        assert app.visit.stops[0].sign_id == "chest-pain"


async def test_the_signs_list_the_routines_own_and_key_mashing_does_not_dismiss_a_stop():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.screen.session
        await pilot.press("exclamation_mark")
        prompts = [str(o.prompt) for o in app.screen.query_one("#signs")._options]
        assert any("Feeling dizzy  (this routine)" in p for p in prompts)
        assert any("Chest pain" in p for p in prompts)
        headings = [p for p in prompts if p.startswith(("▲", "■"))]
        assert headings == [
            "▲▲▲ EMERGENCY — call now",
            "▲▲ URGENT — get medical advice today",
            "▲ DOCTOR — book an appointment",
            "■ STOP THE EXERCISE",
        ]
        await choose_sign(pilot, "dizzy")
        stop = app.screen
        assert isinstance(stop, SafetyStopScreen)
        # in the first two seconds even the right keys do nothing
        await pilot.press("e", "s", "enter", "space", "escape", "q", "n", "e")
        assert app.screen is stop
        clock.advance(2.5)
        await pilot.pause()
        # after that, only its own keys
        await pilot.press("enter", "space", "escape", "q", "n", "p", "r", "y", "tab", "enter")
        assert app.screen is stop
        assert session.state is State.PAUSED
        await pilot.press("s")
        assert isinstance(app.screen, RunScreen)
        assert session.state is State.PAUSED  # the routine does not go on by itself
        assert session.segment.step_index == 1  # past the note it was stopped on


async def test_after_an_emergency_the_routine_cannot_continue():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(QUICK)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.screen.session
        await pilot.press("exclamation_mark")
        await choose_sign(pilot, "both legs")
        assert app.screen.check_action("choose", ("skip",)) is False
        clock.advance(3)
        await pilot.pause()
        await pilot.press("s")  # no skip at this level
        assert isinstance(app.screen, SafetyStopScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert "Stopped for safety" in texts(app.screen)
        session.resume()
        session.next()
        assert session.state is State.FINISHED


async def test_a_stop_from_the_library_returns_to_the_library():
    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("exclamation_mark")
        await choose_sign(pilot, "Fever")
        assert "The routine has ended" not in texts(app.screen)
        clock.advance(2.1)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def answer_check_in(pilot, pain: str, yes: bool = False) -> None:
    """Pain typed, then every question answered: the first yes or no, the rest no."""
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    await pilot.press(*pain)
    for i in range(len(screen.prompt.questions)):
        screen.query_one(f"#q{i}", RadioSet).focus()
        await pilot.press(*(("enter",) if (yes and i == 0) else ("down", "enter")))
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_check_in_can_end_the_routine_without_answering_it():
    """Stopping always wins: at a check-in, Escape or q ends the routine (asking first), as q
    does on the run view; no keeps the check-in, yes ends it with nothing made up."""
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.visit.session
        clock.advance(10)
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "esc End the routine" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm) and session.state is State.PAUSED
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("q")  # the pain box takes digits only: q is the key here too
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert app.visit.session is None and session.outcome is Outcome.ENDED_EARLY
        assert not isinstance(app.screen, (CheckInScreen, RunScreen))


async def test_pain_three_points_above_the_start_stops_the_routine():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        session = app.visit.session
        clock.advance(10)
        await pilot.pause()
        await answer_check_in(pilot, "2")
        assert isinstance(app.screen, RunScreen) and session.index == 2
        clock.advance(10)
        await pilot.pause()
        await answer_check_in(pilot, "5")
        stop = app.screen
        assert isinstance(stop, SafetyStopScreen)
        assert "STOP THIS EXERCISE" in texts(stop)
        assert "from 2 to 5" in texts(stop)
        clock.advance(2.1)
        await pilot.press("s")  # skip just this step; the rest waits, paused, for space
        await pilot.press("space")
        for _ in range(10):
            clock.advance(10)
            await pilot.pause()
            if isinstance(app.screen, PainRating):
                await pilot.press("escape")  # no pain after
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert "WELL DONE" not in texts(finish) and "completed" not in texts(finish)
        assert "FINISHED, WITH A STOP" in texts(finish)
        assert "Step stopped for safety: Pain rose from 2 to 5" in texts(finish)


async def test_pain_of_eight_stops_and_a_ticked_sign_stops():
    for pain, yes in (("8", False), ("1", True)):
        clock = FakeClock()
        app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("escape")  # skip the pain rating
            clock.advance(10)
            await pilot.pause()
            await answer_check_in(pilot, pain, yes)
            assert isinstance(app.screen, SafetyStopScreen), (pain, yes)


async def test_daily_check_comes_before_the_first_routine_of_the_day_only(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path, daily_done=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DailyCheckScreen)
        await pilot.press("enter", "enter", "space")  # nothing chosen, nothing skipped
        assert isinstance(app.screen, DailyCheckScreen)
        await pilot.press("c", "escape")
        assert isinstance(app.screen, RunScreen)
        await end_routine(app, pilot)
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, RunScreen)  # once a day
        await end_routine(app, pilot)
        clock.advance(24 * 3600)
        await pilot.press("enter")
        assert isinstance(app.screen, DailyCheckScreen)  # a new day


async def end_routine(app, pilot) -> None:
    """q, yes, no rating after, and back to the library."""
    await pilot.press("q", "y", "escape", "enter")
    await pilot.pause()
    assert isinstance(app.screen, LibraryScreen)


async def test_first_run_notice_once(tmp_path):
    clock = FakeClock()
    app = make_app(clock, data_dir=tmp_path, notice_seen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "not medical advice" in texts(app.screen)
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)
    again = make_app(clock, data_dir=tmp_path, notice_seen=False)
    async with again.run_test(size=(100, 30)):
        assert isinstance(again.screen, LibraryScreen)


@pytest.mark.parametrize(
    ("words", "region"),
    [("Chest pain", "GB"), ("Fever", "GB"), ("not improving", "US"), ("dizzy", None)],
    ids=["emergency", "urgent", "doctor", "stop-exercise"],
)
def test_stop_screen_snapshots(snap_compare, words, region):
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(QUICK)), region=region)

    async def stop(pilot):
        await pilot.press("escape")  # skip the pain rating
        await pilot.press("exclamation_mark")
        await choose_sign(pilot, words)
        clock.advance(2.5)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=stop)


async def test_the_days_stop_is_back_at_the_start_and_on_i_and_c_then_y_lifts_it(tmp_path):
    """An emergency reported earlier today: the program opens on it, `i` starts no pack but
    brings it back, and only `c` on it, then yes, lets routines and packs start again."""
    from textual.widgets import Button

    from unknot.core.safety.daystop import DayStop
    from unknot.store.timers import TimerStore
    from unknot.tui.screens.confirm import Confirm

    clock = FakeClock()
    earlier = DayStop.reported(
        "emergency", "Chest pain", "chest-pain", "Call 999 now.", clock.wall()
    )
    TimerStore(tmp_path).save_day_stop(earlier)
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        stop = app.screen
        assert isinstance(stop, SafetyStopScreen)
        labels = [str(b.label) for b in stop.query(Button)]
        assert "c  I have been seen, or a mistake" in labels
        # the key bar names `e` as its button does: no routine runs, so nothing to end
        assert "e  I understand" in labels
        assert " e I understand " in stop.query_one(KeyBar).render().plain
        app.notify("Sound: the terminal bell")  # as the sound check says once, late
        await pilot.pause()
        assert not list(app._notifications)  # nothing covers what to do
        await pilot.press("c")  # not before it is read
        assert app.screen is stop
        clock.advance(2.5)
        await pilot.pause()
        await pilot.press("e")
        await library_ready(app, pilot)
        await pilot.press("i")
        assert app.visit.therapy is None
        again = app.screen
        assert isinstance(again, SafetyStopScreen) and again is not stop
        clock.advance(2.5)
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")  # not before the question is read
        await pilot.pause()
        assert app.visit.held is not None
        assert app.screen.query_one("#yes").disabled
        clock.advance(2.5)
        app.sync()
        await pilot.pause()
        assert not app.screen.query_one("#yes").disabled
        await pilot.press("y")
        await pilot.pause()
        assert app.visit.held is None
        assert [r["level"] for r in app.context.store.rows("safety")] == ["lifted"]
        await pilot.press("i")
        await pilot.press("enter")  # the advised length
        await pilot.pause()
        assert app.visit.therapy is not None  # a pack may go on again


async def test_the_stop_shown_again_and_its_question_show_their_answers_whole_at_60_by_20(
    tmp_path,
):
    """At 60 columns the stop's c was cut to "I have been seen, or it was a mis" and the
    question's answers to "Keep the": the way to keep the stop, unread."""
    from textual.widgets import Button

    from unknot.core.safety.daystop import DayStop
    from unknot.store.timers import TimerStore
    from unknot.tui.screens.confirm import Confirm

    clock = FakeClock()
    earlier = DayStop.reported("urgent", "Fever", "fever", "Stop now.", clock.wall())
    TimerStore(tmp_path).save_day_stop(earlier)
    app = make_app(clock, data_dir=tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        clock.advance(2.5)
        app.sync()
        await pilot.pause()
        for button in app.screen.query(Button):
            shown = button.content_region
            assert shown.right <= 60 and shown.width >= len(str(button.label)), str(button.label)
        await pilot.press("c")
        await pilot.pause()
        asked = app.screen
        assert isinstance(asked, Confirm)
        for button in asked.query(Button):
            shown, room = button.content_region, button.parent.content_region
            assert shown.right <= room.right and shown.width >= len(str(button.label)), str(
                button.label
            )
