"""A programme kept for six weeks on the fake clock, through a daylight-saving change: the
schedule, the progression week by week, adherence and the streak from a real history file,
the function scale from the same file, and `unknot today` in a real process in another zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from tests.conftest import BUNDLED, faked_time
from unknot.core.clock import FakeClock
from unknot.core.engine.adherence import DONE, ENDED_EARLY, LATER, MISSED, NOT_YET, Adherence
from unknot.core.format.programme import planned, progressed, week_of
from unknot.core.format.routine import Stretch
from unknot.store.history import Store
from unknot.store.library import Library
from unknot.store.programmes import FollowedProgramme, find
from unknot.store.report import function_scores
from unknot.store.today import kept_sessions, today_for, today_lines

LONDON = ZoneInfo("Europe/London")
START = dt.date(2026, 10, 12)  # a Monday; British summer time ends on Sunday 25 October
LIBRARY = Library([("bundled", BUNDLED)])


def at(day: dt.date, hour: int, minute: int = 0) -> float:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).timestamp()


def six_weeks():
    entry = find(LIBRARY, "gentle-six-weeks")
    assert entry is not None and entry.programme is not None
    return entry.programme


def test_the_schedule_over_six_weeks():
    programme = six_weeks()
    days = [START + dt.timedelta(days=i) for i in range(42)]
    counts = [len(planned(programme, START, d)) for d in days]
    # week 1-2: the floor routine daily, the desk break on weekdays
    assert counts[:7] == [2, 2, 2, 2, 2, 1, 1]
    # week 3: the floor routine twice a day; week 4: morning mobility on Mon, Wed, Fri
    assert counts[14:21] == [3, 3, 3, 3, 3, 2, 2]
    assert counts[21:28] == [4, 3, 4, 3, 4, 2, 2]
    assert planned(programme, START, START + dt.timedelta(days=42)) == []
    assert planned(programme, START, START - dt.timedelta(days=1)) == []
    assert [week_of(programme, START, d) for d in days[::7]] == [1, 2, 3, 4, 5, 6]


def test_progression_week_by_week_never_past_the_limits():
    programme = six_weeks()
    floor = LIBRARY.find("gentle-floor").routine
    holds = []
    for week in range(1, 7):
        routine, clamps = progressed(programme, floor, week)
        knee = next(s for s in routine.steps if isinstance(s, Stretch))
        holds.append((knee.hold, knee.reps))
        assert not clamps
        assert "Pain that is worse the day after a session than before it" in routine.stop_if
    assert holds == [(5, 5), (10, 5), (10, 7), (10, 7), (15, 7), (15, 7)]


def keep_six_weeks(store: Store, clock: FakeClock) -> None:
    """Every planned session done at 09:00, 13:00, 17:00, 21:00 local time, except: week 2's
    Wednesday missed, and its Thursday's first session ended early. On week 2's Tuesday the
    first one starts at 00:30 (summer time: Monday 23:30 in UTC), and on Sunday 25 October,
    when the clocks go back, at 01:30 the second time round."""
    programme = six_weeks()
    for i in range(42):
        day = START + dt.timedelta(days=i)
        if day == START + dt.timedelta(days=9):  # week 2, Wednesday: nothing done
            continue
        for n, slot in enumerate(planned(programme, START, day)):
            when = at(day, 9 + 4 * n)
            if day == START + dt.timedelta(days=8) and n == 0:
                when = at(day, 0, 30)
            if day == dt.date(2026, 10, 25):
                when = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.timezone.utc).timestamp()
            clock.advance(when - clock.wall())
            row = store.start_session(slot.routine, slot.routine, "f", clock.wall(), 5)
            early = day == START + dt.timedelta(days=10) and n == 0
            store.end_session(row, clock.wall() + 300, "ended-early" if early else "completed")
        if i % 7 == 0:
            clock.advance(at(day, 22) - clock.wall())
            store.function_rating(clock.wall(), (("putting on socks", 3 + i // 7), ("walking", 5)))


def test_adherence_and_the_streak_from_a_real_history(tmp_path):
    clock = FakeClock(wall=at(START, 8))
    store = Store(tmp_path)
    keep_six_weeks(store, clock)
    store.close()
    store = Store(tmp_path)  # read back from the file
    sessions = kept_sessions(store, 0)
    programme = six_weeks()
    last = START + dt.timedelta(days=41)
    record = Adherence(programme, START, sessions, last, LONDON)
    weeks = record.weeks()
    assert [(w.done, w.planned) for w in weeks] == [
        (12, 12),
        (9, 12),  # Wednesday's 2 missed, Thursday's first ended early
        (19, 19),
        (22, 22),
        (22, 22),
        (22, 22),
    ]
    assert weeks[1].ended_early == 1
    assert [s.state for s in record.day(START + dt.timedelta(days=9))] == [MISSED, MISSED]
    assert [s.state for s in record.day(START + dt.timedelta(days=10))] == [ENDED_EARLY, DONE]
    assert [s.state for s in record.day(START + dt.timedelta(days=8))] == [DONE, DONE]
    assert [s.state for s in record.day(dt.date(2026, 10, 25))] == [DONE]
    assert record.streak() == 31  # from Friday 23 October, the day after the one ended early
    # Read in UTC, Tuesday's 00:30 session was Monday's (a second one that day): Tuesday's
    # floor session is missed
    in_utc = Adherence(programme, START, sessions, last, dt.timezone.utc)
    assert in_utc.weeks()[1].done == 8
    assert in_utc.day(START + dt.timedelta(days=8))[0].state == MISSED
    # on a day in the middle, the later sessions are still to come
    so_far = [s for s in sessions if s.started < at(START + dt.timedelta(days=3), 12)]
    middle = Adherence(programme, START, so_far, START + dt.timedelta(days=3), LONDON)
    assert [s.state for s in middle.day(START + dt.timedelta(days=4))] == [LATER, LATER]
    assert middle.weeks()[0].due == 8 and middle.weeks()[0].planned == 12
    scores = function_scores(store, 0)
    assert [round(avg, 1) for _, avg, _ in scores] == [4.0, 4.5, 5.0, 5.5, 6.0, 6.5]


def test_a_day_not_yet_done_and_what_today_says(tmp_path):
    clock = FakeClock(wall=at(START + dt.timedelta(days=15), 12))  # week 3, Tuesday noon
    store = Store(tmp_path)
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", START)
    row = store.start_session("gentle-floor", "Gentle floor release", "f", at(START, 9), 5)
    store.end_session(row, at(START, 9, 5), "completed")
    today = today_for(tmp_path, LIBRARY, store, clock.wall(), LONDON)
    assert today is not None and today.adherence is not None
    assert [s.state for s in today.adherence.due_today()] == [NOT_YET] * 3
    assert today.adherence.next_due() == "gentle-floor"
    lines = today_lines(today)
    assert lines[0] == "Gentle six weeks — week 3 of 6 (started 12 October 2026)"
    assert lines[2] == "  not yet     Gentle floor release (1 of 2)  unknot run gentle-floor"
    assert lines[-1].startswith("This week: 0 of 6 due so far (0%), 19 planned this week")
    knee = next(s for s in today.routine("gentle-floor").steps if isinstance(s, Stretch))
    assert (knee.hold, knee.reps) == (10, 7)  # week 3's progression


def test_today_in_a_real_process_in_another_time_zone(tmp_path):
    """The process's own zone decides the day: at 00:30 on Sunday 25 October in London it is
    still Saturday in New York."""
    data = tmp_path / "data"
    FollowedProgramme(data).follow("gentle-six-weeks", START)
    Store(data).close()
    # 23:30 UTC on the 24th: 00:30 on Sunday in London, 19:30 Saturday in New York, each
    # written as that zone's own time, which is how libfaketime reads it
    for zone, when, day in (
        ("Europe/London", "2026-10-25 00:30:00", "Sunday 25 October"),
        ("America/New_York", "2026-10-24 19:30:00", "Saturday 24 October"),
    ):
        env = {"TZ": zone, "UNKNOT_DATA_DIR": str(data), "DONT_FAKE_MONOTONIC": "1"}
        result = run_cli_in_time(when, env)
        assert result.returncode == 0, result.stderr
        assert f"Today, {day}:" in result.stdout


def run_cli_in_time(when: str, env: dict[str, str]):
    import subprocess
    import sys

    from tests.conftest import ROOT

    return subprocess.run(
        [sys.executable, "-m", "unknot", "today"],
        capture_output=True,
        text=True,
        timeout=60,
        env=faked_time(when, env),
        cwd=str(ROOT),
    )
