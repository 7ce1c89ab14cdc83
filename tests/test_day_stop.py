"""An emergency or urgent stop holds for the rest of the day: across a restart and a kill -9,
no routine and no new pack start, reminders wait, the stop's advice comes back, and the pack
already on keeps its alarm; it ends at local midnight or with a deliberate, recorded "I have
been seen, or it was a mistake". (The random sequences are in test_visit_rules.py.)"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time

from tests.conftest import BUNDLED, ROOT, make_context, run_cli
from tests.test_cli_safety import tiny
from unknot.cli import main
from unknot.core.clock import FakeClock
from unknot.core.engine.prompts import (
    ConfirmPrompt,
    DailyCheckPrompt,
    ReminderFired,
    ReminderPrompt,
    RemovePackPrompt,
    Saved,
    SignsPrompt,
    SkinCheckPrompt,
    StopAnswer,
    StopPrompt,
)
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import ALARM_EVERY, TherapySpec
from unknot.core.engine.visit import ARM_SECONDS, Visit
from unknot.core.safety.daystop import DayStop
from unknot.core.safety.signs import emergency_number, load_catalogue
from unknot.core.words.glance import status_pieces
from unknot.services.runtime import VisitRuntime
from unknot.services.status import status_line
from unknot.store.library import Library
from unknot.store.report_markdown import report as doctor_report
from unknot.store.timers import TimerStore

CATALOGUE = load_catalogue()
GB = emergency_number(None, "GB")


def at_local(hour: int, minute: int = 0) -> float:
    """A wall time at this hour of a local day, wherever the tests run."""
    return dt.datetime(2026, 6, 1, hour, minute).timestamp()


def start_the_program(tmp_path, clock: FakeClock) -> VisitRuntime:
    runtime = VisitRuntime(make_context(tmp_path, clock), Library([("bundled", BUNDLED)]))
    runtime.settle()
    return runtime


def killed(runtime: VisitRuntime) -> None:
    """As kill -9 leaves things: no goodbye, the locks go with the process."""
    runtime.timers.release()
    runtime.context.store.close()


def report_sign(visit: Visit, level: str) -> None:
    visit.open_signs()
    front = visit.prompt
    assert isinstance(front, SignsPrompt)
    assert visit.answer(front, next(s for s in front.signs if s.level == level)) is None


def read_and_answer(
    visit: Visit, clock: FakeClock, value: StopAnswer = StopAnswer.END
) -> StopPrompt:
    clock.advance(ARM_SECONDS + 0.5)
    visit.update()
    front = visit.prompt
    assert isinstance(front, StopPrompt)
    assert visit.answer(front, value) is None
    return front


def test_an_emergency_stop_is_remembered_after_a_restart(tmp_path):
    """Reported, then the program started again 17 minutes later, and Enter on a routine: it
    used to start. Now the stop's advice is in front again, and nothing starts."""
    clock = FakeClock(wall=at_local(10, 0))
    runtime = start_the_program(tmp_path, clock)
    report_sign(runtime.visit, "emergency")
    runtime.settle()
    read_and_answer(runtime.visit, clock)
    runtime.settle()
    killed(runtime)

    clock.advance(17 * 60)
    runtime = start_the_program(tmp_path, clock)
    visit = runtime.visit
    again = visit.prompt
    assert isinstance(again, StopPrompt) and again.can_lift and not again.in_routine
    assert again.stop.level == "emergency"
    assert "Call 999 now." in again.advice.actions
    assert "You reported this at 10:00 today." in again.advice.actions
    read_and_answer(visit, clock)
    assert visit.prompt is None

    assert runtime.start_routine_id("gentle-floor") is not None  # Enter on a routine
    runtime.settle()
    assert visit.session is None
    assert isinstance(visit.prompt, StopPrompt)  # what to do, once more
    read_and_answer(visit, clock)
    assert visit.start_therapy(TherapySpec("ice")) is not None  # i
    assert visit.therapy is None and isinstance(visit.prompt, StopPrompt)


def test_the_stop_ends_at_local_midnight(tmp_path):
    clock = FakeClock(wall=at_local(21, 30))
    runtime = start_the_program(tmp_path, clock)
    report_sign(runtime.visit, "urgent")
    runtime.settle()
    read_and_answer(runtime.visit, clock)
    runtime.settle()
    killed(runtime)

    clock.advance(at_local(23, 59) - clock.wall())
    runtime = start_the_program(tmp_path, clock)
    visit = runtime.visit
    assert visit.held is not None and isinstance(visit.prompt, StopPrompt)
    read_and_answer(visit, clock)
    # the faces wake at midnight: reminders held back come then
    deadline = visit.next_deadline()
    assert deadline is not None
    assert clock.wall() + (deadline - clock.now()) == at_local(0, 0) + 86400
    clock.advance(120)
    visit.update()
    assert visit.held is None and visit.prompt is None
    assert runtime.start_routine_id("gentle-floor") is None
    assert isinstance(visit.prompt, DailyCheckPrompt)  # a new day: its own check first


def test_a_clock_set_back_keeps_the_stop_and_one_set_past_midnight_ends_it():
    clock = FakeClock(wall=at_local(9, 0))
    visit = Visit(clock, CATALOGUE, GB)
    report_sign(visit, "urgent")
    read_and_answer(visit, clock)
    clock.jump_wall(-3 * 86400)
    assert visit.held is not None and visit.why_not_start() is not None
    clock.jump_wall(4 * 86400)
    assert visit.held is None and visit.why_not_start() is None


def test_lifting_takes_a_read_stop_a_key_of_its_own_and_a_yes_and_is_in_the_history(
    tmp_path, capsys
):
    clock = FakeClock(wall=at_local(14, 0))
    runtime = start_the_program(tmp_path, clock)
    report_sign(runtime.visit, "emergency")
    runtime.settle()
    # the stop as reported offers no way past it: that is for the stop shown again
    assert isinstance(runtime.visit.prompt, StopPrompt) and not runtime.visit.prompt.can_lift
    read_and_answer(runtime.visit, clock)
    runtime.settle()
    killed(runtime)

    clock.advance(3600)
    runtime = start_the_program(tmp_path, clock)
    visit = runtime.visit
    front = visit.prompt
    assert isinstance(front, StopPrompt) and front.can_lift
    assert visit.answer(front, StopAnswer.LIFT) is not None  # not before it has been read
    read_and_answer(visit, clock, StopAnswer.LIFT)
    asked = visit.prompt
    assert isinstance(asked, ConfirmPrompt) and asked.what == "lift"
    assert "seen by a doctor or nurse" in asked.question
    assert visit.answer(asked, False) is None  # no: the stop stays
    runtime.settle()
    assert visit.held is not None
    assert runtime.start_routine_id("gentle-floor") is not None
    runtime.settle()
    read_and_answer(visit, clock, StopAnswer.LIFT)
    clock.advance(ARM_SECONDS)  # the question read too
    assert visit.answer(visit.prompt, True) is None  # yes: seen, or a mistake
    runtime.settle()
    assert visit.held is None
    rows = runtime.context.store.rows("safety")
    assert [row["level"] for row in rows] == ["emergency", "lifted"]
    assert rows[1]["reason"].startswith("seen by a doctor or nurse, or reported by mistake: ")
    summary = doctor_report(runtime.context.store, clock.wall(), 30, GB)  # for the doctor
    assert "EMERGENCY — " in summary
    assert "STOP LIFTED — seen by a doctor or nurse, or reported by mistake: " in summary
    assert runtime.start_routine_id("gentle-floor") is None
    killed(runtime)
    # `unknot history` too: it listed sessions only, so neither the stop nor its lift
    assert main(["history", "--data-dir", str(tmp_path), "--days", "3660"]) == 0
    lines = capsys.readouterr().out.splitlines()
    signs = lines[lines.index("Warning signs:") :]
    reason = rows[0]["reason"]
    assert signs[1].endswith(f"  EMERGENCY — {reason}")
    assert signs[2].endswith(
        f"  STOP LIFTED — seen by a doctor or nurse, or reported by mistake: {reason}"
    )

    runtime = start_the_program(tmp_path, clock)  # and a restart remembers that too
    assert runtime.visit.held is None and runtime.visit.prompt is None
    assert not (tmp_path / "stop.json").exists()


def held_since(clock: FakeClock, level: str = "emergency") -> Visit:
    """The program started again on the day of a stop reported an hour before."""
    stop = DayStop.reported(level, "Chest pain", "chest-pain", "Call 999 now.", clock.wall() - 3600)
    return Visit(clock, CATALOGUE, GB, saved=Saved(day_stop=stop))


def test_a_yes_straight_after_c_does_not_lift_the_stop():
    """Typing /fancy at the library (meaning to filter) once the stop shown again was armed:
    its c asked the question and its y, 150 ms later, lifted an emergency stop. The question
    takes its yes only once it has been shown for as long as a stop is; a no at once."""
    clock = FakeClock(wall=at_local(11, 0))
    visit = held_since(clock)
    read_and_answer(visit, clock, StopAnswer.LIFT)
    asked = visit.prompt
    assert isinstance(asked, ConfirmPrompt) and asked.what == "lift"
    clock.advance(0.15)
    assert visit.answer(asked, True) == "Read this first."
    assert visit.held is not None and visit.prompt == asked  # still asked, nothing lifted
    clock.advance(ARM_SECONDS)
    assert visit.answer(asked, True) is None
    assert visit.held is None


def test_a_no_to_lifting_counts_at_once():
    clock = FakeClock(wall=at_local(11, 0))
    visit = held_since(clock)
    read_and_answer(visit, clock, StopAnswer.LIFT)
    asked = visit.prompt
    assert isinstance(asked, ConfirmPrompt)
    assert visit.answer(asked, False) is None
    assert visit.held is not None and visit.prompt is None


def test_a_stop_reported_in_another_copy_holds_in_one_already_open(tmp_path):
    """The full-screen program open on the library, an emergency reported with `unknot run
    --plain` in another terminal: Enter in the first still started the routine, and i a pack.
    Now the first shows the stop at its next wake-up, and starts nothing."""
    clock = FakeClock(wall=at_local(10, 0))
    first = start_the_program(tmp_path, clock)
    other = start_the_program(tmp_path, clock)  # its own visit, the same data folder
    report_sign(other.visit, "emergency")
    other.settle()

    clock.advance(1)
    first.settle()  # a wake-up
    front = first.visit.prompt
    assert isinstance(front, StopPrompt) and front.can_lift and front.stop.level == "emergency"
    read_and_answer(first.visit, clock)
    assert first.start_routine_id("gentle-floor") is not None
    assert first.visit.start_therapy(TherapySpec("ice")) is not None
    assert first.visit.session is None and first.visit.therapy is None
    assert len(first.context.store.rows("safety")) == 1  # recorded once, where reported


def test_a_stop_reported_elsewhere_takes_the_pack_on_here_off_now():
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB, daily_check_done=dt.date(2026, 6, 1))
    assert visit.start_therapy(TherapySpec("ice")) is None
    clock.advance(60)
    elsewhere = DayStop.reported("urgent", "Fever", "fever", "Stop now.", clock.wall())
    visit.stop_reported_elsewhere(elsewhere)
    assert visit.held == elsewhere
    assert isinstance(visit.prompt, StopPrompt)
    assert any(isinstance(p, RemovePackPrompt) for p in visit.prompts())  # off now


def test_a_stop_from_elsewhere_never_undoes_a_lift_or_a_graver_stop_here():
    clock = FakeClock(wall=at_local(10, 0))
    visit = held_since(clock, "emergency")
    urgent = DayStop.reported("urgent", "Fever", "fever", "Stop now.", clock.wall())
    visit.stop_reported_elsewhere(urgent)
    assert visit.held is not None and visit.held.level == "emergency"
    old = visit.held
    read_and_answer(visit, clock, StopAnswer.LIFT)
    clock.advance(ARM_SECONDS)
    assert visit.answer(visit.prompt, True) is None
    visit.stop_reported_elsewhere(old)  # read before the lift was saved
    assert visit.held is None


def test_an_emergency_reported_in_a_preview_that_holds_the_day_is_in_the_report(tmp_path):
    """Chest pain reported during a --speed preview held the day, but the report for the
    doctor said "Warning signs reported: None" (and, once lifted, showed the lift alone). The
    warning sign is the person's, not the preview's: it is history, tied to no session."""
    clock = FakeClock(wall=at_local(10, 0))
    runtime = start_the_program(tmp_path, clock)
    assert runtime.start_routine_id("gentle-floor", speed=20) is None
    runtime.settle()
    assert runtime.visit.preview
    report_sign(runtime.visit, "emergency")
    runtime.settle()
    assert runtime.visit.held is not None
    rows = runtime.context.store.rows("safety")
    assert [(row["level"], row["session_id"]) for row in rows] == [("emergency", None)]
    assert runtime.context.store.sessions() == []  # the preview itself is still no history
    summary = doctor_report(runtime.context.store, clock.wall(), 30, GB)
    assert "EMERGENCY — " in summary


def test_a_pack_still_on_at_the_start_after_a_stop_elsewhere_is_to_come_off_now():
    """The program killed with a pack on, the stop reported in another copy meanwhile: the
    next start said "Take off any ice or heat pack now." over a timer still counting down its
    minutes on. The pack's alarm is due now, as where the stop was reported."""
    from unknot.core.engine.therapy import Therapy

    clock = FakeClock(wall=at_local(10, 0))
    first = Visit(clock, CATALOGUE, GB)
    assert first.start_therapy(TherapySpec("ice")) is None
    saved = first.saved()
    clock.advance(60)
    stop = DayStop.reported("emergency", "Chest pain", "chest-pain", "Call 999 now.", clock.wall())
    visit = Visit(clock, CATALOGUE, GB, saved=Saved(therapy=saved.therapy, day_stop=stop))
    front = visit.prompt
    assert isinstance(front, StopPrompt)
    assert "Take off any ice or heat pack now." in front.advice.actions
    assert any(isinstance(p, RemovePackPrompt) for p in visit.prompts())
    assert isinstance(visit.therapy, Therapy)


def test_right_after_an_emergency_stop_no_reminder_pops_up_and_i_starts_no_pack():
    """Both used to happen the moment the stop was acknowledged."""
    clock = FakeClock(wall=at_local(16, 0))
    visit = Visit(clock, CATALOGUE, GB, daily_check_done=dt.date(2026, 6, 1))
    visit.add_reminder(None, 60.0, "Move")
    clock.advance(30)
    visit.update()
    report_sign(visit, "emergency")
    clock.advance(60)  # the reminder falls due while the stop is read
    read_and_answer(visit, clock)
    visit.update()
    assert visit.prompt is None
    assert visit.reminders.due(clock.wall())  # due, and held back
    assert visit.start_therapy(TherapySpec("ice")) is not None  # i
    assert visit.therapy is None
    assert isinstance(visit.prompt, StopPrompt) and visit.prompt.can_lift


def test_a_lesser_stop_read_on_the_day_of_an_emergency_leads_back_to_the_emergency():
    """Found by the visit's random sequences: the emergency read, then a doctor-level stop
    (the skin after the pack) read too, and the person was back at the library with the
    emergency's advice nowhere. Its advice is what they land on again."""
    clock = FakeClock(wall=at_local(10, 0))
    visit = Visit(clock, CATALOGUE, GB, daily_check_done=dt.date(2026, 6, 1))
    report_sign(visit, "emergency")
    read_and_answer(visit, clock)
    report_sign(visit, "doctor")
    lesser = visit.prompt
    assert isinstance(lesser, StopPrompt) and lesser.stop.level == "doctor"
    read_and_answer(visit, clock)
    again = visit.prompt
    assert isinstance(again, StopPrompt) and again.stop.level == "emergency" and again.can_lift
    read_and_answer(visit, clock)  # and read once more, it lets the person go
    assert visit.prompt is None


def test_after_an_ending_stop_no_reminder_and_no_new_pack_but_the_pack_on_keeps_its_alarm():
    """The pack that was on when the urgent stop came comes off with its alarm, and its skin
    check offers no second application."""
    clock = FakeClock(wall=at_local(11, 0))
    visit = Visit(clock, CATALOGUE, GB, daily_check_done=dt.date(2026, 6, 1))
    heard: list[object] = []
    visit.subscribe(heard.append)
    visit.add_reminder(None, 60.0, "Move")
    assert visit.start_therapy(TherapySpec("ice", 600.0, 1200.0, 2)) is None
    clock.advance(30)
    visit.update()
    report_sign(visit, "urgent")
    read_and_answer(visit, clock)
    # the pack on comes off now, with its alarm, whatever else waits
    assert isinstance(visit.prompt, RemovePackPrompt)
    clock.advance(120)  # the reminder is due
    visit.update()
    assert isinstance(visit.prompt, RemovePackPrompt)
    deadline = visit.next_deadline()
    assert deadline is not None and deadline - clock.now() <= ALARM_EVERY
    visit.answer(visit.prompt, None)  # it's off
    clock.advance(1200)  # the skin rests
    visit.update()
    assert isinstance(visit.prompt, SkinCheckPrompt)
    visit.answer(visit.prompt, True)  # normal: a second application is not offered today
    visit.update()
    assert visit.therapy is None and visit.prompt is None
    assert not any(isinstance(p, ReminderPrompt) for p in visit.prompts())
    assert not any(isinstance(h, ReminderFired) for h in heard)
    assert visit.start_therapy(TherapySpec("ice")) is not None
    assert visit.therapy is None and isinstance(visit.prompt, StopPrompt)


def read_until(proc: subprocess.Popen, text: str, seconds: float = 20.0) -> str:
    """What the program writes, read straight from the pipe (a buffered reader would hide
    lines from select) until it holds `text`, or the time is up."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    seen = b""
    limit = time.monotonic() + seconds
    while text.encode() not in seen:
        left = limit - time.monotonic()
        assert left > 0, f"no {text!r} in:\n{seen.decode(errors='replace')}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"ended before {text!r}:\n{seen.decode(errors='replace')}"
            seen += chunk
    return seen.decode()


def test_a_stop_survives_kill_9_and_the_next_start_and_the_status_line_show_it(tmp_path):
    now = dt.datetime.now(dt.timezone.utc)
    # A zone where it is about noon now: the day can't end while the test runs.
    env = {
        **os.environ,
        "UNKNOT_DATA_DIR": str(tmp_path / "data"),
        "LANG": "en_GB.UTF-8",
        "LC_ALL": "",
        "TZ": f"NOON{now.hour - 12:+d}",
    }
    routine = tiny(tmp_path)
    first = subprocess.Popen(
        [sys.executable, "-m", "unknot", "run", routine, "--plain"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    assert first.stdin is not None
    try:
        read_until(first, "Before you start today")
        first.stdin.write(b"c\n3\n")
        first.stdin.flush()
        read_until(first, "press Enter to go on")
        first.stdin.write(b"!\n")
        first.stdin.flush()
        read_until(first, "Type the number")
        first.stdin.write(b"6\n")  # chest pain
        first.stdin.flush()
        read_until(first, "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲")
        # said once it is saved: killed at once, before the stop is even acknowledged
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
    finally:
        first.kill()
        first.wait(timeout=10)

    status = run_cli("status", env=env)
    assert status.returncode == 0
    assert status.stdout.strip() == "▲▲▲ Call 999 now."

    again = run_cli("run", routine, "--plain", stdin="", env=env)
    assert again.returncode == 1
    out = again.stdout
    assert "not now: After the warning sign you reported today" in out
    assert "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲" in out and "  Call 999 now." in out
    assert "or c if you have been seen" in out
    assert "step 1/" not in out


def test_the_status_line_leads_with_the_days_stop_and_holds_reminders_back(tmp_path):
    store = TimerStore(tmp_path)
    book = ReminderBook()
    book.add_once(1.0, time.time() - 60, "Move")  # due a minute ago
    store.save_reminders(book)
    assert status_line(tmp_path)[0] == "⏰ Move now"
    store.save_day_stop(DayStop.reported("urgent", "Fever", "fever", "Stop.", time.time()))
    assert status_line(tmp_path)[0] == "▲▲ Stop."
    assert status_line(tmp_path, "{reminder}{reminder_in}")[0] == ""


def test_the_status_line_says_what_to_do_whole_where_no_number_is_known():
    """With no region set, the stop says 'your local emergency number (112 in much of the
    world)': the status line keeps what to do and leaves the aside out, never '(112 i…'."""
    clock = FakeClock()
    number = emergency_number(None, None)
    headline = f"Call {number.spoken} now."
    held = DayStop.reported("emergency", "Chest pain", "chest-pain", headline, clock.wall())
    line = status_pieces(None, ReminderBook(), clock.wall(), held).stop
    assert line == "▲▲▲ Call your local emergency number now."
