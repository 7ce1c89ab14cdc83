"""The Textual face as a new user meets it: forms that take what is typed, the warning-signs
key shown on every screen, a library that does what Enter suggests."""

from __future__ import annotations

from tests.conftest import make_app, routine_from
from unknot.core.clock import FakeClock
from unknot.core.plan import build_plan
from unknot.tui.screens.checkin import CheckInScreen, PainRating
from unknot.tui.screens.safety import SignsScreen
from unknot.tui.widgets.inputs import SafeInput
from unknot.tui.widgets.keybar import KeyBar

CHECKED = """
version: 1
name: Checked
steps:
  - check: How is it?
    ask: [Is it worse than yesterday?]
  - rest: 10s
"""


def key_bar(screen) -> str:
    return str(screen.query_one(KeyBar).render())


async def test_a_pain_rating_keeps_what_was_typed_after_the_warning_signs():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(80, 24)) as pilot:
        rating = app.screen
        assert isinstance(rating, PainRating)
        assert "! Warning signs" in key_bar(rating)
        await pilot.press("4", "exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        await pilot.press("escape")
        assert app.screen is rating
        await pilot.press("enter")
        await pilot.pause()
        assert app.visit.session is not None and app.visit.start_pain == 4


async def test_the_check_in_takes_digits_wherever_they_are_typed_and_keeps_them():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(CHECKED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # no rating before
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CheckInScreen)
        assert "! Warning signs" in key_bar(form)
        pain = form.query_one("#pain", SafeInput)
        await pilot.press("x", "7", "a", "1", "9")  # letters never; two digits at most
        assert pain.value == "71"
        pain.value = ""
        form.query_one("#q0").focus()
        await pilot.press("5")  # with the question in focus: still the pain
        assert pain.value == "5" and pain.has_focus
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SignsScreen)
        await pilot.press("escape")
        assert app.screen is form and pain.value == "5"
        form.query_one("#q0").focus()
        await pilot.press("down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.visit.current_pain == 5


async def test_the_keys_and_about_screens_show_the_warning_signs_key():
    app = make_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "a"):
            await pilot.press(key)
            await pilot.pause()
            assert "! Warning signs" in key_bar(app.screen), key
            await pilot.press("escape")
