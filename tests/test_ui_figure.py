"""The Figure widget alone, in a tiny app: it fills its size, follows resizes and pose changes,
costs nothing when nothing changes, and never takes the focus."""

from textual.app import App, ComposeResult
from textual.widgets import Input

from tests.conftest import resize, routine_from
from unknot.core.engine.motion import moment
from unknot.core.engine.plan import Kind, build_plan
from unknot.core.format.loader import bundled_poses
from unknot.tui.widgets.figure import Figure

POSES = bundled_poses()


class FigureApp(App[None]):
    CSS = "Figure { height: 1fr; } Input { height: 3; }"

    def __init__(self, pose=None) -> None:
        super().__init__()
        self.pose = pose

    def compose(self) -> ComposeResult:
        yield Figure(self.pose)
        yield Input()


def shown(figure: Figure) -> list[str]:
    return [figure.render_line(y).text for y in range(figure.size.height)]


def has_braille(lines: list[str]) -> bool:
    return any(0x2801 <= ord(c) <= 0x28FF for line in lines for c in line)


async def test_it_draws_the_pose_in_braille_at_its_own_size():
    app = FigureApp(POSES["cat"])
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        figure = app.query_one(Figure)
        lines = shown(figure)
        assert figure.size.width == 40 and figure.size.height == 12
        assert len(lines) == 12 and all(len(line) == 40 for line in lines)
        assert has_braille(lines)


async def test_a_resize_redraws_at_the_new_size():
    app = FigureApp(POSES["standing"])
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        figure = app.query_one(Figure)
        small = shown(figure)
        await resize(pilot, 80, 30)
        await pilot.pause()
        big = shown(figure)
        assert (len(big), len(big[0])) == (27, 80)
        lit = sum(c != " " for line in big for c in line)
        assert lit > sum(c != " " for line in small for c in line)


async def test_the_same_pose_again_costs_nothing_and_a_new_one_is_drawn():
    app = FigureApp(POSES["cat"])
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        figure = app.query_one(Figure)
        before, draws = shown(figure), figure.draws
        for _ in range(5):
            figure.show(POSES["cat"])
            figure.refresh()
            await pilot.pause()
            shown(figure)
        assert figure.draws == draws
        figure.show(POSES["cow"])
        await pilot.pause()
        after = shown(figure)
        assert figure.draws == draws + 1
        assert after != before and has_braille(after)


async def test_a_moment_of_a_movement_is_drawn_between_its_poses():
    text = "version: 1\nname: x\nsteps:\n  - exercise: e\n    reps: 2\n    pace: 4s\n"
    text += "    figure: [cat, cow]\n"
    seg = next(s for s in build_plan(routine_from(text)).segments if s.kind is Kind.REPS)
    app = FigureApp()
    async with app.run_test(size=(40, 15)) as pilot:
        figure = app.query_one(Figure)
        frames = []
        for elapsed in (0.0, 1.0, 2.0):
            figure.show_moment(moment(seg, elapsed))
            await pilot.pause()
            frames.append(shown(figure))
        assert len({tuple(f) for f in frames}) == 3
        assert all(has_braille(f) for f in frames)


async def test_no_pose_is_blank():
    app = FigureApp(POSES["cat"])
    async with app.run_test(size=(30, 12)) as pilot:
        figure = app.query_one(Figure)
        figure.show(None)
        await pilot.pause()
        assert not has_braille(shown(figure))


async def test_it_never_takes_the_focus():
    app = FigureApp(POSES["cat"])
    async with app.run_test(size=(30, 12)) as pilot:
        figure = app.query_one(Figure)
        for _ in range(3):
            await pilot.press("tab")
            assert app.focused is not figure
        assert isinstance(app.focused, Input)
        await pilot.click(Figure)
        assert app.focused is not figure
