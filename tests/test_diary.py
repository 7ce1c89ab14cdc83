"""The pain diary's questions and rules, in the engine: one order and one wording for both
faces, a warning sign that stops it at once, and no entry without an answer."""

from __future__ import annotations

import pytest

from unknot.core.safety.diary import Diary, questions
from unknot.core.safety.signs import DIARY_SIGN, load_catalogue, stop_for

CATALOGUE = load_catalogue()
SIGN = CATALOGUE.get(DIARY_SIGN)


def test_the_warning_sign_is_asked_in_the_catalogues_own_words():
    assert SIGN is not None
    (asked,) = [q for q in questions(CATALOGUE) if q.sign is not None]
    assert (asked.key, asked.words, asked.kind, asked.sign) == (
        "bladder_bowel",
        SIGN.words,
        "yes-no",
        SIGN,
    )


def test_a_yes_to_the_warning_sign_stops_the_diary_at_once():
    diary = Diary(CATALOGUE)
    asked = []
    while (question := diary.next) is not None:
        asked.append(question.key)
        value = {"pain": 4, "text": "typed", "yes-no": question.sign is not None}[question.kind]
        diary.answer(question.key, value)
    assert asked[-1] == "bladder_bowel"  # nothing after it
    assert "medicines" not in asked and "notes" not in asked
    assert SIGN is not None and diary.stop == stop_for(SIGN)
    assert diary.stop.level == "emergency"
    assert diary.values()["medicines"] == ""


def test_a_no_to_the_warning_sign_asks_everything():
    diary = Diary(CATALOGUE)
    asked = []
    while (question := diary.next) is not None:
        asked.append(question.key)
        diary.answer(question.key, {"pain": None, "text": "", "yes-no": False}[question.kind])
    assert asked == [q.key for q in questions(CATALOGUE)]
    assert diary.stop is None


def test_a_form_hands_over_every_box_and_the_sign_still_stops_it():
    """A form may pass what was typed below the sign's box: it is kept, and the stop holds."""
    diary = Diary(CATALOGUE)
    assert diary.answer("bladder_bowel", True) is not None
    diary.answer("medicines", "my own words")
    assert diary.next is None and diary.stop is not None
    assert diary.values()["medicines"] == "my own words"


def test_nothing_answered_is_an_empty_entry():
    diary = Diary(CATALOGUE)
    assert diary.empty  # nothing asked yet
    for question in questions(CATALOGUE):
        diary.answer(question.key, {"pain": None, "text": "  ", "yes-no": False}[question.kind])
    assert diary.empty


@pytest.mark.parametrize(
    ("key", "value"), [("pain", 0), ("location", "low back"), ("stiffness", True)]
)
def test_any_one_answer_makes_an_entry(key, value):
    diary = Diary(CATALOGUE)
    diary.answer(key, value)
    assert not diary.empty
    assert diary.values()[key] == value


@pytest.mark.parametrize(("key", "value"), [("pain", 11), ("pain", "4"), ("stiffness", "y")])
def test_an_answer_of_the_wrong_shape_is_refused(key, value):
    with pytest.raises(ValueError):
        Diary(CATALOGUE).answer(key, value)
