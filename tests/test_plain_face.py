"""The line face in process, on a fake clock: what it says, what it asks, and what it never
takes as said when input ends."""

from __future__ import annotations

from tests.conftest import make_plain, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.therapy import TherapySpec

COLD = routine_from(
    """version: 1
name: Cold
steps:
  - stretch: Ease in
    hold: 5s
  - ice: Cool the back
    on: 2m
    off: 20m
  - check: After the cold
    ask:
      - {ask: Did the skin look normal?, stop_if: no}
  - rest: 10s
""",
    "cold",
)

TWICE = routine_from(
    """version: 1
name: Twice
steps:
  - ice: Cool the back
    on: 2m
    off: 20m
    cycles: 2
  - rest: 10s
""",
    "twice",
)


def an_hour_at_most(clock: FakeClock) -> None:
    """Ctrl+C an hour into the run: a face that waits for ever says so, rather than hanging."""
    start = clock.now()

    def ctrl_c() -> None:
        if clock.now() - start > 3600:
            raise KeyboardInterrupt

    clock.on_change(ctrl_c)


def therapy_done(face) -> bool:
    therapy = face.visit.therapy
    return (therapy is None or not therapy.active) and face.visit.prompt is None


def test_a_timer_runs_to_the_end_with_answers_as_typed(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "o\ny\n\no\ny\n")
    face.visit.start_therapy(TherapySpec("heat", 600, 1200, 2))
    assert face.run(lambda: therapy_done(face)) == 0
    text = out.getvalue()
    assert "00:00.0 heat 1/2: ON for 10m — a thin towel" in text
    assert "09:00.0 one minute left: get ready to take it off" in text
    assert "10:00.0 REMOVE IT NOW: take the heat pack off" in text
    assert "30:00.0 skin rest over" in text
    assert text.count("heat 2/2: ON") == 1  # the second application is said once
    assert "heat 2/2: ON again for 10m — a thin towel" in text
    assert text.rstrip().endswith("done: heat, 2 applications")
    assert not (tmp_path / "therapy.json").exists()  # nothing left running


def test_alarms_repeat_every_30_seconds_until_the_pack_is_off(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "")
    face.visit.start_therapy(TherapySpec("ice", 120))
    for _ in range(43):  # 120 s on, then 95 s past its time
        clock.advance(5)
        face.runtime.settle()
    text = out.getvalue()
    assert "REMOVE IT NOW: take the cold pack off" in text
    assert "02:30.0 REMOVE IT NOW: overdue by 00:30" in text
    assert "03:30.0 REMOVE IT NOW: overdue by 01:30" in text
    assert text.count("REMOVE IT NOW: overdue by") == 3


def test_at_the_end_of_input_the_pack_is_never_taken_as_off(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "")
    face.visit.start_therapy(TherapySpec("ice", 120))
    start = clock.now()

    def ctrl_c_after_ten_minutes() -> None:
        if clock.now() - start > 600:
            raise KeyboardInterrupt

    clock.on_change(ctrl_c_after_ten_minutes)
    assert face.run(lambda: False) == 130
    text = out.getvalue()
    assert "taken as removed" not in text
    assert "nothing can tell unknot the pack is off" in text
    assert "02:30.0 REMOVE IT NOW: overdue by 00:30" in text
    assert "03:30.0 REMOVE IT NOW: overdue by 01:30" in text
    assert text.count("REMOVE IT NOW: overdue by") == 16  # every 30 s for 8 minutes
    assert face.visit.therapy is not None and face.visit.therapy.pack_on
    assert (tmp_path / "therapy.json").exists()  # and the timer is kept for the next start
    assert text.rstrip().endswith("the timer is saved; run the same command to go back to it")


def test_an_empty_answer_at_the_skin_check_asks_again(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "o\n\n\ny\n")
    face.visit.start_therapy(TherapySpec("ice", 120))
    assert face.run(lambda: therapy_done(face)) == 0
    text = out.getvalue()
    assert text.count("Look at your skin. Is it normal?") == 3
    assert "taken as normal" not in text


def test_empty_lines_are_never_asked_faster_than_once_a_second(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "o\n" + "\n" * 200 + "y\n")
    face.visit.start_therapy(TherapySpec("ice", 120))
    started = clock.now()
    face.run(lambda: therapy_done(face))
    asked = out.getvalue().count("Look at your skin. Is it normal?")
    assert asked == 201
    assert clock.now() - started >= 120 + 1200 + 199  # a second between each re-ask


def test_a_routine_with_an_ice_step_keeps_its_time_and_records_a_stop_once(tmp_path):
    clock = FakeClock()
    answers = "c\n3\no\ny\n4\nn\ne\n"  # day's check, pain; off, skin ok; check-in: no -> stop
    face, out = make_plain(tmp_path, clock, answers)
    face.visit.start_routine(build_plan(COLD))
    face.run(lambda: face.visit.session is None)
    text = out.getvalue()
    lines = text.splitlines()
    ice_line = next(i for i, line in enumerate(lines) if "ice 1/1: ON" in line)
    after = [line.split()[0] for line in lines[ice_line:] if line[:2].isdigit()]
    assert all(stamp >= "00:10" for stamp in after)  # the routine's time goes on: no 00:00.0
    assert "Did the skin look normal? y/n (n = stop)" in text
    assert "SAFETY STOP" in text
    store = face.runtime.context.store
    assert len(store.rows("safety")) == 1
    assert len(store.rows("checkins")) == 1
    assert store.sessions()[0].outcome == "safety stop"


def test_a_real_check_in_is_never_answered_by_the_end_of_input(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "c\n2\no\ny\n")
    face.visit.start_routine(build_plan(COLD))
    assert face.run(lambda: face.visit.session is None) == 1
    text = out.getvalue()
    assert "the check-in can't be answered, so the routine ends here" in text
    assert not face.runtime.context.store.rows("checkins")


def test_a_preview_takes_every_default_and_keeps_nothing(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "")
    face.visit.start_routine(build_plan(COLD, 20))
    assert face.run(lambda: face.visit.session is None) == 0
    text = out.getvalue()
    assert "(end of input, preview:" in text
    assert "done: Cold completed" in text
    assert not face.runtime.context.store.sessions()
    assert not (tmp_path / "therapy.json").exists()


def test_a_preview_of_two_applications_at_the_end_of_input_goes_on_to_the_next_step(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "")
    an_hour_at_most(clock)
    face.visit.start_routine(build_plan(TWICE, 20))
    assert face.run(lambda: face.visit.session is None) == 0
    text = out.getvalue()
    assert "(end of input, preview: no)" in text  # no second application
    assert "step 2/2 rest 10s" in text
    assert text.rstrip().endswith("done: Twice completed")


def test_f_after_the_first_of_two_applications_goes_on_with_the_routine(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "c\n3\no\ny\nf\n2\n")
    an_hour_at_most(clock)
    face.visit.start_routine(build_plan(TWICE))
    assert face.run(lambda: face.visit.session is None and face.visit.prompt is None) == 0
    text = out.getvalue()
    assert "ice 2/2" not in text
    assert "done: ice, 1 application" in text
    assert "step 2/2 rest 10s" in text
    assert "done: Twice completed" in text
    store = face.runtime.context.store
    assert [s.outcome for s in store.sessions()] == ["completed"]
    assert len(store.rows("therapy")) == 1


CHECKED = routine_from(
    """version: 1
name: Checked
stop_if: [Hip clicks]
steps:
  - check: Start
  - check: Later
  - rest: 1s
  - rest: 1s
""",
    "checked",
)


def test_a_stop_exercise_skips_to_the_next_step_which_waits_for_the_person(tmp_path):
    clock = FakeClock()
    # no pain before; check-ins: pain 2 and "n"; then pain 6 (three above the start): a
    # stop; s skips to the rests, which wait, paused, until p
    typed = "\n2\nn\n6\nn\ns\np\n"
    face, out = make_plain(tmp_path, clock, typed, pause=3.0)
    face.visit.start_routine(build_plan(CHECKED))
    assert face.run(lambda: face.visit.session is None) == 0
    text = out.getvalue()
    assert "check-in: pain 2/10" in text and "check-in: pain 6/10" in text
    assert "SAFETY STOP ■ STOP THIS EXERCISE ■" in text
    assert "You reported: Pain rose from 2 to 6 out of 10 during the session." in text
    assert text.index("SAFETY STOP") < text.index("step 3/4 rest 1s") < text.index("resumed")
    assert "done: Checked finished, 1 step stopped for safety" in text  # never "completed"


def test_a_stop_answered_before_it_could_be_read_is_not_taken(tmp_path):
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "\n9\nn\ns\n", pause=0.0)
    face.visit.start_routine(build_plan(CHECKED))
    face.run(lambda: face.visit.session is None)
    text = out.getvalue()
    assert "Read this first." in text  # the s typed ahead of the stop counted for nothing
    assert "stopped: safety stop" in text  # and at the end of input, it ends the routine


def test_the_days_stop_is_said_again_and_c_then_y_lifts_it(tmp_path):
    """The line face opens on the emergency reported earlier today; `c` (once it is read) and
    yes let routines start again."""
    from unknot.core.safety.daystop import DayStop
    from unknot.store.timers import TimerStore

    clock = FakeClock()
    earlier = DayStop.reported("urgent", "Fever", "fever", "Stop.", clock.wall() - 600)
    TimerStore(tmp_path).save_day_stop(earlier)
    # a c before the stop is read, then c; a y before the question is read, then y
    face, out = make_plain(tmp_path, clock, "c\nc\ny\ny\n", pause=1.5)
    assert face.run(lambda: True) == 0
    text = out.getvalue()
    assert "SAFETY STOP ▲▲ URGENT — TODAY ▲▲" in text
    assert "  Until midnight unknot starts no routine and no new cold or heat pack" in text
    assert "or c if you have been seen by a doctor or nurse" in text
    assert "Have you been seen by a doctor or nurse about this" in text
    assert "Read this first." in text
    assert face.visit.held is None and not (tmp_path / "stop.json").exists()
    assert face.visit.start_routine(build_plan(COLD)) is None


def test_the_line_face_says_the_doctor_nudge_once_as_the_textual_one_does(tmp_path):
    from unknot.store.history import DiaryEntry, Store
    from unknot.store.report import NO_IMPROVEMENT

    clock = FakeClock()
    store = Store(tmp_path)
    for day in range(12):  # a diary of twelve days with no improvement
        store.diary(DiaryEntry(at=clock.wall() - (12 - day) * 86400, pain=5))
    store.close()
    _face, out = make_plain(tmp_path, clock)
    assert f"Worth a doctor's visit: {NO_IMPROVEMENT}" in out.getvalue()
    _again, out = make_plain(tmp_path, clock)  # not again for a while
    assert NO_IMPROVEMENT not in out.getvalue()


def test_q_at_a_check_in_ends_the_routine_after_asking(tmp_path):
    """Stopping always wins: q at a check-in's pain line asks to end the routine, as q does
    while it runs; the check-in is not taken as answered."""
    clock = FakeClock()
    face, out = make_plain(tmp_path, clock, "\nq\ny\n", pause=0.5)
    face.visit.start_routine(build_plan(CHECKED))
    assert face.run(lambda: face.visit.session is None) == 0
    text = out.getvalue()
    assert "Pain now, 0 to 10 (Enter skips; q ends the routine):" in text
    assert "End this routine now?" in text
    assert "stopped: ended early" in text
    assert "Pain is a number from 0 to 10." not in text
    assert not face.runtime.context.store.rows("checkins")
