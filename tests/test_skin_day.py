"""After a skin check answered "not normal", no cold or heat pack starts again that day: not
from the library, not from the command line, not as a routine's step; across a restart and a
second copy; until local midnight, whatever the wall clock is set to."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import BUNDLED, make_context, routine_from, run_cli
from tests.test_day_stop import at_local, killed, read_and_answer
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import Kind, build_plan
from unknot.core.engine.prompts import (
    DailyAnswer,
    DailyCheckPrompt,
    MessagePrompt,
    PainPrompt,
    RemovePackPrompt,
    Saved,
    SkinCheckPrompt,
    SkinRestAnswer,
    SkinRestPrompt,
)
from unknot.core.engine.session import Outcome
from unknot.core.engine.therapy import TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.daystop import local_day
from unknot.core.safety.signs import emergency_number, load_catalogue
from unknot.core.safety.skinday import SkinDay
from unknot.services.runtime import VisitRuntime
from unknot.services.status import status_line
from unknot.store.checks import Remembered
from unknot.store.library import Library

CATALOGUE = load_catalogue()
GB = emergency_number(None, "GB")
COLD = routine_from(
    """version: 1
name: Cold
steps:
  - note: Ready.
  - ice: Cool the back
    on: 2m
    off: 20m
  - note: After.
""",
    "cold",
)
NOT_TODAY = "Don't put a cold or heat pack on again today."


def hurt_by(visit: Visit, clock: FakeClock, kind: str = "ice", speed: float = 1.0) -> None:
    """A pack on for 10 minutes, off, the skin rest, and the skin check: not normal."""
    assert visit.start_therapy(TherapySpec(kind, 600, speed=speed)) is None
    clock.advance(600 / speed)
    visit.update()
    front = visit.prompt
    assert isinstance(front, RemovePackPrompt)
    assert visit.answer(front, None) is None
    clock.advance(1200 / speed)
    visit.update()
    front = visit.prompt
    assert isinstance(front, SkinCheckPrompt)
    assert visit.answer(front, False) is None
    read_and_answer(visit, clock)  # the stop, with its first aid, read
    assert visit.therapy is None and visit.prompt is None


def rested(clock: FakeClock, visit: Visit) -> None:
    """Long past the 20-minute skin rest."""
    clock.advance(3600)
    visit.update()


def refused(visit: Visit, kind: str = "heat") -> str:
    why = visit.start_therapy(TherapySpec(kind))
    assert why is not None
    assert visit.therapy is None
    assert not any(isinstance(p, SkinRestPrompt) for p in visit.prompts())  # no wait either
    return why


def test_no_pack_starts_again_the_day_the_skin_was_not_normal():
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB)
    hurt_by(visit, clock, "ice")  # checked at 10:30
    rested(clock, visit)
    why = visit.why_not_therapy()  # what a face asks before it offers the lengths
    assert why is not None
    assert why.startswith(f"Your skin was not normal after the cold pack at 10:30. {NOT_TODAY}")
    assert "Warm the skin gently" in why  # what to do, from the first aid
    assert refused(visit, "heat") == why  # nor heat: any pack
    assert refused(visit, "ice") == why


def test_a_routine_goes_on_past_its_cold_step_and_says_why():
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB)
    hurt_by(visit, clock, "heat")
    rested(clock, visit)
    assert visit.start_routine(build_plan(COLD)) is None  # a routine may still be done
    front = visit.prompt
    assert isinstance(front, DailyCheckPrompt)
    assert visit.answer(front, DailyAnswer.NONE_OF_THESE) is None
    front = visit.prompt
    assert isinstance(front, PainPrompt)
    assert visit.answer(front, 3) is None
    session = visit.session
    assert session is not None
    visit.go_on()  # past "Ready."
    assert visit.therapy is None and not any(isinstance(p, SkinRestPrompt) for p in visit.prompts())
    said = visit.prompt
    assert isinstance(said, MessagePrompt) and said.title == "No cold or heat today"
    assert said.text.startswith("Your skin was not normal after the heat pack at 10:30.")
    assert session.segment.kind is Kind.NOTE and session.segment.step.title == "After."
    assert visit.answer(said, None) is None
    visit.go_on()
    assert session.outcome is Outcome.COMPLETED


def test_it_holds_across_a_restart_until_midnight():
    clock = FakeClock(wall=at_local(21, 0))
    visit = Visit(clock, CATALOGUE, GB)
    hurt_by(visit, clock, "ice")
    assert visit.dirty >= {"skin"}
    clock.advance(at_local(23, 59) - clock.wall())
    again = Visit(clock, CATALOGUE, GB, saved=visit.saved())
    assert refused(again).startswith("Your skin was not normal after the cold pack at 21:30.")
    clock.advance(120)  # past midnight
    tomorrow = Visit(clock, CATALOGUE, GB, saved=again.saved())
    assert tomorrow.start_therapy(TherapySpec("heat")) is None
    assert tomorrow.therapy is not None


def test_a_clock_set_back_keeps_it_and_one_set_past_midnight_ends_it():
    clock = FakeClock(wall=at_local(9, 0))
    visit = Visit(clock, CATALOGUE, GB)
    hurt_by(visit, clock, "ice")
    clock.jump_wall(-2 * 86400)  # set back two days
    refused(visit)
    clock.jump_wall(2 * 86400 + 14 * 3600)  # then forward to 23:30 the same day
    refused(visit)
    clock.jump_wall(3600)  # and past midnight, which ends it as midnight would
    assert visit.start_therapy(TherapySpec("ice")) is None
    assert visit.therapy is not None


def test_a_preview_skin_check_not_normal_holds_the_day_too():
    """The skin is the person's, whatever the timer's speed."""
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB)
    hurt_by(visit, clock, "ice", speed=50)
    refused(visit)
    assert visit.saved().skin_problem is not None


def test_a_skin_rest_waited_out_when_the_day_began_elsewhere_starts_nothing():
    """A wait for the skin to rest, begun before this copy learned of the skin check: its
    'apply now' starts nothing either."""
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB, saved=Saved(skin_off=clock.wall() - 60))
    assert visit.start_therapy(TherapySpec("ice")) is None
    wait = visit.prompt
    assert isinstance(wait, SkinRestPrompt)
    visit.skin_problem = SkinDay.checked("heat", clock.wall())
    clock.advance(1200)
    visit.update()
    wait = visit.prompt
    assert isinstance(wait, SkinRestPrompt)
    assert visit.answer(wait, SkinRestAnswer.APPLY) is None
    assert visit.therapy is None
    said = visit.prompt
    assert isinstance(said, MessagePrompt) and NOT_TODAY in said.text


# -- through the real files ----------------------------------------------------------------


def start_the_program(tmp_path, clock: FakeClock) -> VisitRuntime:
    runtime = VisitRuntime(make_context(tmp_path, clock), Library([("bundled", BUNDLED)]))
    runtime.settle()
    return runtime


def test_it_is_saved_and_holds_in_a_restart_and_in_a_second_copy(tmp_path):
    clock = FakeClock(wall=at_local(10, 0))
    first = start_the_program(tmp_path, clock)
    hurt_by(first.visit, clock, "ice")
    first.settle()
    saved = json.loads((tmp_path / "checks.json").read_text())["skin_problem"]
    assert saved["kind"] == "ice" and saved["day"] == "2026-06-01"
    rested(clock, first.visit)
    second = start_the_program(tmp_path, clock)  # another copy, open beside the first
    assert refused(second.visit).startswith("Your skin was not normal after the cold pack")
    assert status_line(tmp_path, clock=clock)[0] == "no pack today"
    second.close()
    killed(second)
    killed(first)
    restarted = start_the_program(tmp_path, clock)
    assert refused(restarted.visit).startswith("Your skin was not normal after the cold pack")


def test_a_later_save_by_a_copy_that_knew_of_none_keeps_it(tmp_path):
    """The other copy's own saves of the skin never forget one it did not know of."""
    clock = FakeClock(wall=at_local(10, 0))
    remembered = Remembered(tmp_path, wall=clock.wall)
    later = SkinDay.checked("heat", clock.wall())
    remembered.remember_skin_problem(later)
    remembered.remember_skin_problem(SkinDay.checked("ice", clock.wall() - 600))
    remembered.remember_skin_problem(None)
    remembered.remember_skin_off(clock.wall())
    assert Remembered(tmp_path).skin_problem() == later


@pytest.mark.parametrize(
    "damaged",
    [
        {"at": "ten", "day": "2026-06-01", "kind": "ice"},
        {"at": 1e300, "day": "2026-06-01", "kind": "ice"},
        {"at": 1.78e9, "day": "yesterday", "kind": "ice"},
        {"at": 1.78e9, "day": "2026-06-01", "kind": "steam"},
        ["not", "one"],
        "2026-06-01",
    ],
)
def test_a_damaged_saved_skin_check_starts_no_pack_today(tmp_path, damaged):
    clock = FakeClock(wall=at_local(10, 0))
    context = make_context(tmp_path, clock)
    (tmp_path / "checks.json").write_text(json.dumps({"skin_problem": damaged}))
    runtime = VisitRuntime(context, Library([("bundled", BUNDLED)]))  # no crash
    assert any("checks.json" in p for p in runtime.problems)
    why = refused(runtime.visit)
    assert why.startswith("unknot could not read whether your skin was normal")
    clock.advance(at_local(0, 1) + 86400 - clock.wall())  # tomorrow
    assert start_the_program(tmp_path, clock).visit.start_therapy(TherapySpec("ice")) is None


def test_unknot_ice_refuses_on_the_command_line(tmp_path):
    now = time.time()
    Remembered(tmp_path).remember_skin_problem(SkinDay(now, local_day(now), "heat"))
    result = run_cli("ice", "--plain", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1, result.stderr
    when = time.strftime("%H:%M", time.localtime(now))
    assert f"not now: Your skin was not normal after the heat pack at {when}." in result.stdout
    assert NOT_TODAY in result.stdout
    assert "Cool a blister or burn under cool running water" in result.stdout
    assert "ON for" not in result.stdout  # no timer started
    assert not (tmp_path / "therapy.json").exists()
