"""The history: real SQLite files, migrations, crashes, two writers, exports and the report."""

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest

from tests.conftest import ROOT, routine_from, run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import CheckInPrompt, DailyAnswer, Saved, StopAnswer
from unknot.core.engine.session import ending
from unknot.core.engine.therapy import TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.checkin import CheckIn
from unknot.core.safety.checkin import answer as ask
from unknot.core.safety.signs import Stop, emergency_number, load_catalogue, stop_for
from unknot.store.history import MIGRATIONS, VERSION, DiaryEntry, Store
from unknot.store.recorder import Recorder
from unknot.store.report import (
    KEEPS_COMING_BACK,
    NO_IMPROVEMENT,
    daily_pain,
    nudge,
    sessions_csv,
    streak,
    trend_series,
)
from unknot.store.report_markdown import report

ROUTINE = "version: 1\nname: Floor\nsteps:\n  - rest: 10s\n  - check: How?\n  - rest: 10s\n"
DAY = 86400
BLADDER = (
    r"You can't pass urine, or have trouble starting or stopping; you are leaking urine or "
    "stool; or you can't feel when your bladder is full."
)


def test_a_new_file_gets_the_latest_schema_privately(tmp_path):
    store = Store(tmp_path / "data")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == VERSION == 5
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700


@pytest.mark.parametrize("version", range(1, VERSION))
def test_migrates_from_each_earlier_version_keeping_the_data(tmp_path, version):
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    for number in range(version):
        db.executescript(MIGRATIONS[number])
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(
        "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, "
        "segments_total) VALUES ('old', 'Old one', 'f', 100.0, 5)"
    )
    db.execute("INSERT INTO checkins (session_id, at, pain) VALUES (1, 101.0, 4)")
    db.commit()
    db.close()
    store = Store(tmp_path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    (row,) = store.sessions()
    assert (row.routine_name, row.pain_before) == ("Old one", None)
    assert store.rows("checkins")[0]["pain"] == 4
    store.diary(DiaryEntry(at=200.0, pain=3))  # the newest table is there too
    assert store.diary_entries()[0].pain == 3


def test_a_file_from_a_newer_version_is_set_aside_not_damaged(tmp_path):
    db = sqlite3.connect(tmp_path / "history.db")
    db.execute(f"PRAGMA user_version = {VERSION + 1}")
    db.close()
    store = Store(tmp_path)
    assert "newer unknot" in store.problem
    assert any(p.name.startswith("history.db.corrupt-") for p in tmp_path.iterdir())


def test_a_corrupt_file_is_moved_aside_and_a_new_one_started(tmp_path):
    (tmp_path / "history.db").write_bytes(b"this is not a database" * 100)
    store = Store(tmp_path)
    assert "was damaged" in store.problem and "moved to" in store.problem
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("history.db.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert store.sessions() == []
    result = run_cli("history", env={"UNKNOT_DATA_DIR": str(tmp_path / "other")})
    assert result.returncode == 0


def test_the_program_carries_on_with_a_corrupt_history(tmp_path):
    (tmp_path / "history.db").write_bytes(b"\x00garbage" * 500)
    routine = tmp_path / "tiny.yaml"
    routine.write_text("version: 1\nname: Tiny\nsteps:\n  - rest: 1s\n")
    result = run_cli(
        "run", str(routine), "--plain", stdin="c\n\n", env={"UNKNOT_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0
    assert "history file was damaged" in result.stdout
    assert "done: Tiny completed" in result.stdout
    assert len(Store(tmp_path).sessions()) == 1


WRITER = """
import sys
from pathlib import Path
from unknot.store.history import Store
store = Store(Path(sys.argv[1]))
for i in range(150):
    store.check_in(None, float(i), i % 11, [], sys.argv[2])
"""


def test_two_copies_writing_at_once_do_not_crash_each_other(tmp_path):
    Store(tmp_path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), name],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
    notes = [row["note"] for row in Store(tmp_path).rows("checkins")]
    assert notes.count("a") == 150 and notes.count("b") == 150


def recorded_visit(store: Store, clock: FakeClock) -> Visit:
    """A visit whose records go into `store`, as the program wires it."""
    visit = Visit(clock, load_catalogue(), emergency_number(None, "GB"))
    visit.subscribe(Recorder(store).heard)
    return visit


def answer(visit: Visit, value: object) -> None:
    prompt = visit.prompt
    assert prompt is not None
    assert visit.answer(prompt, value) is None, prompt


def run_session(store: Store, clock: FakeClock, text: str = ROUTINE, pains=(3, 2)):
    visit = recorded_visit(store, clock)
    visit.start_routine(build_plan(routine_from(text)))
    answer(visit, DailyAnswer.NONE_OF_THESE)  # the day's check
    answer(visit, pains[0])
    while visit.session is not None:
        prompt = visit.prompt
        if isinstance(prompt, CheckInPrompt):
            answer(visit, CheckIn(pains[0], tuple(ask(q, False) for q in prompt.questions)))
            continue
        clock.advance(1)
        visit.update()
    answer(visit, pains[1])  # after
    return store.sessions()[-1].id


def test_every_event_is_recorded_as_it_happens(tmp_path):
    clock = FakeClock()
    store = Store(tmp_path)
    visit = recorded_visit(store, clock)
    visit.start_routine(build_plan(routine_from(ROUTINE)))
    answer(visit, DailyAnswer.NONE_OF_THESE)
    answer(visit, 4)
    session_id = store.sessions()[0].id
    clock.advance(10)
    visit.update()
    assert store.sessions()[0].segments_done == 2
    prompt = visit.prompt
    assert isinstance(prompt, CheckInPrompt)
    answer(visit, CheckIn(9, (ask(("Dizzy", True), True),)))  # 8 or more: a stop
    assert store.rows("checkins")[0]["pain"] == 9
    assert json.loads(store.rows("checkins")[0]["answers"]) == [["Dizzy", True, True]]
    assert store.rows("safety")[0]["level"] == "stop-exercise"
    clock.advance(3)
    answer(visit, StopAnswer.END)
    (row,) = store.sessions()
    assert (row.id, row.outcome, row.pain_before) == (session_id, "safety stop", 4)
    visit.start_therapy(TherapySpec("ice", 600))
    clock.advance(660)
    visit.update()
    answer(visit, None)  # it's off
    clock.advance(1200)
    visit.update()
    answer(visit, True)  # skin normal
    (use,) = store.rows("therapy")
    assert (use["kind"], use["planned_on"], use["overdue"], use["actual_on"], use["skin"]) == (
        "ice",
        600,
        60,
        660,
        "normal",
    )
    visit.report_stop(Stop("urgent", "Fever", "fever"))
    assert store.rows("safety")[-1]["session_id"] is None


def test_a_session_killed_with_sigkill_is_marked_interrupted_with_its_check_in(tmp_path):
    routine = tmp_path / "r.yaml"
    routine.write_text(ROUTINE.replace("rest: 10s\n  - check", "rest: 1s\n  - check"))
    env = {**os.environ, "UNKNOT_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "unknot", "run", str(routine), "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    proc.stdin.write("c\n3\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if "Pain now, 0 to 10 (Enter skips; q ends the routine):" in line and "Before" not in line:
            break
    proc.stdin.write("5\n")
    proc.stdin.flush()
    for line in proc.stdout:
        if "check-in: pain 5/10" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    store = Store(tmp_path)
    assert store.mark_interrupted() == 1
    (row,) = store.sessions()
    assert row.outcome == "interrupted" and row.pain_before == 3
    assert [c["pain"] for c in store.rows("checkins")] == [5]
    assert row.ended == store.rows("checkins")[0]["at"]


def test_a_session_still_running_in_another_copy_is_left_alone(tmp_path):
    store = Store(tmp_path)
    store.start_session("r", "R", "f", 1.0, 3)
    store.db.execute("UPDATE sessions SET pid = ?", (os.getppid(),))  # a live process
    assert store.mark_interrupted() == 0
    assert store.sessions()[0].outcome is None


@pytest.fixture
def a_week(tmp_path):
    """Seven days of sessions and diary entries, pain falling from 6 to 3."""
    start = dt.datetime(2026, 11, 1, 9, 0).timestamp()
    clock = FakeClock(wall=start)
    store = Store(tmp_path)
    for day in range(7):
        pain = 6 - day // 2
        run_session(store, clock, pains=(pain, pain - 1))
        store.diary(
            DiaryEntry(
                at=clock.wall(),
                pain=pain,
                location="lower back, left side",
                feels="aching",
                spasm_length="5 minutes" if day < 3 else "",
                stiffness=day < 4,
                medicines="my own tablets",
            )
        )
        clock.advance(DAY)
    return store, clock


def test_csv_export_of_a_known_week(a_week):
    store, _ = a_week
    lines = sessions_csv(store, 0).splitlines()
    assert lines[0] == (
        "started,ended,routine_id,routine,outcome,segments_done,"
        "segments_total,pain_before,pain_after"
    )
    assert len(lines) == 8
    assert lines[1].startswith("2026-11-01 09:00,2026-11-01 09:00,test,Floor,completed,")
    assert lines[1].endswith(",6,5")
    assert lines[7].endswith(",3,2")


def test_the_report_answers_a_doctors_questions(a_week):
    store, clock = a_week
    text = report(store, clock.wall(), 30, emergency_number(None, "GB"))
    assert text.startswith("# Back pain summary")
    assert "- **Where I feel it:** 2026-11-01: lower back, left side" in text
    assert "- **How it feels:** 2026-11-01: aching" in text
    assert "- **How long spasms last:** 2026-11-01: 5 minutes; 2026-11-02: 5 minutes" in text
    assert "- **Stiffness:** yes, on 4 days" in text
    assert f"- **{BLADDER.rstrip('.')}:** not reported" in text
    assert "- 2026-11-01: my own tablets" in text
    assert "| Floor | 7 | 7 | 4.7 → 3.7 |" in text  # pain before 6,6,5,5,4,4,3; after one less
    assert "Floor: pain went down by 1.0 points on average over 7 sessions." in text
    assert "## Warning signs reported\n\n- None." in text
    assert "In an emergency call 999." in text


def test_trend_and_streak_after_a_week(a_week):
    store, _ = a_week
    today = dt.date(2026, 11, 7)
    days = daily_pain(store, 0)
    # day one: before 6, after 5, check-in 6, diary 6
    assert [round(d.pain, 2) for d in days][:2] == [5.75, 5.75]
    series = trend_series(days, today, 10)
    assert len(series) == 10 and series[-1] < series[3]
    assert streak(store.sessions(), today) == 7
    assert streak(store.sessions(), today + dt.timedelta(days=3)) == 0


def test_nudges_when_nothing_improves_or_spasms_keep_coming(tmp_path):
    store = Store(tmp_path)
    start = dt.datetime(2026, 11, 1, 9).timestamp()
    for day in range(12):
        store.diary(DiaryEntry(at=start + day * DAY, pain=5))
    assert nudge(store, start + 12 * DAY) == NO_IMPROVEMENT
    other = Store(tmp_path / "b")
    for day in range(12):
        other.diary(DiaryEntry(at=start + day * DAY, pain=6 - day // 3, spasm_length="2 min"))
    assert nudge(other, start + 12 * DAY) == KEEPS_COMING_BACK
    better = Store(tmp_path / "c")
    for day in range(12):
        better.diary(DiaryEntry(at=start + day * DAY, pain=max(0, 7 - day)))
    assert nudge(better, start + 12 * DAY) is None


def test_history_command_and_delete_all_asks_first(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    store = Store(tmp_path)
    noon = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(12))
    run_session(store, FakeClock(wall=noon.timestamp()))
    store.close()
    listed = run_cli("history", env=env)
    assert "Floor" in listed.stdout and "completed" in listed.stdout
    assert listed.stdout.rstrip().endswith("(1 day rated)")
    # labelled for a doctor reading it: parts of the routine reached, the pain a day's average
    # beside the ratings as given (3 before, 3 at the check-in, 2 after)
    (session,) = [line for line in listed.stdout.splitlines() if "Floor" in line]
    assert session.endswith("pain 3 -> 2  parts 3/3")
    day = noon.date().isoformat()
    assert (
        f"Pain, each day's average: 2.7 on {day} -> 2.7 on {day}; lowest rating 2, highest 3"
        in listed.stdout
    )
    kept = run_cli("history", "--delete-all", stdin="no\n", env=env)
    assert "Nothing was deleted" in kept.stdout
    assert len(Store(tmp_path).sessions()) == 1
    gone = run_cli("history", "--delete-all", stdin="yes\n", env=env)
    assert "empty" in gone.stdout
    assert Store(tmp_path).sessions() == []


def test_report_to_a_file_and_diary_from_the_command_line(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    answers = "4\nlower back\naching\n\n\ny\nn\nn\nyes\n\n\n"
    diary = run_cli("diary", stdin=answers, env={**env, "LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert "Saved." in diary.stdout
    assert "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲" in diary.stdout  # bladder or bowel problems
    assert "Call 911 now." in diary.stdout
    out = tmp_path / "report.md"
    result = run_cli("report", "-o", str(out), env=env)
    assert result.returncode == 0
    text = out.read_text()
    assert f"- **{BLADDER.rstrip('.')}:** yes, on 1 day: " in text  # one day, ticked and stopped
    assert "EMERGENCY — You can't pass urine" in text


@pytest.mark.parametrize(
    ("level", "seconds"),
    [("stop-exercise", 6), ("emergency", 7)],
)
def test_a_pack_taken_off_early_by_a_stop_is_recorded_with_its_real_time_on(
    tmp_path, level, seconds
):
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9).timestamp())
    store = Store(tmp_path)
    visit = recorded_visit(store, clock)
    visit.start_therapy(TherapySpec("ice", 1200))
    clock.advance(seconds)
    visit.update()
    visit.report_stop(Stop(level, "Chest pain", "chest"))
    clock.advance(3)  # the stop is read, then left; the alarm to take the pack off is sounding
    answer(visit, StopAnswer.END)
    answer(visit, None)  # it's off
    (use,) = store.rows("therapy")
    assert (use["planned_on"], use["actual_on"], use["overdue"]) == (1200, seconds + 3, 3)
    text = report(store, clock.wall(), 30, emergency_number(None, "GB"))
    assert f"- Cold: 1 application, on for {seconds + 3} s on average" in text


def test_a_restarted_timer_keeps_when_its_pack_went_on(tmp_path):
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9).timestamp())
    store = Store(tmp_path)
    visit = recorded_visit(store, clock)
    visit.start_therapy(TherapySpec("heat", 900))
    clock.advance(60)
    visit.update()
    saved = Saved(therapy=json.loads(json.dumps(visit.therapy.to_state())))
    later = Visit(clock, load_catalogue(), emergency_number(None, "GB"), saved=saved)
    later.subscribe(Recorder(store).heard)
    clock.advance(30)
    later.update()
    later.report_stop(Stop("stop-exercise", "Chest pain", "chest"))
    clock.advance(3)
    answer(later, StopAnswer.END)
    answer(later, None)  # it's off
    (use,) = store.rows("therapy")
    assert use["actual_on"] == 93


def test_a_routine_finished_after_a_step_was_stopped_is_not_kept_as_completed(tmp_path):
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9).timestamp())
    store = Store(tmp_path)
    visit = recorded_visit(store, clock)
    visit.start_routine(build_plan(routine_from(ROUTINE)))
    answer(visit, DailyAnswer.NONE_OF_THESE)  # the day's check
    answer(visit, 4)
    clock.advance(10)
    visit.update()
    prompt = visit.prompt
    assert isinstance(prompt, CheckInPrompt)
    answer(visit, CheckIn(9, tuple(ask(q, False) for q in prompt.questions)))  # a stop
    clock.advance(3)
    answer(visit, StopAnswer.SKIP)  # this step is stopped; the routine goes on after it
    visit.pause()  # paused after the stop: go on
    clock.advance(10)
    visit.update()
    answer(visit, 3)
    (row,) = store.sessions()
    assert (row.outcome, row.segments_done, row.pain_after) == ("finished, with a stop", 3, 3)
    assert ending(visit.finished).kept == row.outcome  # the words the run ended with
    assert ',"finished, with a stop",3,3,4,3' in sessions_csv(store, 0)
    text = report(store, clock.wall(), 30, emergency_number(None, "GB"))
    assert "| Floor | 1 | 0 | 4.0 → 3.0 |" in text


def test_a_completed_session_with_a_stop_in_an_older_history_is_corrected(tmp_path):
    path = tmp_path / "history.db"
    db = sqlite3.connect(path)
    for number in range(4):
        db.executescript(MIGRATIONS[number])
    db.execute("PRAGMA user_version = 4")
    for started, outcome in ((100.0, "completed"), (200.0, "completed"), (300.0, "safety stop")):
        db.execute(
            "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, ended, "
            "outcome, segments_total) VALUES ('r', 'R', 'f', ?, ?, ?, 3)",
            (started, started + 50, outcome),
        )
    for session_id in (1, 3):
        db.execute(
            "INSERT INTO safety (session_id, at, sign_id, level, reason) "
            "VALUES (?, 1.0, 'dizzy', 'stop-exercise', 'Dizzy')",
            (session_id,),
        )
    db.commit()
    db.close()
    outcomes = [row.outcome for row in Store(tmp_path).sessions()]
    assert outcomes == ["finished, with a stop", "completed", "safety stop"]


def test_the_diary_sign_reported_as_a_warning_sign_is_in_the_diary_answers(tmp_path):
    clock = FakeClock(wall=dt.datetime(2026, 11, 3, 9).timestamp())
    store = Store(tmp_path)
    visit = recorded_visit(store, clock)
    sign = load_catalogue().get("bladder-bowel")
    visit.report_stop(stop_for(sign))  # said at `!`, not in the diary
    store.diary(DiaryEntry(at=clock.wall() - DAY, pain=4))  # the diary that day before: no
    text = report(store, clock.wall() + 60, 30, emergency_number(None, "GB"))
    assert f"- **{BLADDER.rstrip('.')}:** yes, on 1 day: 2026-11-03" in text
    assert "Bladder or bowel problems" not in text  # never the broad words
    signs = text.split("## Warning signs reported")[1].split("##")[0]
    assert f"- 2026-11-03 09:00: EMERGENCY — {BLADDER}" in signs  # and listed with the signs


def test_the_reports_pain_range_is_the_ratings_given_not_the_days_averages(tmp_path):
    """Rated 8 before and 3 after on one day: the doctor reads a highest of 8, not the
    day's average of 5.5 given as both the lowest and the highest."""
    store = Store(tmp_path)
    start = dt.datetime(2026, 11, 1, 9, 0).timestamp()
    session = store.start_session("floor", "Floor", "f", start, 3, pain_before=8)
    store.set_pain(session, "after", 3)
    text = report(store, start + 60, 30, emergency_number(None, "GB"))
    (line,) = [line for line in text.splitlines() if line.startswith("- Pain (0–10)")]
    assert line == (
        "- Pain (0–10) on 1 day: day's average 5.5 on 2026-11-01; lowest rating 3, highest 8."
    )


def test_the_reports_sessions_show_a_rating_given_only_before_or_only_after(tmp_path):
    """Pain given before a session and skipped after is still a rating the doctor sees."""
    store = Store(tmp_path)
    start = dt.datetime(2026, 11, 1, 9, 0).timestamp()
    store.start_session("floor", "Floor", "f", start, 3, pain_before=8)
    later = store.start_session("desk", "Desk", "d", start + 60, 3)
    store.set_pain(later, "after", 2)
    store.start_session("calm", "Calm", "c", start + 120, 3)
    text = report(store, start + 600, 30, emergency_number(None, "GB"))
    assert "| Floor | 1 | 0 | 8.0 → not rated |" in text
    assert "| Desk | 1 | 0 | not rated → 2.0 |" in text
    assert "| Calm | 1 | 0 | not rated |" in text
