"""The engine's words and state as a new user meets them: stops out of a routine, the skin
rest after a pack."""

from __future__ import annotations

import datetime

from tests.test_visit import GB, Harness
from unknot.core.engine.prompts import RemovePackPrompt, SkinCheckPrompt, StopPrompt
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import TherapySpec
from unknot.core.safety.signs import advice
from unknot.core.words.glance import status_pieces


def test_a_skin_problem_after_a_heat_timer_on_its_own_says_nothing_of_a_routine():
    h = Harness()
    assert h.visit.start_therapy(TherapySpec("heat", on=60)) is None
    h.wait(60)
    h.answer(None, RemovePackPrompt)
    for _ in range(25):  # through the skin rest to the skin check
        if isinstance(h.front(), SkinCheckPrompt):
            break
        h.wait(60)
    h.answer(False, SkinCheckPrompt)
    stop = h.front()
    assert isinstance(stop, StopPrompt) and not stop.in_routine
    words = [stop.advice.headline, *stop.advice.actions]
    assert not any("routine" in line or "exercise" in line for line in words), words
    assert stop.advice.headline == "Book an appointment with your doctor."


def test_stops_out_of_a_routine_never_say_stop_this_routine_or_exercise():
    for level in ("doctor", "stop-exercise"):
        for pack in (False, True):
            words = advice(level, GB, pack, in_routine=False)
            said = " ".join([words.headline, *words.actions])
            assert "routine" not in said and "exercise" not in said, said
    assert advice("stop-exercise", GB, in_routine=False).actions[0] == (
        "Stop what you are doing now."
    )
    # In a routine the words are as they were.
    assert advice("doctor", GB).actions[0] == "Stop this routine."
    assert advice("stop-exercise", GB).actions[0] == "Stop this exercise now."


def test_the_glance_shows_the_skin_rest_until_it_is_over():
    now = 1_780_315_200.0
    empty = ReminderBook()
    five_minutes_ago = now - 300
    pieces = status_pieces(None, empty, now, skin_off=five_minutes_ago)
    ends = datetime.datetime.fromtimestamp(now + 15 * 60)
    assert pieces.pack == f"skin rest until {ends:%H:%M}"
    assert pieces.pack_left == "" and pieces.kind == ""  # no timer runs
    assert status_pieces(None, empty, now, skin_off=now - 20 * 60).pack == ""  # rested
    assert status_pieces(None, empty, now, skin_off=None).pack == ""
    # A removal that looks in the future (the wall clock went back) rests the full time.
    later = datetime.datetime.fromtimestamp(now + 20 * 60)
    assert (
        status_pieces(None, empty, now, skin_off=now + 3600).pack
        == f"skin rest until {later:%H:%M}"
    )
