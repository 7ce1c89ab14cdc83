"""The emergency stop on a large and a small terminal: large letters and digits where there is
room, and everything (with the key to acknowledge) where there is not."""

import pytest

from tests.conftest import TEST_ROUTINES, make_app, resize, routine_from
from tests.test_ui_safety import choose_sign
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.tui.screens.safety import SafetyStopScreen
from unknot.tui.widgets.bigdigits import BigDigits
from unknot.tui.widgets.lettering import Lettering

QUICK = (TEST_ROUTINES / "quick.yaml").read_text()


def an_emergency_stop(clock: FakeClock):
    app = make_app(clock, plan=build_plan(routine_from(QUICK)), region="GB")

    async def stop(pilot):
        await pilot.press("escape")  # skip the pain rating
        await pilot.press("exclamation_mark")
        await choose_sign(pilot, "Chest pain")
        clock.advance(2.5)
        await pilot.pause()

    return app, stop


@pytest.mark.parametrize("size", [(200, 60), (60, 20)], ids=["200x60", "60x20"])
def test_emergency_stop_snapshots(snap_compare, size):
    app, stop = an_emergency_stop(FakeClock())
    assert snap_compare(app, terminal_size=size, run_before=stop)


async def test_the_action_and_the_number_grow_and_shrink_with_the_terminal():
    app, stop = an_emergency_stop(FakeClock())
    async with app.run_test(size=(200, 60)) as pilot:
        await stop(pilot)
        screen = app.screen
        assert isinstance(screen, SafetyStopScreen)
        letters = screen.query_one("#stop-lettering", Lettering)
        number = screen.query_one("#stop-number", BigDigits)
        assert letters.display and letters.region.height >= 5
        assert not screen.query_one("#stop-headline").display  # the letters say it instead
        assert number.value == "999" and number.scale >= 4
        await resize(pilot, 60, 20)
        await pilot.pause()
        assert not letters.display and screen.query_one("#stop-headline").display
        assert number.scale == 1
        keys = screen.query_one("#stop-buttons").region
        assert keys.height >= 1 and keys.bottom <= 19  # above the key bar, on the screen
