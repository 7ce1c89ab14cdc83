"""A check's question can stop on "no": both faces stop on the answer the routine names."""

import pytest
from textual.widgets import RadioSet

from tests.conftest import make_app, make_plain, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.tui.screens.checkin import CheckInScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import SafetyStopScreen

ROUTINE = routine_from(
    """\
version: 1
name: After the pack
steps:
  - check: After the cold pack
    ask:
      - {ask: "Did the skin look normal after the pack came off?", stop_if: no}
  - rest: 1s
""",
    "after",
)
QUESTION = "Did the skin look normal after the pack came off?"


@pytest.mark.parametrize(("answer", "stops"), [("y", False), ("n", True)])
def test_plain_stops_on_the_answer_the_question_names(tmp_path, answer, stops):
    clock = FakeClock()
    # pain before: skip; check-in pain: skip; the question; then e (after reading the stop)
    face, out = make_plain(tmp_path, clock, f"\n\n{answer}\ne\n", pause=3.0)
    face.visit.start_routine(build_plan(ROUTINE))
    face.run(lambda: face.visit.session is None)
    text = out.getvalue()
    assert f"{QUESTION} y/n (n = stop)" in text
    assert ("SAFETY STOP" in text) is stops
    if stops:
        assert f"You reported: {QUESTION} — you answered no" in text
        (row,) = face.runtime.context.store.rows("safety")
        assert row["reason"] == f"{QUESTION} — you answered no"
    else:
        assert "done: After the pack completed" in text


@pytest.mark.parametrize(("yes", "stops"), [(True, False), (False, True)])
async def test_the_full_screen_check_in_stops_on_the_answer_the_question_names(yes, stops):
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(ROUTINE))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.prompt.questions == ((QUESTION, False),)
        await pilot.press("ctrl+s")  # unanswered: no default, asked again
        await pilot.pause()
        assert app.screen is screen
        screen.query_one("#q0", RadioSet).focus()
        await pilot.press(*(("enter",) if yes else ("down", "enter")))
        await pilot.press("ctrl+s")
        await pilot.pause()
        if stops:
            assert isinstance(app.screen, SafetyStopScreen)
            assert app.screen.prompt.stop.reason == f"{QUESTION} — you answered no"
        else:
            assert isinstance(app.screen, RunScreen) and not app.visit.stops
