"""The line face as a new user meets it: what it says last."""

from __future__ import annotations

from tests.conftest import make_plain, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan

HOLD = routine_from(
    "version: 1\nname: Hold\nsteps:\n  - stretch: Hold still\n    hold: 5m\n", "hold"
)


def test_after_an_emergency_stop_the_last_line_says_what_to_do(tmp_path):
    clock = FakeClock()
    # The day's check (none), pain 3, then ! and the chest pain sign, and e once it is armed.
    face, out = make_plain(tmp_path, clock, "c\n3\n!\n6\ne\n", pause=2.5, number="999")
    assert face.visit.start_routine(build_plan(HOLD)) is None
    assert face.run(lambda: face.visit.session is None) == 0
    lines = out.getvalue().splitlines()
    assert any("SAFETY STOP ▲▲▲ EMERGENCY" in line for line in lines), lines
    assert lines[-1].split(" ", 1)[1] == "What to do now: Call 999 now. Don't drive yourself."


def test_a_routine_that_ends_well_has_no_such_last_line(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "c\n3\nq\ny\n\n", pause=1)
    assert face.visit.start_routine(build_plan(HOLD)) is None
    face.run(lambda: face.visit.session is None)
    assert "What to do now" not in out.getvalue()
