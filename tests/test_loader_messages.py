"""Errors name the root cause first, once, in words a routine writer can act on."""

import re

import pytest

from unknot.core.format import routine as model
from unknot.core.format.loader import load_text
from unknot.core.safety.checkin import Answer, answer, question_parts

HEAD = "version: 1\nname: Test\n"


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in load_text(text, "r.yaml", "r").problems]


def only(text: str) -> tuple[int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- the root cause, and only it ---


def test_an_unknown_kind_is_named_with_the_kinds():
    line, col, message = only(HEAD + "steps:\n  - yoga: Downward dog\n    hold: 30s\n")
    assert (line, col) == (4, 5)
    assert message == (
        "'yoga' is not a step kind; the kinds are stretch, exercise, rest, breathe, ice, "
        "heat, check, note"
    )


def test_a_misspelt_kind_gets_a_suggestion():
    message = only(HEAD + "steps:\n  - strech: Knee\n    hold: 5s\n")[2]
    assert message.startswith("'strech' is not a step kind;")
    assert message.endswith("did you mean 'stretch'?")


def test_a_step_with_only_known_keys_still_says_it_has_no_kind():
    assert "this step has no kind" in only(HEAD + "steps:\n  - how: Do it\n")[2]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            HEAD + "steps:\n  - stretch: Knee\n    hodl: 30s\n",
            (5, 5),
            "unknown key 'hodl'; did you mean 'hold'?",
        ),
        (
            HEAD + "defaults:\n  hodl: 5s\nsteps:\n  - stretch: Knee\n",
            (4, 3),
            "unknown key 'hodl'; did you mean 'hold'?",
        ),
        (
            HEAD + "defualts:\n  hold: 5s\nsteps:\n  - stretch: Knee\n",
            (3, 1),
            "unknown key 'defualts'; did you mean 'defaults'?",
        ),
        (
            "version: 1\nnmae: T\nsteps:\n  - rest: 5s\n",
            (2, 1),
            "unknown key 'nmae'; did you mean 'name'?",
        ),
        (
            HEAD + "stpes:\n  - rest: 5s\n",
            (3, 1),
            "unknown key 'stpes'; did you mean 'steps'?",
        ),
        (
            HEAD + "steps:\n  - breathe: B\n    fro: 1m\n",
            (5, 5),
            "unknown key 'fro'; did you mean 'for'?",
        ),
    ],
)
def test_a_typo_is_the_one_message_not_what_follows_from_it(text, where, message):
    assert only(text) == (*where, message)


def test_a_broken_default_is_reported_once_not_at_every_step():
    text = HEAD + "defaults:\n  hold: soon\nsteps:\n  - stretch: A\n  - stretch: B\n"
    line, col, message = only(text)
    assert (line, col) == (4, 9) and message.startswith("defaults.hold: 'soon' is not")


def test_a_missing_hold_with_an_unrelated_unknown_key_is_two_causes():
    found = problems(HEAD + "steps:\n  - stretch: Knee\n    zebra: 1\n")
    assert [m.split(";")[0] for _, _, m in found] == [
        "a stretch step needs 'hold:' (or a hold in defaults), like hold: 20s",
        "unknown key 'zebra' in a stretch step",
    ]


def test_an_invisible_character_in_a_key_is_shown():
    assert only(HEAD + "steps:\n  - stretch: a\n    hold\u200b: 5s\n") == (
        5,
        5,
        "unknown key 'hold<U+200B>'; did you mean 'hold'?",
    )


# --- YAML's own errors, translated ---


@pytest.mark.parametrize(
    ("text", "where", "start"),
    [
        (HEAD + "steps:\n\t- rest: 5s\n", (4, 1), "this line is indented with a tab; use spaces"),
        (
            HEAD + "steps:\n  - stretch: a\n  \thold: 5s\n",
            (5, 3),
            "this line is indented with a tab; use spaces, not tabs",
        ),
        (
            'version: 1\nname: "abc\nsteps:\n  - rest: 5s\n',
            (2, 7),
            'the quote " that starts here is never closed; end the text with "',
        ),
        (
            "version: 1\nname: 'abc\nsteps:\n  - rest: 5s\n",
            (2, 7),
            "the quote ' that starts here is never closed",
        ),
        (HEAD + "steps:\n  - stretch: a\n   hold: 5s\n", (5, 4), "this line is not indented"),
        (HEAD + "steps:\n  - stretch: a\n      hold: 5s\n", (5, 7), "this line is not indented"),
        ("version: 1\n name: x\nsteps:\n  - rest: 5s\n", (2, 2), "this line is not indented"),
        (
            "version: 1\nname: Knee: chest\nsteps:\n  - rest: 5s\n",
            (2, 11),
            "a second ': ' in one line; put the value in quotes, like name: \"Knee: chest\"",
        ),
        (HEAD + "tags: [a, b\nsteps:\n  - rest: 5s\n", (3, 7), "the [ here is never closed"),
        ("version: 1\nname: x\nsteps\n  - rest: 5s\n", (3, 1), "a key needs a ':' after it"),
        ("version: 1\nname: 'a' b\nsteps:\n  - rest: 5s\n", (2, 11), "text after the closing"),
        ("version: 1\nname: @me\nsteps:\n  - rest: 5s\n", (2, 7), "a value can't start with @"),
        ("version: 1\nname: x\n- rest: 5s\n", (3, 1), "a list item where a 'key:' line"),
        ('version: 1\nname: "a\\qb"\nsteps:\n  - rest: 5s\n', (2, 9), "a backslash in double"),
    ],
)
def test_yaml_errors_say_what_to_fix(text, where, start):
    line, col, message = only(text)
    assert (line, col) == where
    assert message.startswith(start), message


def test_a_wrong_indent_does_not_blame_a_bracket():
    for text in (
        HEAD + "steps:\n  - stretch: a\n   hold: 5s\n",
        "version: 1\nname: x\n- rest: 5s\n",
    ):
        message = only(text)[2]
        assert "bracket" not in message and "brace" not in message


# --- empty and impossible values ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + "steps: []\n", (3, 8, "steps: has no steps; list them, each starting with '- '")),
        (
            HEAD + "steps:\n",
            (3, 7, "steps: is empty; list the steps under it, each starting with '- '"),
        ),
        (HEAD + "steps:\n  - rest:\n", (4, 10, "rest: is empty; write a duration like 30s")),
        (
            HEAD + "steps:\n  - exercise: a\n    reps:\n",
            (5, 10, "reps: is empty; write a whole number from 1 to 200"),
        ),
        (
            "version:\nname: T\nsteps:\n  - rest: 5s\n",
            (1, 9, "version: is empty; write version: 1"),
        ),
    ],
)
def test_empty_values_say_they_are_empty(text, expected):
    assert only(text) == expected


# Words Python would print for a value; YAML's own spelling (.nan, .inf) is the user's text.
PYTHON_WORDS = re.compile(r"\b(None|True|False)\b|(?<!\.)\b(nan|inf)\b|!!merge|tag:yaml|b'|<class")
BROKEN = [
    HEAD + "steps:\n  - rest:\n",
    HEAD + "steps:\n  - rest: ~\n",
    HEAD + "steps:\n  - stretch: a\n    hold: yes\n",
    HEAD + "steps:\n  - stretch: a\n    hold: 1.5\n",
    HEAD + "steps:\n  - stretch: a\n    hold: .nan\n",
    HEAD + "steps:\n  - stretch: a\n    hold: -.inf\n",
    HEAD + "steps:\n  - stretch: a\n    hold: [1]\n",
    HEAD + "steps:\n  - exercise: a\n    reps: true\n",
    HEAD + "steps:\n  - exercise: a\n    reps: 2.5\n",
    HEAD + "rounds: off\nsteps:\n  - rest: 5s\n",
    "version: true\nname: T\nsteps:\n  - rest: 5s\n",
    "version: ~\nname: T\nsteps:\n  - rest: 5s\n",
    "version: 2.0\nname: T\nsteps:\n  - rest: 5s\n",
    "version: 1\nname: ~\nsteps:\n  - rest: 5s\n",
    HEAD + "steps:\n  - stretch: a\n    hold: 5s\n    sides: false\n",
    HEAD + "base: &b {hold: 5s}\nsteps:\n  - stretch: a\n    <<: *b\n",
    HEAD + "steps:\n  - check: c\n    ask: [{ask: Q, stop_if: null}]\n",
    HEAD + "sounds:\n  start: false\nsteps:\n  - rest: 5s\n",
    HEAD + "steps:\n  - rest: !!binary aGVsbG8=\n",
    HEAD + "\x07: bell\nsteps:\n  - rest: 5s\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_no_python_words_in_any_message(text):
    found = problems(text)
    assert found, text
    for _, _, message in found:
        assert not PYTHON_WORDS.search(message), message


# --- numbers ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1" + "0" * 400, "hold: '100000000000…' is too long to be a duration"),
        ("9" * 5000, "hold: '999999999999…' is too long to be a duration"),
        ("1:30", "hold: '1:30' is not a duration here; write 1m30s"),
        ("'1:30'", "hold: '1:30' is not a duration here; write 1m30s"),
        ("1:30:00", "hold: '1:30:00' is not a duration here; write 1h30m"),
    ],
)
def test_numbers_too_big_or_in_base_60_are_messages(value, expected):
    line, col, message = only(HEAD + f"steps:\n  - stretch: a\n    hold: {value}\n")
    assert (line, col) == (5, 11)
    assert message.startswith(expected), message


@pytest.mark.parametrize("key", ["rounds", "version"])
def test_huge_whole_numbers_are_messages(key):
    text = HEAD.replace("version: 1\n", "") + "steps:\n  - rest: 5s\n"
    text = ("version: 1\n" if key != "version" else "") + f"{key}: 1{'0' * 5000}\n" + text
    message = only(text)[2]
    assert "'1000000000" in message and "…'" in message and len(message) < 120


def test_quoted_numbers_are_read_as_numbers_everywhere():
    text = (
        "version: '1'\nname: T\nrounds: '2'\n"
        "steps:\n  - exercise: E\n    reps: '12'\n    pace: '3'\n"
        '  - heat: H\n    cycles: "2"\n'
    )
    routine = load_text(text, "r.yaml", "r").routine
    assert routine is not None
    assert (routine.version, routine.rounds) == (1, 2)
    assert routine.steps[0].reps == 12 and routine.steps[0].pace == 3
    assert routine.steps[1].cycles == 2


def test_whole_numbers_are_decimal_and_nothing_else():
    routine = load_text(HEAD + "steps:\n  - exercise: E\n    reps: 010\n", "r.yaml", "r").routine
    assert routine is not None and routine.steps[0].reps == 10  # YAML 1.1 would say 8
    for other in ("0x10", "0b11", "1_0", "0o7"):
        message = only(HEAD + f"steps:\n  - exercise: E\n    reps: {other}\n")[2]
        assert message == f"reps: '{other}' should be a whole number from 1 to 200"


def test_merge_keys_are_refused_by_name():
    line, col, message = only(HEAD + "base: &b {hold: 5s}\nsteps:\n  - stretch: a\n    <<: *b\n")
    assert (line, col) == (6, 5)
    assert message.startswith("'<<' (a YAML merge key) is not supported")


def test_deep_nesting_is_a_message_not_a_recursion_error():
    line, _, message = only(HEAD + "steps: " + "[" * 990 + "]" * 990 + "\n")
    assert line == 3 and "nested more than 64 deep" in message


# --- one line means one line ---


@pytest.mark.parametrize("brk", ["\\n", "\\r", "\\L", "\\P", "\\N", "\\r\\n"])
def test_names_titles_and_signs_refuse_line_breaks(brk):
    name = only(f'version: 1\nname: "Walk {brk}## Warning signs"\nsteps:\n  - rest: 5s\n')
    assert name[:2] == (2, 7) and name[2].startswith("name: is more than one line")
    title = only(HEAD + f'steps:\n  - stretch: "Knee{brk}x"\n    hold: 5s\n')
    assert title[2].startswith("stretch: is more than one line")
    sign = only(HEAD + f'stop_if: ["a{brk}b"]\nsteps:\n  - rest: 5s\n')
    assert sign[2] == "stop_if: an item is more than one line; keep each to one line"


def test_notes_and_instructions_keep_their_lines():
    text = HEAD + 'steps:\n  - note: "one\\ntwo"\n  - stretch: S\n    hold: 5s\n    how: "a\\nb"\n'
    routine = load_text(text, "r.yaml", "r").routine
    assert routine is not None and routine.steps[0].title == "one\ntwo"


# --- ask polarity ---


def test_ask_takes_text_or_a_question_with_the_answer_that_stops():
    text = HEAD + (
        "steps:\n  - check: After the pack\n    ask:\n"
        "      - Did the pain spread down a leg?\n"
        "      - ask: Did the skin look normal after the pack came off?\n"
        "        stop_if: no\n"
        "      - {ask: Any blisters?, stop_if: yes}\n"
        "      - {ask: Is it numb?}\n"
    )
    check = load_text(text, "r.yaml", "r").routine.steps[0]
    assert check.ask == (
        model.Question("Did the pain spread down a leg?", True),
        model.Question("Did the skin look normal after the pack came off?", False),
        model.Question("Any blisters?", True),
        model.Question("Is it numb?", True),
    )


def test_a_question_records_the_answer_that_stopped():
    normal = question_parts(model.Question("Did the skin look normal?", stops_on=False))
    assert answer(normal, True) == Answer("Did the skin look normal?", True, False)
    assert answer(normal, False) == Answer("Did the skin look normal?", False, True)
    spread = question_parts(model.Question("Did it spread?"))
    assert answer(spread, True) == Answer("Did it spread?", True, True)
    assert answer(spread, False) == Answer("Did it spread?", False, False)


@pytest.mark.parametrize(
    ("item", "where", "message"),
    [
        ("{ask: Q, stop_if: maybe}", (6, 27), "ask.stop_if: 'maybe' should be yes or no"),
        ("{stop_if: no}", (6, 9), "ask: a question needs 'ask:', the question itself"),
        ("{aks: Q}", (6, 10), "unknown key 'aks'; did you mean 'ask'?"),
        ("{ask: ''}", (6, 15), "ask: an item is empty"),
        ("{ask: [a, b]}", (6, 15), "ask.ask: expected a single value, found a list"),
        ('{ask: "a\\nb"}', (6, 15), "ask: an item is more than one line"),
    ],
)
def test_ask_mistakes_are_located(item, where, message):
    text = HEAD + f"steps:\n  - check: C\n    ask:\n      - {item}\n"
    line, col, found = only(text)
    assert (line, col) == where
    assert found.startswith(message), found
