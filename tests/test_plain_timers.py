"""The --plain cold/heat and reminder faces, in process, on a fake clock."""

import io

from tests.conftest import make_context
from unknot.core.clock import FakeClock
from unknot.core.reminders import ReminderBook
from unknot.core.therapy import Therapy, TherapySpec
from unknot.plain.lines import LineIO
from unknot.plain.timers import PlainReminders, PlainTherapy
from unknot.store.timers import TimerStore


def run_therapy(tmp_path, spec: TherapySpec, typed: str = ""):
    clock = FakeClock()
    context = make_context(tmp_path, clock)
    out = io.StringIO()
    therapy = Therapy(spec, clock)
    store = TimerStore(tmp_path)
    result = PlainTherapy(context, therapy, LineIO(clock, out, io.StringIO(typed)), store).run()
    return result, out.getvalue(), therapy, clock


def test_a_scripted_run_completes_with_answers_taken_as_given(tmp_path):
    result, out, _therapy, _clock = run_therapy(tmp_path, TherapySpec("heat", 600, 1200, 2))
    assert result == "done"
    assert "00:00.0 heat 1/2: ON for 10m — a thin towel" in out
    assert "medium heat at most; don't fall asleep" in out
    assert "09:00.0 one minute left: get ready to take it off" in out
    assert "10:00.0 REMOVE IT NOW: take the heat pack off" in out
    assert "(end of input: taken as removed)" in out
    assert "30:00.0 skin rest over" in out
    assert "(end of input: taken as normal: look at your skin yourself)" in out
    assert "30:00.0 heat 2/2: ON" in out
    assert out.rstrip().endswith("done: heat, 2 application(s)")
    assert not (tmp_path / "therapy.json").exists()  # nothing left running


def test_alarms_repeat_until_the_pack_is_off(tmp_path):
    clock = FakeClock()
    context = make_context(tmp_path, clock)
    out = io.StringIO()
    therapy = Therapy(TherapySpec("ice", 120), clock)
    PlainTherapy(context, therapy, LineIO(clock, out, io.StringIO()), TimerStore(tmp_path))
    therapy.start()
    for _ in range(43):  # 120 s on, then 95 s before the person says it is off
        clock.advance(5)
        therapy.update()
    therapy.removed()
    text = out.getvalue()
    assert "02:00.0 REMOVE IT NOW: take the cold pack off" in text
    assert "02:30.0 REMOVE IT NOW: overdue by 00:30" in text
    assert "03:30.0 REMOVE IT NOW: overdue by 01:30" in text
    assert text.count("overdue by") == 3
    assert therapy.overdue_at_removal == [95]


def test_a_skin_problem_stops_with_doctor_advice(tmp_path):
    result, out, _therapy, _ = run_therapy(tmp_path, TherapySpec("ice", 60, 1200, 3), "o\nn\n")
    assert result == "stopped"
    assert "SAFETY STOP ▲ SEE YOUR DOCTOR ▲" in out
    assert "Book an appointment with your doctor." in out
    assert "Don't reapply." in out
    assert "ice 2/3" not in out


def test_an_answer_typed_early_is_kept_for_its_question(tmp_path):
    # "n" arrives during the skin rest; it answers the skin check that follows
    result, out, _, _ = run_therapy(tmp_path, TherapySpec("ice", 60, 1200, 2), "o\nn\n")
    assert result == "stopped"
    assert "(end of input: taken as normal" not in out


def test_reminders_fire_on_time_and_the_book_is_saved(tmp_path):
    clock = FakeClock()
    context = make_context(tmp_path, clock)
    store = TimerStore(tmp_path)
    book = ReminderBook()
    book.add_once(25 * 60, clock.wall(), "Reapply heat")
    out = io.StringIO()
    assert PlainReminders(context, book, store, LineIO(clock, out, io.StringIO())).run() == 0
    assert "25:00.0 REMINDER: Reapply heat" in out.getvalue()
    assert store.load_reminders().reminders == []


def test_a_repeating_reminder_offers_its_routine(tmp_path):
    clock = FakeClock()
    context = make_context(tmp_path, clock)
    book = ReminderBook()
    book.add_every(45 * 60, clock.wall(), routine="desk-break")

    out = io.StringIO()
    runner = PlainReminders(context, book, TimerStore(tmp_path), LineIO(clock, out, io.StringIO()))
    for _ in range(2):
        clock.advance(45 * 60)
        runner.fire(book.due(clock.wall())[0], clock.wall())
    text = out.getvalue()
    assert text.count("REMINDER: Time to move") == 2
    assert "when you're ready: unknot run desk-break" in text
    assert "next in 45m" in text
