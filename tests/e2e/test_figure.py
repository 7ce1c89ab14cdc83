"""The figure and the big countdown on the run screen of a bundled routine, in a real terminal."""

import time

from tests.e2e.conftest import no_traceback
from unknot.tui.widgets.bigdigits import scaled


def braille(lines: list[str]) -> int:
    return sum(1 for line in lines for c in line if 0x2801 <= ord(c) <= 0x28FF)


def shows(screen: str, block: tuple[str, ...]) -> bool:
    """`block` is on the screen as drawn: its rows one under another, in the same columns."""
    lines = screen.splitlines()
    rows = [row.rstrip() for row in block]
    for top in range(len(lines) - len(rows) + 1):
        at = lines[top].find(rows[0])
        while at >= 0:
            if all(lines[top + k][at : at + len(r)] == r for k, r in enumerate(rows)):
                return True
            at = lines[top].find(rows[0], at + 1)
    return False


def test_a_bundled_routine_shows_its_figure_and_a_countdown_that_repaints_cleanly(terminal):
    pane = terminal("run", "gentle-floor", "--speed", "3", "--mute")
    pane.wait_for("Welcome")
    pane.send("Enter")
    # The welcome is gone before anything else is typed (the run screen shows behind it).
    gone = pane.settled(lambda lines: not any("Welcome" in line for line in lines))
    assert not any("Welcome" in line for line in gone), "\n".join(gone)
    pane.wait_for("Step 1/")  # a preview (--speed) asks nothing before it starts
    lines = pane.settled(lambda lines: braille(lines) >= 20)
    assert braille(lines) >= 20, "\n".join(lines)  # a figure, not a stray dot
    assert lines[-1].lstrip().startswith("! Warning signs")
    # Past the note: getting ready counts down from 00:05, a second of it a third of a second
    # long.
    pane.send("Enter")
    pane.wait_for("Step 2/")
    # Only the digits that change are repainted: after three of them the terminal must show
    # exactly the drawing of the new value, at whatever size it has.
    candidates = [scaled("00:02", scale) for scale in range(1, 6)]
    deadline = time.perf_counter() + 8
    screen = pane.screen()
    while not any(shows(screen, b) for b in candidates) and time.perf_counter() < deadline:
        time.sleep(0.02)  # each look runs tmux
        screen = pane.screen()
    assert any(shows(screen, b) for b in candidates), screen
    no_traceback(pane)
