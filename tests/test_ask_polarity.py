"""A check's question can stop on "no": both faces stop on the answer the routine names."""

import pytest

from tests.conftest import make_app, routine_from, run_cli
from unknot.core.clock import FakeClock
from unknot.core.plan import build_plan
from unknot.tui.screens.checkin import CheckInScreen
from unknot.tui.screens.run import RunScreen
from unknot.tui.screens.safety import SafetyStopScreen

ROUTINE = """\
version: 1
name: After the pack
steps:
  - check: After the cold pack
    ask:
      - {ask: "Did the skin look normal after the pack came off?", stop_if: no}
  - rest: 1s
"""
QUESTION = "Did the skin look normal after the pack came off?"


@pytest.mark.parametrize(("answer", "stops"), [("y", False), ("n", True)])
def test_plain_stops_on_the_answer_the_question_names(tmp_path, answer, stops):
    routine = tmp_path / "after.yaml"
    routine.write_text(ROUTINE)
    # daily check: continue; pain before: skip; check-in pain: skip; the question; then end
    result = run_cli("run", str(routine), "--plain", stdin=f"c\n\n\n{answer}\ne\n")
    assert f"{QUESTION}? Y/n (n = stop)" in result.stdout
    assert ("SAFETY STOP" in result.stdout) is stops
    if stops:
        assert f"You reported: {QUESTION} (answered no)" in result.stdout
    else:
        assert "done: After the pack completed" in result.stdout


@pytest.mark.parametrize(("tick", "stops"), [(True, False), (False, True)])
async def test_the_full_screen_check_in_stops_on_the_answer_the_question_names(tick, stops):
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(ROUTINE)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert screen.questions == [f"{QUESTION} (unticked = stop)"]
        await pilot.press("enter")  # no pain given: on to the question
        if tick:
            await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        if stops:
            assert isinstance(app.screen, SafetyStopScreen)
            assert app.screen.stop.reason == f"{QUESTION} (answered no)"
        else:
            assert isinstance(app.screen, RunScreen) and not app.screen.session.stops
