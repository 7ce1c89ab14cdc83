"""`unknot watch`: due reminders and pack alarms told with the program closed, once each;
while the program is open, only what it has stopped telling (stopped with Ctrl+Z, hung)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import BUNDLED, ROOT, make_context, need, read_until, start_cli
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


def test_nothing_the_open_program_has_in_hand_is_told(tmp_path):
    clock = FakeClock()
    book = ReminderBook()
    book.add_once(1, clock.wall(), "Stand up")
    book.take_in_hand(clock.wall() + 1)  # as the open program saves it when it falls due
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
        for _ in range(5):
            clock.advance(watcher.step())
        assert told == []
        assert TimerStore(tmp_path).load_reminders().reminders  # left for the program
    finally:
        holder.kill()
        holder.wait()
    watcher.step()  # closed: what it had in hand, unanswered, is told here now
    assert [t.alert.body.split(" (due")[0] for t in told] == ["Stand up"]


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


FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


def _wait_for(check, what: str) -> None:
    limit = time.monotonic() + 15
    while not check():
        assert time.monotonic() < limit, what
        time.sleep(0.01)


def test_reminders_with_the_program_open_then_stopped(tmp_path, isolated_home):
    """The real program open in a real terminal, its wall clock moved on through libfaketime
    (its boot clock stays true, as on a real machine). A reminder that falls due there is
    shown there, and `watch` leaves it to it however long it waits for an answer. The
    program is then stopped: one that falls due meanwhile `watch` tells,
    once; the program, let go again with its own clock past that time, doesn't tell it
    again."""
    need(shutil.which("tmux") is not None, "tmux")
    need(FAKETIME.exists(), "libfaketime (the faketime package)")
    from tests.terminal import Pane

    setting = tmp_path / "faketime"
    setting.write_text("+0\n")
    data = tmp_path / "data"
    store = TimerStore(data)
    book = ReminderBook()
    began = time.time()
    move = book.add_every(45 * 60, began, "Time to move")
    water = book.add_once(60 * 60, began, "Drink some water")
    store.save_reminders(book)
    env = {k: v for k, v in os.environ.items() if k.startswith(("HOME", "PATH", "XDG"))}
    env.update(
        TERM="xterm-256color",
        UNKNOT_DATA_DIR=str(data),
        LD_PRELOAD=str(FAKETIME),
        FAKETIME_TIMESTAMP_FILE=str(setting),
        FAKETIME_NO_CACHE="1",
        DONT_FAKE_MONOTONIC="1",
    )
    # A shell with job control in the terminal, as a person has: Ctrl+Z stops the program's
    # job and `fg` brings it back. (tmux itself goes on with a stopped process of its own.)
    with Pane(["bash", "--norc", "--noprofile", "-i"], env, (100, 30)) as pane:
        pane.send(shlex.join([sys.executable, "-m", "unknot", "--mute"]), "Enter")
        pane.wait_for("Welcome to unknot")
        pane.send("Enter")
        pane.wait_for("Desk break")
        assert ProcessLock(data / FACE_LOCK).held_elsewhere()
        (program,) = Path(f"/proc/{pane.pid}/task/{pane.pid}/children").read_text().split()
        setting.write_text("+2760\n")  # 46 minutes on, there: moving is due
        pane.wait_for("Time to move")
        _wait_for(lambda: store.load_reminders().get(move.id).in_hand, "saved as taken")

        clock = FakeClock(time.clock_gettime(time.CLOCK_BOOTTIME), began + 2760)
        watcher, told = watching(data, clock)
        for _ in range(10):  # five minutes, with nobody answering it
            wait = watcher.step()
            assert wait == 30  # no sooner: nothing to wake for again and again
            clock.advance(wait)
        assert told == []

        # Stopped outright, as a hung or stopped copy is. (A SIGTSTP goes through Textual's
        # own handler, which restores the terminal first; under load it was seen to hang
        # there, never stopping: also a copy that tells nothing, but not a repeatable one.)
        os.kill(int(program), signal.SIGSTOP)
        _wait_for(lambda: _state(int(program)) == "T", "stopped")
        pane.wait_for("Stopped")  # the shell has the terminal back
        assert ProcessLock(data / FACE_LOCK).held_elsewhere()
        clock.advance(began + 3600 - clock.wall())  # water is due: the program can't take it
        assert watcher.step() == OWNER_GRACE
        clock.advance(OWNER_GRACE)
        watcher.step()
        for _ in range(4):
            clock.advance(watcher.step())
        assert [t.alert.body for t in told] == ["Drink some water"]  # once; moving isn't
        assert store.load_reminders().get(water.id) is None  # a one-off, told: done

        setting.write_text("+3900\n")  # back, its clock past when water was due
        pane.send("fg", "Enter")
        pane.wait_for("Time to move")
        pane.send("d")  # moving, done: the next thing due would come in front now
        _wait_for(lambda: "Overdue by" not in pane.screen(), "answered")
        # The list of reminders opens only with nothing in front: here it does.
        pane.send("r")
        pane.wait_for("Repeats")
        screen = pane.screen()
        assert "Drink some water" not in screen and "REMINDER" not in screen, screen
    assert [r.text for r in store.load_reminders().reminders] == ["Time to move"]


def test_a_hung_copy_leaves_reminders_waiting_for_midnight_after_the_days_stop(tmp_path):
    """The day's stop holds reminders back in the watcher too, when it tells them for a
    copy that has stopped telling: after midnight, told once."""
    from unknot.core.safety.daystop import DayStop

    clock = FakeClock()
    store = TimerStore(tmp_path)
    book = ReminderBook()
    book.add_once(60, clock.wall(), "Stand up")
    store.save_reminders(book)
    held = DayStop.reported("urgent", "Fever", "fever", "Stop.", clock.wall())
    store.save_day_stop(held)
    holder = subprocess.Popen(  # a copy with its face open that tells nothing: hung
        [sys.executable, "-c", HOLD, str(tmp_path / FACE_LOCK)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        watcher, told = watching(tmp_path, clock)
        for _ in range(10):
            clock.advance(watcher.step())
        assert told == []
        clock.advance(held.ends(clock.wall()) - clock.wall() + 1)  # past midnight
        for _ in range(5):
            clock.advance(watcher.step())
        assert [t.alert.body.split(" (")[0] for t in told] == ["Stand up"]
    finally:
        holder.kill()
        holder.wait()


def test_for_a_hung_copy_a_programme_reminder_still_waits_for_a_day_with_a_session(tmp_path):
    """Told for a copy that tells nothing, a reminder that follows a programme keeps the
    program's rule: quiet on a day with nothing to do, and only it is changed here."""
    monday = dt.date(2026, 11, 2)
    clock = FakeClock(wall=dt.datetime.combine(monday, dt.time(8)).timestamp())
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", monday + dt.timedelta(days=30))
    book = ReminderBook()
    book.add_daily(9 * 60, clock.wall(), "Time for today's session", None, "gentle-six-weeks")
    shown = book.add_every(1800, clock.wall(), "Time to move")
    TimerStore(tmp_path).save_reminders(book)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / FACE_LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        store = TimerStore(tmp_path)
        book = store.load_reminders()
        book.take_in_hand(clock.wall() + 1800)  # the open copy showed moving, then hung
        store.save_reminders(book)
        watcher, told = watching(tmp_path, clock)
        clock.advance(3600 + 1)
        for _ in range(5):
            clock.advance(watcher.step())
        assert told == []
        kept = TimerStore(tmp_path).load_reminders()
        tomorrow = dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(9)).timestamp()
        assert [r.due for r in kept.reminders if r.follows] == [tomorrow]
        assert kept.get(shown.id) == book.get(shown.id)  # the copy's own: left as it was
    finally:
        holder.kill()
        holder.wait()


def test_watch_once_beside_a_hung_copy_tells_what_it_missed_and_waits_only_for_that(tmp_path):
    """`unknot watch --once` (from cron) sees each reminder for the first time: it waits out
    the open copy's moment to take one up, then tells it, rather than never telling it."""
    clock = FakeClock()
    book = ReminderBook()
    taken = book.add_once(60, clock.wall(), "Reapply heat")
    book.add_once(120, clock.wall(), "Stand up")
    TimerStore(tmp_path).save_reminders(book)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / FACE_LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        clock.advance(90)  # heat is due, and the open copy took it up
        store = TimerStore(tmp_path)
        book = store.load_reminders()
        book.take_in_hand(clock.wall())
        store.save_reminders(book)
        watching(tmp_path, clock)[0].look_once()
        assert clock.now() == 1000 + 90  # nothing to wait for
        clock.advance(60)  # standing up is due too, and the copy has hung since
        watcher, told = watching(tmp_path, clock)
        watcher.look_once()
        assert [t.alert.body for t in told] == ["Stand up"]
        assert clock.now() == 1000 + 150 + OWNER_GRACE
        assert [r.id for r in TimerStore(tmp_path).load_reminders().reminders] == [taken.id]
    finally:
        holder.kill()
        holder.wait()


def test_a_stopped_copy_let_go_takes_what_was_told_as_done_and_keeps_the_reminder(tmp_path):
    """The open program's own runtime, not brought up to now while stopped (its face holds
    the lock). Told meanwhile by the watcher, 'move every 45 minutes' is done there: the copy,
    let go, merges that before it looks for what is due, so it doesn't fire it again, and
    it comes round again 45 minutes after it was told, in that copy."""
    from unknot.core.engine.prompts import ReminderPrompt, ReminderSignal

    clock = FakeClock()
    book = ReminderBook()
    move = book.add_every(45 * 60, clock.wall(), "Time to move")
    TimerStore(tmp_path).save_reminders(book)
    runtime = VisitRuntime(make_context(tmp_path, clock), Library([]))
    signals: list[object] = []
    runtime.visit.subscribe(
        lambda happening: (
            signals.append(happening) if isinstance(happening, ReminderSignal) else None
        )
    )
    runtime.settle()
    holder = subprocess.Popen(  # its face, open
        [sys.executable, "-c", HOLD, str(tmp_path / FACE_LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        watcher, told = watching(tmp_path, clock)
        clock.advance(45 * 60)  # stopped: the copy doesn't settle
        for _ in range(3):
            clock.advance(watcher.step())
        assert [t.alert.body for t in told] == ["Time to move"]

        runtime.settle()  # let go
        assert signals == [] and not isinstance(runtime.visit.prompt, ReminderPrompt)
        again = told[0].at + 45 * 60
        assert runtime.visit.reminders.get(move.id).due == again
        clock.advance(again - clock.wall())
        runtime.settle()
        assert isinstance(runtime.visit.prompt, ReminderPrompt) and len(signals) == 1
        for _ in range(3):  # the copy's now: the watcher leaves it
            clock.advance(watcher.step())
        assert len(told) == 1
    finally:
        holder.kill()
        holder.wait()
        runtime.close()


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
