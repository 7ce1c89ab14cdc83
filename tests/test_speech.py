"""The words a voice says, from the engines' own events on a fake clock."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import routine_from
from tests.strategies import routines
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.prompts import DailyAnswer
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.session import Session
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.checkin import CheckIn
from unknot.core.safety.signs import Stop, emergency_number, load_catalogue
from unknot.core.text import one_line
from unknot.core.words.speech import (
    reminder_speech,
    session_speech,
    speech_for,
    spoken_duration,
    spoken_overdue,
    therapy_speech,
)

UK = emergency_number(None, "GB")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

KNEES = """
version: 1
name: Knees
steps:
  - stretch: Knee to chest
    hold: 30s
    reps: 2
    rest: 5s
    sides: both
  - rest: 1m30s
"""


def spoken_run(text: str, speed: float = 1.0, until: float = 600.0, step: float = 0.25):
    """(routine time, words, important) for everything said in a run, on a fake clock."""
    clock = FakeClock()
    session = Session(build_plan(routine_from(text), speed), clock)
    said: list[tuple[float, str, bool]] = []

    def heard(event):
        speech = session_speech(event)
        if speech is not None:
            said.append((event.elapsed, speech.text, speech.important))

    session.subscribe(heard)
    session.start()
    while not session.finished and session.elapsed() < until:
        clock.advance(step)
        session.update()
    return said, session


def test_a_stretch_is_announced_held_counted_switched_and_finished():
    said, session = spoken_run(KNEES)
    assert session.finished
    assert [(at, words) for at, words, _ in said] == [
        (0.0, "Knee to chest, left side, 2 holds of 30 seconds"),
        (5.0, "Hold"),
        (32.0, "3"),
        (33.0, "2"),
        (34.0, "1"),
        (35.0, "Rest"),
        (37.0, "3"),
        (38.0, "2"),
        (39.0, "1"),
        (40.0, "Hold, 2 of 2"),
        (67.0, "3"),
        (68.0, "2"),
        (69.0, "1"),
        (70.0, "Switch sides, right side"),
        (75.0, "Hold"),
        (102.0, "3"),
        (103.0, "2"),
        (104.0, "1"),
        (105.0, "Rest"),
        (107.0, "3"),
        (108.0, "2"),
        (109.0, "1"),
        (110.0, "Hold, 2 of 2"),
        (137.0, "3"),
        (138.0, "2"),
        (139.0, "1"),
        (140.0, "Rest, 1 minute 30 seconds"),
        (227.0, "3"),
        (228.0, "2"),
        (229.0, "1"),
        (230.0, "Done"),
    ]
    assert not any(important for *_, important in said)


def test_a_preview_says_the_lengths_as_written_on_its_own_faster_clock():
    said, _ = spoken_run(KNEES, speed=10, step=0.05)
    words = [w for _, w, _ in said]
    assert words[0] == "Knee to chest, left side, 2 holds of 30 seconds"
    assert "Rest, 1 minute 30 seconds" in words
    hold = next(at for at, w, _ in said if w == "Hold")
    assert hold == pytest.approx(0.5)  # the 5 s get-ready lasts half a second at speed 10


def test_getting_ready_and_switching_are_not_counted_aloud():
    """The count-in ticks are sounds; a spoken "3" would cut off the step's name."""
    said, _ = spoken_run("version: 1\nname: S\nsteps:\n  - stretch: Cat\n    hold: 4s\n")
    assert [w for _, w, _ in said] == ["Cat, 4 seconds", "Hold", "3", "2", "1", "Done"]


def test_paced_reps_are_counted_and_breaths_are_guided():
    text = """
version: 1
name: S
steps:
  - exercise: Pelvic tilt
    reps: 3
    pace: 2s
  - breathe: Slow breaths
    for: 20s
    in: 4s
    out: 6s
"""
    said, _ = spoken_run(text)
    assert [(at, w) for at, w, _ in said] == [
        (0.0, "Pelvic tilt, 3 times"),
        (5.0, "Go"),
        (7.0, "2"),
        (9.0, "3"),
        (11.0, "Slow breaths, 20 seconds"),
        (16.0, "Breathe in"),
        (20.0, "Breathe out"),
        (26.0, "Breathe in"),
        (30.0, "Breathe out"),
        (36.0, "Done"),
    ]


def test_notes_sets_and_check_ins_are_read_out():
    text = """
version: 1
name: S
steps:
  - note: Lie on your back on the floor.
  - exercise: Bridges
    reps: 8
  - check: How is it going
"""
    clock = FakeClock()
    session = Session(build_plan(routine_from(text)), clock)
    said = []
    session.subscribe(lambda e: said.append(session_speech(e)))
    session.start()
    session.next()
    session.next()
    words = [s.text for s in said if s is not None]
    assert words == [
        "Lie on your back on the floor.",
        "Bridges, 8 times",
        "How is it going, how is your pain, from 0 to 10?",
    ]


def visit_saying(number=UK):
    """A visit on a fake clock, and what a voice would say of all it announces."""
    clock = FakeClock()
    visit = Visit(clock, load_catalogue(), number)
    said: list = []
    visit.subscribe(lambda h: said.append(speech_for(h, visit)))
    return visit, clock, said


def begin(visit, text=KNEES):
    visit.start_routine(build_plan(routine_from(text)))
    visit.answer(visit.prompt, DailyAnswer.NONE_OF_THESE)  # the day's check
    visit.answer(visit.prompt, 2)  # pain before


@pytest.mark.parametrize(
    ("level", "words"),
    [
        ("emergency", "Call 999 now. Don't drive yourself."),
        ("urgent", "Stop now. Get medical advice today."),
        ("doctor", "Stop this routine. Book an appointment with your doctor."),
        ("stop-exercise", "Stop this exercise now. Rest. Don't push through it."),
    ],
)
def test_a_safety_stop_says_its_action_once_and_nothing_cuts_it_off(level, words):
    visit, clock, said = visit_saying()
    begin(visit)
    clock.advance(12)
    visit.update()
    said.clear()
    visit.report_stop(Stop(level, "a sign", "sign"))
    spoken = [s for s in said if s is not None]
    assert [s.text for s in spoken if s.important] == [words]
    clock.advance(60)
    visit.update()
    assert [s.text for s in said if s is not None and s.important] == [words]  # once


def test_a_pain_check_in_that_stops_the_routine_speaks_the_stop():
    visit, _clock, said = visit_saying()
    begin(visit, "version: 1\nname: S\nsteps:\n  - check: How is it\n")
    visit.answer(visit.prompt, CheckIn(pain=9))
    assert [s.text for s in said if s is not None and s.important] == [
        "Stop this exercise now. Rest. Don't push through it."
    ]


def test_a_stop_with_a_pack_on_says_to_take_it_off():
    visit, _clock, said = visit_saying()
    begin(visit, "version: 1\nname: S\nsteps:\n  - ice: Cold pack\n    on: 10m\n")
    visit.report_stop(Stop("emergency", "chest pain"))
    important = [s.text for s in said if s is not None and s.important]
    assert important[0] == "Call 999 now. Don't drive yourself. Take off any ice or heat pack now."
    assert important[1].startswith("Take the cold pack off now")  # its alarm, at once


def test_without_a_known_number_the_stop_says_what_to_call():
    visit, _clock, said = visit_saying(emergency_number(None, None))
    begin(visit)
    visit.report_stop(Stop("emergency", "x"))
    spoken = [s.text for s in said if s is not None and s.important]
    assert spoken[-1].startswith("Call your local emergency number (112 in much of the world)")


def test_a_cold_pack_is_put_on_taken_off_rested_and_checked_aloud():
    clock = FakeClock()
    spec = TherapySpec("ice", on=1200, off=1200, cycles=2)
    therapy = Therapy(spec, clock)
    said = []
    therapy.subscribe(lambda e: said.append((e.name.value, therapy_speech(e, spec))))
    therapy.start()
    clock.advance(1140)
    therapy.update()
    clock.advance(60)
    therapy.update()
    clock.advance(95)  # nobody answered: the alarm repeats, saying how late it is
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    therapy.skin_checked(normal=True)
    therapy.next_cycle()
    words = [(name, s.text if s else None, s.important if s else None) for name, s in said]
    assert words == [
        (
            "started",
            "Put the cold pack on now, for 20 minutes, with a thin towel between the pack "
            "and your skin.",
            False,
        ),
        ("warning", "One minute left. Get ready to take the cold pack off.", False),
        ("remove", "Take the cold pack off now.", True),
        ("alarm", "Take the cold pack off now. It is 1 minute over.", True),
        ("removed", "Pack off. Let your skin rest for 20 minutes.", False),
        (
            "rest-over",
            "Look at your skin where the pack was. White, grey or waxy, numb, blistered or "
            "very red skin: don't put the pack on again.",
            False,
        ),
        ("skin-ok", "Your skin is fine. You may put the pack on again when you're ready.", False),
        (
            "next-cycle",
            "Put the cold pack on now, for 20 minutes, with a thin towel between the pack "
            "and your skin.",
            False,
        ),
    ]


def test_a_heat_pack_restored_after_a_suspend_says_how_late_it_is_off_once():
    clock = FakeClock()
    spec = TherapySpec("heat", on=600, off=1200)
    therapy = Therapy(spec, clock)
    therapy.start()
    state = therapy.to_state()
    clock.advance(600 + 7 * 60 + 20)  # the laptop slept through the end
    restored = Therapy.from_state(state, clock)
    said = []
    restored.subscribe(lambda e: said.append(therapy_speech(e, spec)))
    restored.update()
    assert [s.text for s in said] == ["Take the heat pack off now. It is 7 minutes over."]
    restored.removed()
    clock.advance(1200)
    restored.update()
    restored.skin_checked(normal=True)  # the last application: done
    assert [s.text for s in said if s is not None][-1] == "Done"


def test_a_bad_skin_check_says_not_to_reapply():
    clock = FakeClock()
    spec = TherapySpec("ice", on=600, off=1200, cycles=3)
    therapy = Therapy(spec, clock)
    therapy.start()
    clock.advance(600)
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    said = []
    therapy.subscribe(lambda e: said.append(therapy_speech(e, spec)))
    therapy.skin_checked(normal=False)
    assert [(s.text, s.important) for s in said] == [("Don't put the pack on again.", True)]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (30, "30 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (1200, "20 minutes"),
        (3900, "1 hour 5 minutes"),
        (7322, "2 hours 2 minutes 2 seconds"),
        (2.5, "2.5 seconds"),
        (29.6, "30 seconds"),
        (0, "0 seconds"),
    ],
)
def test_durations_are_spelled_for_the_ear(seconds, words):
    assert spoken_duration(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (40.2, "41 seconds"), (60, "1 minute"), (179, "2 minutes")],
)
def test_lateness_is_said_to_the_minute(seconds, words):
    assert spoken_overdue(seconds) == words


def test_a_reminder_says_its_own_words_without_control_characters():
    book = ReminderBook()
    raw = "Reapply\x1b[31m heat\x07\n now"
    said = reminder_speech(book.add_once(60, 0.0, raw)).text
    assert said == one_line(raw)  # the one sanitizer
    assert not CONTROL.search(said) and said.startswith("Reapply") and said.endswith("heat now")
    assert reminder_speech(book.add_once(60, 0.0, " \t ")).text == "Reminder"


SHORT_FORMS = re.compile(r"\d+[hms]\b|\d+:\d\d")


@settings(max_examples=30, deadline=None)
@given(routines, st.sampled_from([1.0, 7.0]))
@example(routine_from("version: 1\nname: N\nsteps:\n  - stretch: 0s\n    hold: 5s\n"), 1.0)
def test_every_phrase_of_any_routine_is_one_clean_line_for_the_ear(routine, speed):
    clock = FakeClock()
    session = Session(build_plan(routine, speed), clock)
    said = []
    session.subscribe(lambda e: said.append(session_speech(e)))
    session.start()
    while not session.finished:
        deadline = session.next_deadline()
        if deadline is None:  # a step that waits for the person
            session.next()
        else:
            clock.advance(deadline - clock.now())
            session.update()
    phrases = [s.text for s in said if s is not None]
    assert phrases and phrases[-1] == "Done"
    # The writer's own words may say "0s"; only the program's words are held to the rule.
    theirs = sorted(
        {one_line(v) for step in routine.steps for v in vars(step).values() if isinstance(v, str)}
        - {""},
        key=len,
        reverse=True,
    )
    for text in phrases:
        assert text.strip() and not CONTROL.search(text), repr(text)
        ours = text
        for words in theirs:
            ours = ours.replace(words, "")
        assert not SHORT_FORMS.search(ours), text  # durations in words, never "1m30s"
