"""`unknot status` against saved states, as a status bar runs it: a real process, the real saved
files, the wall clock frozen by libfaketime at a known moment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, faked_time
from unknot.core.clock import FakeClock
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.core.text import one_line
from unknot.store.timers import TimerStore

NOW = 1_780_315_200.0  # 2026-06-01 12:00:00 UTC, the moment every run here sees
FAKETIME = "2026-06-01 12:00:00"


@pytest.fixture
def utc() -> dict[str, str]:
    """The environment for the runs, in one time zone so the frozen moment reads the same."""
    return {**os.environ, "TZ": "UTC"}


@pytest.fixture
def status(utc):
    """Runs `unknot status` on a data folder at the frozen moment NOW."""

    def run(data: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "unknot", "status", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=faked_time(FAKETIME, utc | {"UNKNOT_DATA_DIR": str(data)}),
            cwd=str(ROOT),
        )

    return run


def save_pack(data: Path, kind: str, started_ago: float, on: float = 1200) -> Therapy:
    clock = FakeClock(wall=NOW - started_ago)
    therapy = Therapy(TherapySpec(kind, on=on, off=1200), clock)
    therapy.start()
    TimerStore(data).save_therapy(therapy)
    return therapy


def save_reminders(data: Path, *add) -> None:
    book = ReminderBook()
    for make in add:
        make(book)
    TimerStore(data).save_reminders(book)


def test_nothing_running_prints_nothing(tmp_path, status):
    result = status(tmp_path / "data")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_pack_on_shows_its_time_left(tmp_path, status):
    save_pack(tmp_path, "ice", started_ago=355)
    result = status(tmp_path)
    assert result.stdout == "❄ 14:05 left\n"
    assert status(tmp_path, "--format", "{kind} {pack_left}").stdout == "ice 14:05\n"


def test_an_overdue_pack_says_remove_it_even_with_nothing_else_running(tmp_path, status):
    save_pack(tmp_path, "heat", started_ago=25 * 60)
    before = (tmp_path / "therapy.json").read_bytes()
    result = status(tmp_path)
    assert result.stdout == "⚠ REMOVE PACK\n"
    assert status(tmp_path, "--format", "[{pack_left}]").stdout == "[now]\n"
    assert (tmp_path / "therapy.json").read_bytes() == before  # only read, never written


def test_skin_rest_after_the_pack_is_off(tmp_path, status):
    therapy = save_pack(tmp_path, "heat", started_ago=11 * 60, on=600)
    therapy.clock.advance(10 * 60 + 30)
    therapy.update()
    therapy.removed()  # off 30 s before now
    TimerStore(tmp_path).save_therapy(therapy)
    assert status(tmp_path).stdout == "♨ skin rest 19:30\n"


def test_the_next_reminder_and_how_soon(tmp_path, status):
    save_reminders(
        tmp_path,
        lambda b: b.add_every(45 * 60, NOW - 600, "Time to move"),
        lambda b: b.add_once(3 * 3600, NOW, "Reapply heat"),
        lambda b: b.pause(b.add_once(60, NOW - 30, "Paused one"), NOW - 30),
    )
    assert status(tmp_path).stdout == "⏰ Time to move in 35m\n"
    shown = status(tmp_path, "--format", "{reminder_text}|{reminder_in}").stdout
    assert shown == "Time to move|35m\n"


def test_a_reminder_that_fell_due_with_the_program_closed_says_now(tmp_path, status):
    save_reminders(tmp_path, lambda b: b.add_once(60, NOW - 3600, "Reapply heat"))
    assert status(tmp_path).stdout == "⏰ Reapply heat now\n"


def test_the_pack_comes_before_the_reminder(tmp_path, status):
    save_pack(tmp_path, "ice", started_ago=60)
    save_reminders(tmp_path, lambda b: b.add_once(2 * 3600 + 5 * 60, NOW, "Walk"))
    assert status(tmp_path).stdout == "❄ 19:00 left  ⏰ Walk in 2h05m\n"
    shown = status(tmp_path, "--format", "#[bold]{pack}#[default] {{{reminder_in}}}").stdout
    assert shown == "#[bold]❄ 19:00 left#[default] {2h05m}\n"


def test_reminder_words_can_not_reach_the_terminal_as_controls(tmp_path, status):
    raw = "Move\x1b]0;owned\x07\n now"
    save_reminders(tmp_path, lambda b: b.add_once(600, NOW, raw))
    shown = status(tmp_path, "--format", "{reminder_text}").stdout
    assert shown == one_line(raw) + "\n"  # the one sanitizer
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", shown)
    assert shown.startswith("Move") and shown.endswith("now\n")


def test_an_unknown_placeholder_is_a_usage_error_that_names_the_real_ones(tmp_path, status):
    result = status(tmp_path, "--format", "{pack} {left}")
    assert result.returncode == 2
    assert "no placeholder {left}" in result.stderr
    assert "{pack_left}" in result.stderr and result.stdout == ""


def test_help_documents_every_placeholder():
    result = subprocess.run(
        [sys.executable, "-m", "unknot", "status", "--help"],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    )
    for name in ("pack", "pack_left", "kind", "reminder", "reminder_text", "reminder_in"):
        assert f"{{{name}}}" in result.stdout
    assert "status-right" in result.stdout  # the tmux line


def test_a_damaged_saved_state_is_reported_not_fatal(tmp_path, status):
    (tmp_path / "therapy.json").write_text('{"kind": "ice", "phase": "on"')
    save_reminders(tmp_path, lambda b: b.add_once(600, NOW, "Walk"))
    result = status(tmp_path)
    assert result.returncode == 0
    assert result.stdout == "⚠ PACK MAY BE ON  ⏰ Walk in 10m\n"  # it may be on, uncounted
    assert "therapy.json could not be used" in result.stderr


LEAN = """
import sys
from unknot.cli import main
code = main(["status"])
heavy = ("textual", "sqlite3", "_sqlite3", "yaml", "rich", "unknot.tui", "unknot.plain")
loaded = sorted(m for m in sys.modules if m.startswith(heavy))
print(code, loaded)
"""


def test_status_loads_no_ui_no_history_and_no_settings(tmp_path):
    save_pack(tmp_path, "ice", started_ago=60)
    result = subprocess.run(
        [sys.executable, "-c", LEAN],
        capture_output=True,
        text=True,
        env={**os.environ, "UNKNOT_DATA_DIR": str(tmp_path)},
        cwd=str(ROOT),
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr
