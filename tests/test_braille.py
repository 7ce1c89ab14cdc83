"""The braille renderer: dots, lines, circles, and known poses against their dot patterns."""

import pytest

from unknot.core.figures.braille import Canvas, draw, render, render_between
from unknot.core.figures.pose import make_pose, skeleton
from unknot.core.format.loader import bundled_poses

POSES = bundled_poses()


def dots(lines: list[str]) -> set[tuple[int, int]]:
    """Every set dot of rendered lines as (x, y), decoding the braille bits back."""
    bits = ((0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x40, 0, 3))
    bits += ((0x08, 1, 0), (0x10, 1, 1), (0x20, 1, 2), (0x80, 1, 3))
    out = set()
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            code = 0 if ch == " " else ord(ch) - 0x2800
            for bit, dx, dy in bits:
                if code & bit:
                    out.add((col * 2 + dx, row * 4 + dy))
    return out


def test_each_dot_lands_on_its_braille_bit():
    canvas = Canvas(1, 1)
    canvas.dot(0, 0)
    assert canvas.lines() == ["⠁"]  # dot 1
    canvas.dot(1, 3)
    assert canvas.lines() == ["⢁"]  # dots 1 and 8
    canvas.dot(5, 9)  # outside the grid: ignored, never an error
    assert canvas.lines() == ["⢁"]


def test_an_empty_cell_is_a_space():
    assert Canvas(3, 2).lines() == ["   ", "   "]


def test_bresenham_draws_every_step_of_a_shallow_line():
    canvas = Canvas(4, 1)
    canvas.line(0, 0, 7, 3)
    assert canvas.lines() == ["⠉⠒⠤⣀"]
    assert dots(canvas.lines()) == {(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3)}


def test_a_line_is_the_same_drawn_either_way_and_includes_both_ends():
    a, b = Canvas(5, 3), Canvas(5, 3)
    a.line(1, 1, 8, 10)
    b.line(8, 10, 1, 1)
    assert dots(a.lines()) == dots(b.lines())
    assert {(1, 1), (8, 10)} <= dots(a.lines())


def test_the_midpoint_circle_is_symmetric_about_its_centre():
    canvas = Canvas(6, 3)
    canvas.circle(5, 5, 4)
    got = dots(canvas.lines())
    assert got == {(10 - x, y) for x, y in got} == {(x, 10 - y) for x, y in got}
    assert {(1, 5), (9, 5), (5, 1), (5, 9)} <= got
    assert (5, 5) not in got


def test_a_floor_is_every_other_dot_across_a_row():
    canvas = Canvas(3, 1)
    canvas.dotted(3)
    assert canvas.lines() == ["⡀⡀⡀"]


# Known poses, checked by eye when they were pinned: a figure standing (head, trunk, an arm
# hanging a little forward, the foot on the floor line), lying on the back with the knees
# bent, and on all fours with the back rounded up (cat).
KNOWN = {
    ("standing", 6, 6): [" ⢰⢉⢱  ", "  ⢹⡅  ", "  ⢸⢣  ", "  ⢸⠈  ", "  ⢸   ", "⡀⡀⣸⣀⡀⡀"],
    ("hook-lying", 14, 3): ["          ⣠   ", "⡔⠒⣄⣀⣀⣀⣀⣤⠴⠉ ⢣  ", "⠓⠒⠃⠂⠂⠂⠂⠂⠂⠂⠂⠂⠓⠒"],
    ("cat", 12, 4): ["      ⢀⣀⡠⢤⡤⢄", "     ⡎⠁  ⢸⠤⠜", "     ⡇   ⢸  ", "⠒⠒⠒⠒⠒⠃⠂⠂⠂⠚⠂⠂"],
}


@pytest.mark.parametrize("key", list(KNOWN), ids=lambda k: k[0])
def test_known_poses_draw_their_known_dots(key):
    name, width, height = key
    assert render(POSES[name], width, height) == KNOWN[key]


@pytest.mark.parametrize("size", [(1, 1), (4, 2), (20, 10), (60, 30), (200, 60)])
def test_every_size_gives_exactly_that_many_cells_of_braille(size):
    width, height = size
    for name in ("standing", "knee-roll", "childs-pose", "sitting"):
        lines = render(POSES[name], width, height)
        assert len(lines) == height
        assert all(len(line) == width for line in lines)
        assert all(c == " " or 0x2800 <= ord(c) <= 0x28FF for line in lines for c in line)


def test_nothing_to_draw_in_no_space():
    assert render(POSES["standing"], 0, 0) == []
    assert render(POSES["standing"], 3, 0) == []


def extent(lines):
    got = dots(lines)
    xs, ys = [x for x, _ in got], [y for _, y in got]
    return max(xs) - min(xs) + 1, max(ys) - min(ys) + 1


def test_scaling_keeps_the_proportions_and_fills_the_tighter_side():
    pose = make_pose("s", "standing", angles={"shoulders": 90, "elbows": 0})
    small_w, small_h = extent(render(pose, 30, 10, floor=False))
    big_w, big_h = extent(render(pose, 60, 20, floor=False))
    assert small_h == 40 and big_h == 80  # height is the tight side: it is filled
    assert abs(small_w / small_h - big_w / big_h) < 0.05


def test_the_floor_line_is_drawn_only_when_asked_and_under_the_figure():
    with_floor = dots(render(POSES["standing"], 20, 10))
    without = dots(render(POSES["standing"], 20, 10, floor=False))
    floor_row = {(x, y) for x, y in with_floor - without}
    assert floor_row and len({y for _, y in floor_row}) == 1
    assert max(y for _, y in without) <= next(iter(floor_row))[1]


def test_an_in_between_keeps_one_frame_for_the_whole_movement():
    a, b = POSES["hook-lying"], POSES["bridge"]
    frames = [render_between(a, b, t, 40, 12) for t in (0.0, 0.5, 1.0)]
    floor_rows = {max(y for _, y in dots(lines)) for lines in frames}  # the floor is lowest
    assert len(floor_rows) == 1  # the floor never moves while the figure does
    assert len({tuple(f) for f in frames}) == 3
    assert frames[2] != render(b, 40, 12)  # framed alone, the bridge would be drawn larger
    assert render_between(a, b, 0.0, 40, 12) == frames[0]


def test_a_fixed_frame_draws_a_smaller_figure_than_its_own_bounds():
    shape = skeleton(POSES["hook-lying"])
    x0, y0, x1, y1 = shape.bounds()
    roomy = draw(shape, 40, 12, frame=(x0 - 5, y0, x1 + 5, y1 + 5))
    tight = draw(shape, 40, 12)
    assert extent(roomy)[0] < extent(tight)[0]
