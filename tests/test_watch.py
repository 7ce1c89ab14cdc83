"""`unknot watch`: due reminders and pack alarms told with the program closed, once each,
and nothing at all while the program is open."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import BUNDLED, ROOT, make_context, read_until, start_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import OWNER_GRACE, Therapy, TherapySpec
from unknot.services.runtime import FACE_LOCK, VisitRuntime
from unknot.services.status import status_line
from unknot.services.watch import Told, Watcher
from unknot.store.library import Library
from unknot.store.locks import ProcessLock
from unknot.store.programmes import FollowedProgramme
from unknot.store.statefile import StateFile
from unknot.store.timers import TimerStore


def watching(tmp_path, clock):
    told: list[Told] = []
    library = Library([("bundled", BUNDLED)])
    return Watcher(make_context(tmp_path, clock), told.append, library), told


def test_a_reminder_falls_due_and_is_told_once(tmp_path):
    clock = FakeClock()
    book = ReminderBook()
    book.add_once(120, clock.wall(), "Stand up")
    TimerStore(tmp_path).save_reminders(book)
    watcher, told = watching(tmp_path, clock)
    assert watcher.step() == 30  # looks again within 30 s, whatever is due later
    assert told == []
    clock.advance(120)
    watcher.step()
    clock.advance(30)
    watcher.step()
    assert [t.alert.body for t in told] == ["Stand up"]
    assert TimerStore(tmp_path).load_reminders().reminders == []  # done: gone


def test_a_pack_left_on_alarms_every_30_seconds_and_never_twice(tmp_path):
    clock = FakeClock()
    therapy = Therapy(TherapySpec("ice", 300), clock)
    therapy.start()
    store = TimerStore(tmp_path)
    store.save_therapy(therapy)
    store.release()  # the program was closed with the pack on
    watcher, told = watching(tmp_path, clock)
    for _ in range(12):
        clock.advance(watcher.step())
    titles = [t.alert.title for t in told]
    assert titles[0] == "One minute left"
    assert titles[1:] and set(titles[1:]) == {"Remove it now"}
    at = [t.at for t in told[1:]]
    assert at == sorted(set(at))  # each alarm told once
    assert all(b - a >= 29.9 for a, b in itertools.pairwise(at))


def test_nothing_is_told_while_the_program_is_open(tmp_path):
    clock = FakeClock()
    book = ReminderBook()
    book.add_once(1, clock.wall(), "Stand up")
    TimerStore(tmp_path).save_reminders(book)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / FACE_LOCK)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        watcher, told = watching(tmp_path, clock)
        clock.advance(60)
        watcher.step()
        assert told == []
        assert TimerStore(tmp_path).load_reminders().reminders  # left for the program
    finally:
        holder.kill()
        holder.wait()
    watcher.step()
    assert [t.alert.body for t in told] == ["Stand up"]


# Holds each lock named, until killed.
HOLD = (
    "import sys, time, pathlib\n"
    "from unknot.store.locks import ProcessLock\n"
    "assert all(ProcessLock(pathlib.Path(p)).claim() for p in sys.argv[1:])\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_copy_that_sounds_and_saves_each_alarm_is_left_to_tell_them(tmp_path):
    """The open program tells its pack's alarms and saves each as it does: told once, there."""
    clock = FakeClock()
    owner = Therapy(TherapySpec("ice", 300), clock)
    saved = StateFile(tmp_path / "therapy.json")
    owner.subscribe(lambda _: saved.write(owner.to_state()))
    owner.start()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD,
            str(tmp_path / FACE_LOCK),
            str(tmp_path / "therapy.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        watcher, told = watching(tmp_path, clock)
        for _ in range(40):  # through the deadline and four repeats of the alarm
            clock.advance(min(watcher.step(), 10))
            owner.update()
        assert owner.alarms >= 4 and told == []
    finally:
        holder.kill()
        holder.wait()


def test_a_copy_stopped_with_ctrl_z_does_not_silence_its_pack_alarm(tmp_path):
    """A real copy with a pack on, stopped by a real SIGTSTP, still holds both locks. Past the
    pack's time `watch` tells the alarm, and `status` shows it, all the same."""
    copy = start_cli(
        "ice",
        "--plain",
        env={"UNKNOT_DATA_DIR": str(tmp_path)},
        stderr=subprocess.DEVNULL,
        # A group of its own in this session, as a shell puts a job: the kernel drops a
        # SIGTSTP sent to an orphaned group, which the test's own group may be where it runs.
        preexec_fn=os.setpgrp,
    )
    try:
        read_until(copy.stdout, "ON for 20m")
        limit = time.monotonic() + 10
        while not (tmp_path / "therapy.json").exists() and time.monotonic() < limit:
            time.sleep(0.01)
        os.kill(copy.pid, signal.SIGTSTP)
        while _state(copy.pid) != "T" and time.monotonic() < limit:
            time.sleep(0.01)
        assert _state(copy.pid) == "T"
        assert ProcessLock(tmp_path / FACE_LOCK).held_elsewhere()
        assert TimerStore(tmp_path).lock.held_elsewhere()

        # Time from here on is a fake clock that starts at the real one's readings.
        clock = FakeClock(time.clock_gettime(time.CLOCK_BOOTTIME), time.time())
        watcher, told = watching(tmp_path, clock)
        clock.advance(20 * 60 - 10)  # the pack's time is not up yet: the copy's to tell
        watcher.step()
        assert told == []
        assert "left" in status_line(tmp_path, "{pack}", clock)[0]
        clock.advance(10 + OWNER_GRACE)
        watcher.step()
        assert [t.alert.title for t in told] == ["Remove it now"]
        assert status_line(tmp_path, "{pack}", clock)[0] == "⚠ REMOVE PACK"
        clock.advance(30)
        watcher.step()
        assert [t.alert.title for t in told] == ["Remove it now"] * 2  # and again, until off
        # A new copy can't take the timer over, and doesn't send the person back to that one.
        elsewhere = VisitRuntime(make_context(tmp_path, clock), Library([])).timer_elsewhere
        assert elsewhere is not None and elsewhere.startswith("Take the cold pack off now.")
        assert "has stopped sounding its alarm" in elsewhere and f"kill {copy.pid}" in elsewhere
    finally:
        copy.kill()
        copy.wait()


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_the_real_command_tells_a_reminder_due_in_two_seconds_once(tmp_path):
    env = {**os.environ, "UNKNOT_DATA_DIR": str(tmp_path)}
    book = ReminderBook()
    book.add_once(2, time.time(), "Drink some water")
    TimerStore(tmp_path).save_reminders(book)
    watch = subprocess.Popen(
        [sys.executable, "-m", "unknot", "watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert watch.stdout is not None
        line = watch.stdout.readline()  # blocks until told: about two seconds
        assert line.rstrip().endswith("Reminder: Drink some water"), line
        saved = tmp_path / "reminders.json"
        limit = time.monotonic() + 10
        while json.loads(saved.read_text())["reminders"] and time.monotonic() < limit:
            time.sleep(0.01)  # told first, then kept as done
    finally:
        watch.terminate()
        out, _ = watch.communicate(timeout=10)
    assert "Drink some water" not in out  # once
    assert json.loads((tmp_path / "reminders.json").read_text())["reminders"] == []
    assert not ProcessLock(tmp_path / FACE_LOCK).held_elsewhere()


def test_a_programme_reminder_offers_the_session_and_is_quiet_when_nothing_is_due(tmp_path):
    """The rule the open program keeps, kept here too: on a day with nothing to do (the
    programme starts next month) the reminder comes round again tomorrow, untold."""
    monday = dt.date(2026, 11, 2)
    clock = FakeClock(wall=dt.datetime.combine(monday, dt.time(8)).timestamp())
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", monday + dt.timedelta(days=30))
    book = ReminderBook()
    book.add_daily(9 * 60, clock.wall(), "Time for today's session", None, "gentle-six-weeks")
    TimerStore(tmp_path).save_reminders(book)
    watcher, told = watching(tmp_path, clock)
    clock.advance(3600 + 1)
    watcher.step()
    assert told == []
    (kept,) = TimerStore(tmp_path).load_reminders().reminders
    assert kept.due == dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(9)).timestamp()

    FollowedProgramme(tmp_path).follow("gentle-six-weeks", monday + dt.timedelta(days=1))
    clock.advance(86400)  # Tuesday 09:00, the programme's first day
    watcher.step()
    assert [t.alert.body for t in told] == ["Time for today's session"]
    assert TimerStore(tmp_path).load_reminders().reminders[0].routine == "gentle-floor"


def test_after_the_days_stop_reminders_wait_for_midnight_and_pack_alarms_do_not(tmp_path):
    from unknot.core.safety.daystop import DayStop

    clock = FakeClock()
    store = TimerStore(tmp_path)
    book = ReminderBook()
    book.add_once(60, clock.wall(), "Stand up")
    store.save_reminders(book)
    therapy = Therapy(TherapySpec("ice", 120), clock)
    therapy.start()
    store.save_therapy(therapy)
    store.release()  # closed with the pack on, after an urgent stop
    held = DayStop.reported("urgent", "Fever", "fever", "Stop.", clock.wall())
    store.save_day_stop(held)
    watcher, told = watching(tmp_path, clock)
    for _ in range(10):
        clock.advance(watcher.step())
    assert "Remove it now" in [t.alert.title for t in told]
    assert all(t.alert.title != "Reminder" for t in told)
    clock.advance(held.ends(clock.wall()) - clock.wall() + 1)  # past midnight
    watcher.step()
    assert told[-1].alert.title == "Reminder"
    assert told[-1].alert.body.startswith("Stand up (due ")


def test_a_second_copy_beside_one_with_no_pack_on_does_not_say_a_pack_timer_runs(tmp_path):
    """Another copy merely open holds the pack timer's lock: this one says so, and never that
    a pack timer is running there, which would have someone look for a pack that is on."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "therapy.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        clock = FakeClock()
        elsewhere = VisitRuntime(make_context(tmp_path, clock), Library([])).timer_elsewhere
        assert elsewhere == (
            f"Another copy of unknot (pid {holder.pid}) is open, with no pack timer running: "
            "start any cold or heat pack there. This one runs routines but starts no pack timer."
        )
    finally:
        holder.kill()
        holder.wait()


def test_a_second_copy_names_the_time_the_other_copys_pack_comes_off_by_the_clock(tmp_path):
    """The note is read again whenever a pack is asked for, minutes later: '09:09 left' from
    the start would be wrong by then, the time of day the pack comes off stays right."""
    clock = FakeClock(wall=dt.datetime(2026, 11, 1, 9, 0).timestamp())
    owner = Therapy(TherapySpec("ice", 600), clock)
    saved = StateFile(tmp_path / "therapy.json")
    owner.subscribe(lambda _: saved.write(owner.to_state()))
    owner.start()
    clock.advance(60)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "therapy.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        elsewhere = VisitRuntime(make_context(tmp_path, clock), Library([])).timer_elsewhere
        assert elsewhere is not None
        assert "is running a cold pack timer (on until 09:10): go back to that one" in elsewhere
        assert "left" not in elsewhere
    finally:
        holder.kill()
        holder.wait()
