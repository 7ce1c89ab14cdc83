"""The figure on the run screen of a bundled routine, in a real terminal."""

from tests.e2e.conftest import no_traceback


def braille(lines: list[str]) -> int:
    return sum(1 for line in lines for c in line if 0x2801 <= ord(c) <= 0x28FF)


def test_a_bundled_routine_shows_its_figure_in_braille(terminal):
    pane = terminal("run", "gentle-floor")
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("None of these")
    pane.send("c")
    pane.wait_for("how is your pain")
    pane.send("Escape")
    pane.wait_for("Step 1/")
    lines = pane.settled(lambda lines: braille(lines) >= 20)
    assert braille(lines) >= 20, "\n".join(lines)  # a figure, not a stray dot
    assert lines[-1].lstrip().startswith("! Warning signs")
    no_traceback(pane)
