"""`unknot programme`, `unknot today` and `unknot programme remind|stop` in the real program:
each a process of its own on one data folder, with the wall clock frozen by libfaketime on
Wednesday 25 November 2026 at noon (UTC), so what is due does not depend on the day the tests
run. The history is a real SQLite file, the reminders the real saved file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, faked_time
from unknot.store.history import Store
from unknot.store.programmes import FollowedProgramme
from unknot.store.timers import TimerStore

FAKETIME = "2026-11-25 12:00:00"  # a Wednesday, in week 1 of a programme begun on Monday
MORNING = dt.datetime(2026, 11, 25, 9, tzinfo=dt.timezone.utc).timestamp()


@pytest.fixture
def unknot(tmp_path: Path):
    """Runs `unknot ARGS` at the frozen moment, on the data folder tmp_path/data."""
    env = faked_time(
        FAKETIME,
        {"TZ": "UTC", "UNKNOT_DATA_DIR": str(tmp_path / "data"), "DONT_FAKE_MONOTONIC": "1"},
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "unknot", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=str(ROOT),
        )

    return run


def done_this_morning(data: Path) -> None:
    """The floor routine completed at 09:00 today, as a run records it."""
    store = Store(data)
    row = store.start_session("gentle-floor", "Gentle floor release", "f", MORNING, 7, 3)
    store.progress(row, 7)
    store.end_session(row, MORNING + 380, "completed")
    store.close()


def test_start_today_remind_and_stop_a_programme(tmp_path, unknot):
    data = tmp_path / "data"
    listed = unknot("programme")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "  gentle-six-weeks   6 weeks  bundled  Gentle six weeks",
        "Start one: unknot programme start ID",
    ]

    started = unknot("programme", "start", "gentle-six-weeks", "--on", "2026-11-23")
    assert started.returncode == 0, started.stderr
    lines = started.stdout.splitlines()
    assert lines[0] == "You follow Gentle six weeks: 6 weeks, 23 November 2026 to 03 January 2027."
    assert "  Desk break: once a day on weekdays" in lines
    # the same routine planned again is a further session, not a line said twice
    assert (
        "  Gentle floor release: once a day every day, from week 3 "
        "(a further session a day, on top of its first line)"
    ) in lines
    assert any(line.startswith("Source: ") for line in lines)
    following = FollowedProgramme(data).current()
    assert following is not None
    assert (following.programme, following.started) == ("gentle-six-weeks", dt.date(2026, 11, 23))
    assert (
        unknot("programme").stdout.splitlines()[-1]
        == "* the one you follow, since 23 November 2026"
    )

    done_this_morning(data)
    today = unknot("today")
    assert today.returncode == 0, today.stderr
    assert today.stdout.splitlines() == [
        "Gentle six weeks — week 1 of 6 (started 23 November 2026)",
        "Today, Wednesday 25 November:",
        "  done        Gentle floor release",
        "  not yet     Desk break            unknot run desk-break",
        "Not done yesterday: Gentle floor release, Desk break",
        "This week: 1 of 6 due so far (17%), 12 planned this week · streak: 0 days",
    ]

    reminded = unknot("programme", "remind", "18:00,09:00")
    assert reminded.returncode == 0, reminded.stderr
    assert reminded.stdout.splitlines()[:2] == [
        "Added: Time for today's session — every day at 09:00, next in 21:00:00",
        "Added: Time for today's session — every day at 18:00, next in 6:00:00",
    ]
    saved = TimerStore(data).load_reminders().reminders
    assert [(r.at, r.every, r.follows) for r in saved] == [
        (9 * 60, 86400, "gentle-six-weeks"),
        (18 * 60, 86400, "gentle-six-weeks"),
    ]

    stopped = unknot("programme", "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout == (
        "You no longer follow 'gentle-six-weeks', and removed its 2 reminders. "
        "Your history is kept.\n"
    )
    assert FollowedProgramme(data).current() is None
    assert TimerStore(data).load_reminders().reminders == []
    store = Store(data)
    kept = [(s.routine_id, s.outcome, s.segments_done) for s in store.sessions()]
    store.close()
    assert kept == [("gentle-floor", "completed", 7)]


def test_unknown_id_bad_date_and_bad_times_change_nothing(tmp_path, unknot):
    data = tmp_path / "data"
    unknown = unknot("programme", "start", "gentle-sixweeks")
    assert unknown.returncode == 1  # as `unknot run` of an unknown routine
    assert unknown.stderr == (
        "unknot programme: no programme 'gentle-sixweeks'; 'unknot programme' lists them\n"
    )
    bad_day = unknot("programme", "start", "gentle-six-weeks", "--on", "23/11/2026")
    assert bad_day.returncode == 2
    assert "Invalid value for --on: '23/11/2026' is not a date like 2026-11-02" in bad_day.stderr
    assert FollowedProgramme(data).current() is None

    assert unknot("programme", "start", "gentle-six-weeks").returncode == 0
    following = FollowedProgramme(data).current()
    assert following is not None and following.started == dt.date(2026, 11, 25)  # today
    for times, wrong in (("9am", "9am"), ("10:00,25:00", "25:00")):
        bad_time = unknot("programme", "remind", times)
        assert bad_time.returncode == 2
        assert f"Invalid value for TIMES: '{wrong}' is not a time like 09:00" in bad_time.stderr
    assert TimerStore(data).load_reminders().reminders == []  # none of a bad list is added
