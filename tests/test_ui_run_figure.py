"""The run screen with a figure: it moves with the reps, stands still when paused, and the
screen gives way in order as the terminal shrinks. Also the big digits and the lettering."""

import pytest
from rich.console import Console
from rich.style import Style
from textual.renderables.digits import Digits as DigitsRenderable

from tests.conftest import make_app, resize, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import Kind, build_plan
from unknot.tui.screens.run import RunScreen
from unknot.tui.widgets.bigdigits import BigDigits, scaled
from unknot.tui.widgets.figure import Figure
from unknot.tui.widgets.lettering import lettered_rows

FIGURES = """
version: 1
name: Figures
steps:
  - exercise: Knee pulls
    figure: [hook-lying, knee-hug]
    how: Draw one knee toward your chest and let it back down, briskly.
    reps: 8
    pace: 1s
  - stretch: Knee to chest
    figure: [hook-lying, knee-hug]
    how: Bring one knee toward your chest and hold it there.
    hold: 20s
"""


class DriftingClock(FakeClock):
    """Time passes without telling anyone, as with the real clock: the app sees it only at its
    next wake-up, or when something on the screen reads the clock between them."""

    def drift(self, seconds: float) -> None:
        self._now += seconds


def braille(figure: Figure) -> list[str]:
    return [figure.render_line(y).text for y in range(figure.size.height)]


def has_braille(lines: list[str]) -> bool:
    return any(0x2801 <= ord(c) <= 0x28FF for line in lines for c in line)


async def until(pilot, done, tries: int = 60) -> bool:
    """Let the app run (its own intervals fire in real time) until `done()` holds."""
    for _ in range(tries):
        if done():
            return True
        await pilot.pause(0.05)
    return done()


async def test_the_figure_moves_between_reps_and_stands_still_when_paused():
    clock = DriftingClock()
    app = make_app(clock, plan=build_plan(routine_from(FIGURES)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # skip the pain rating
        run = app.screen
        assert isinstance(run, RunScreen)
        figure = run.query_one("#figure", Figure)
        clock.advance(run.session.remaining() or 0)  # past getting ready
        await pilot.pause()
        assert run.session.segment.kind is Kind.REPS
        assert run.moving  # a one-second movement is redrawn between the screen's refreshes
        start = braille(figure)
        assert has_braille(start)
        clock.advance(0.5)  # half a rep: the knee is up
        await pilot.pause()
        assert braille(figure) != start
        # Between refreshes: only the figure's own interval can show that time went on.
        middle = braille(figure)
        clock.drift(0.5)
        assert await until(pilot, lambda: braille(figure) != middle)
        assert braille(figure) == start  # the rep came back round to where it began

        await pilot.press("space")
        assert run.session.state.value == "paused"
        assert not run.moving
        still = braille(figure)
        clock.drift(0.5)
        await pilot.pause(0.3)
        assert braille(figure) == still
        clock.advance(0.25)
        await pilot.pause()
        assert braille(figure) == still
        await pilot.press("space")
        assert run.moving


async def test_things_give_way_in_order_as_the_terminal_shrinks():
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(FIGURES)))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("escape")
        run = app.screen
        while run.session.segment.step_index == 0:
            await pilot.press("n")
        clock.advance(7)  # past getting ready, and settled into the hold
        await pilot.pause()
        assert run.session.segment.kind is Kind.HOLD
        figure = run.query_one("#figure", Figure)
        countdown = run.query_one("#countdown", BigDigits)
        how = run.query_one("#how")
        assert figure.display and figure.size.height >= 30 and has_braille(braille(figure))
        assert countdown.scale >= 4
        big = countdown.scale

        await resize(pilot, 100, 30)
        await pilot.pause()
        assert figure.display and figure.size.height >= 10
        assert 1 < countdown.scale < big
        assert run.moving is False  # a hold is still: no interval runs for it

        await resize(pilot, 60, 20)
        await pilot.pause()
        assert not figure.display  # the figure goes first
        assert countdown.region.height >= 3 and how.region.height >= 1
        assert countdown.region.bottom <= run.query_one("#progress-row").region.y

        await resize(pilot, 60, 50)  # tall and narrow: the figure above the words
        await pilot.pause()
        assert figure.display
        assert figure.region.bottom <= how.region.y


def snapshot_in_the_hold(snap_compare, size: tuple[int, int]) -> bool:
    clock = FakeClock()
    app = make_app(clock, plan=build_plan(routine_from(FIGURES)))

    async def into_the_hold(pilot):
        await pilot.press("escape")  # skip the pain rating
        while app.screen.session.segment.step_index == 0:
            await pilot.press("n")
        clock.advance(7)  # past getting ready, and settled into the hold
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=into_the_hold)


@pytest.mark.parametrize(
    "size", [(60, 20), (100, 30), (200, 60)], ids=["60x20", "100x30", "200x60"]
)
def test_run_screen_with_a_figure_snapshots(snap_compare, size):
    assert snapshot_in_the_hold(snap_compare, size)


def test_the_big_digits_are_textuals_font_scaled_up():
    console = Console(width=40, color_system=None)
    for bold in (False, True):
        textuals = console.render_lines(
            DigitsRenderable("12:30", Style(bold=bold)), console.options, pad=False
        )
        expected = ["".join(s.text for s in line).rstrip() for line in textuals]
        assert [row.rstrip() for row in scaled("12:30", 1, bold)] == expected
    zero = scaled("0", 3)
    assert len(zero) == 9 and {len(row) for row in zero} == {9}
    left = [row[1] for row in zero[1:-1]]  # strokes run through the middle of each block
    assert left[0] == "╭" and left[-1] == "╰"
    assert set(left[1:-1]) == {"│"}  # one unbroken stroke, not three cells apart
    assert zero[1][1:8] == "╭─────╮"


def test_the_lettering_fits_or_says_it_does_not():
    assert 0 < lettered_rows("Call 999 now.", 190) <= 14
    assert lettered_rows("Call 999 now.", 20) == 0  # "CALL" alone is wider: never cut a word
