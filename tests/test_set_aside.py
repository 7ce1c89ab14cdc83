"""Saved files that are damaged fail safe, and each one moved aside is said once, clearly: by
the next command if the one that moved it had nowhere to say it."""

from __future__ import annotations

from tests.conftest import TEST_ROUTINES, make_context, run_cli
from tests.test_day_stop import at_local
from unknot.core.clock import FakeClock
from unknot.core.engine.prompts import SkinRestPrompt
from unknot.core.engine.therapy import TherapySpec
from unknot.services.runtime import VisitRuntime
from unknot.store.library import Library

QUICK = str(TEST_ROUTINES / "quick.yaml")


def test_a_damaged_checks_file_never_skips_the_skin_rest(tmp_path):
    clock = FakeClock()
    context = make_context(tmp_path, clock)
    context.remembered.remember_skin_off(clock.wall())  # a pack came off just now
    (tmp_path / "checks.json").write_text('{"skin_off": "soon"}')  # and then it was damaged
    clock.advance(60)
    runtime = VisitRuntime(context, Library([]))
    assert any("checks.json" in p and "skin rest" in p for p in runtime.problems)  # for a face
    assert runtime.visit.start_therapy(TherapySpec("ice", 1200, 1200)) is None
    runtime.settle()
    assert runtime.visit.therapy is None  # not on at once: the skin rests first
    assert any(isinstance(p, SkinRestPrompt) for p in runtime.visit.prompts())
    # and a second start, later, still waits out the rest counted from the damage
    clock.advance(600)
    again = VisitRuntime(make_context(tmp_path, clock, daily_done=False), Library([]))
    again.visit.start_therapy(TherapySpec("ice", 1200, 1200))
    again.settle()
    assert again.visit.therapy is None
    assert any(isinstance(p, SkinRestPrompt) for p in again.visit.prompts())


def test_a_checks_file_that_cant_be_read_starts_no_pack_today(tmp_path):
    """Cut short, it can't say whether the skin was normal after the last pack today: no
    pack starts until midnight, and the refusal says why."""
    clock = FakeClock(wall=at_local(10))
    context = make_context(tmp_path, clock)
    context.remembered.remember_skin_off(clock.wall())
    (tmp_path / "checks.json").write_text('{"skin_off": ')
    clock.advance(60)
    runtime = VisitRuntime(context, Library([]))
    why = runtime.visit.start_therapy(TherapySpec("ice", 1200, 1200))
    assert why is not None and why.startswith("unknot could not read whether your skin")
    assert runtime.visit.therapy is None
    assert not any(isinstance(p, SkinRestPrompt) for p in runtime.visit.prompts())  # no wait
    runtime.settle()
    clock.jump_wall(at_local(23, 59) - clock.wall())  # still today, in a copy started later
    again = VisitRuntime(make_context(tmp_path, clock, daily_done=False), Library([]))
    assert again.visit.start_therapy(TherapySpec("heat")) is not None
    clock.jump_wall(at_local(0, 1) + 86400 - clock.wall())  # tomorrow
    tomorrow = VisitRuntime(make_context(tmp_path, clock, daily_done=False), Library([]))
    assert tomorrow.visit.start_therapy(TherapySpec("heat")) is None


def test_a_damaged_checks_file_is_said_by_the_command_that_found_it(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    (tmp_path / "checks.json").write_text("[1, 2]")
    result = run_cli("run", QUICK, "--plain", "--speed", "100", env=env)
    said = [line for line in result.stderr.splitlines() if "checks.json" in line]
    assert len(said) == 1, result.stderr
    assert "moved to" in said[0] and "skin rest" in said[0]
    assert "checks.json" not in run_cli("remind", env=env).stderr  # once


def test_a_damaged_programme_file_is_said_not_silently_forgotten(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    (tmp_path / "programme.json").write_text('{"programme": 3}')
    result = run_cli("today", env=env)
    assert "You follow no programme" in result.stdout
    said = [line for line in result.stderr.splitlines() if "programme.json" in line]
    assert len(said) == 1 and "moved to" in said[0] and "programme start" in said[0]
    assert "programme.json" not in run_cli("today", env=env).stderr  # once


def test_a_file_set_aside_where_nothing_could_say_it_is_said_by_the_next_command(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    (tmp_path / "reminders.json").write_text("{damaged")
    run_cli("status", env=env)  # a status bar: its stderr is never seen
    assert not (tmp_path / "reminders.json").exists()
    result = run_cli("signs", env=env)
    said = [line for line in result.stderr.splitlines() if "reminders.json" in line]
    assert len(said) == 1 and "moved to" in said[0] and "add them again" in said[0]
    assert "reminders.json" not in run_cli("signs", env=env).stderr


def test_a_history_moved_aside_unseen_is_said_by_the_next_command(tmp_path):
    from unknot.store.history import Store

    (tmp_path / "history.db").write_bytes(b"not a database at all " * 100)
    Store(tmp_path, sqlite_cli=None).db.close()  # found by something with nowhere to say it
    result = run_cli("signs", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    said = [line for line in result.stderr.splitlines() if "history file" in line]
    assert len(said) == 1 and "moved to" in said[0], result.stderr
