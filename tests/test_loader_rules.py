"""One test per rule of the routine format, each asserting where the problem is reported."""

import pytest

from unknot.core.format import routine as model
from unknot.core.format.loader import load_bytes, load_text
from unknot.store.library import load_file

HEAD = "version: 1\nname: Test\n"


def problems(text: str, routine_id: str = "test"):
    result = load_text(text, "r.yaml", routine_id)
    return [(p.line, p.col, p.severity, p.message) for p in result.problems]


def only(text: str, routine_id: str = "test"):
    found = problems(text, routine_id)
    assert len(found) == 1, found
    return found[0]


def test_the_format_docs_complete_example_loads(tmp_path):
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "routine-format.md").read_text()
    text = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    result = load_text(text, "example.yaml", "example")
    assert result.problems == []
    routine = result.routine
    assert routine is not None
    assert [s.kind for s in routine.steps] == [
        "note",
        "stretch",
        "exercise",
        "rest",
        "breathe",
        "check",
        "heat",
    ]
    knee = routine.steps[1]
    assert isinstance(knee, model.Stretch)
    assert (knee.hold, knee.reps, knee.sides, knee.rest) == (20, 3, ("left", "right"), 10)
    assert knee.stop_if == ("Sharp pain in the hip",)
    tilt = routine.steps[2]
    assert isinstance(tilt, model.Exercise) and tilt.pace == 3 and tilt.rest == 10  # defaults
    heat = routine.steps[6]
    assert isinstance(heat, model.Therapy) and (heat.on, heat.off, heat.cycles) == (1200, 1200, 1)


# --- top level ---


def test_version_is_required():
    assert only("name: x\nsteps:\n  - rest: 5s\n")[:2] == (1, 1)
    assert "version: 1" in only("name: x\nsteps:\n  - rest: 5s\n")[3]


def test_other_versions_name_the_versions_this_program_reads():
    line, col, _, message = only("version: 2\nname: x\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (1, 10)
    assert message == "version 2 is not one this program reads; it reads 1"


def test_name_is_required_and_at_most_80_characters():
    assert "name" in only("version: 1\nsteps:\n  - rest: 5s\n")[3]
    line, col, _, message = only(f"version: 1\nname: {'x' * 81}\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (2, 7)
    assert "81 characters" in message and "80" in message


def test_empty_name_is_an_error_at_the_value():
    assert only("version: 1\nname: ''\nsteps:\n  - rest: 5s\n")[:2] == (2, 7)


def test_tags_must_be_a_list_of_words():
    line, col, _, message = only(HEAD + "tags: [ok, two words]\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (3, 12)
    assert "one word" in message
    assert only(HEAD + "tags: floor\nsteps:\n  - rest: 5s\n")[:2] == (3, 7)


def test_rounds_from_1_to_20():
    line, col, _, message = only(HEAD + "rounds: 21\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (3, 9)
    assert message == "rounds: '21' should be a whole number from 1 to 20"
    assert only(HEAD + "rounds: 0\nsteps:\n  - rest: 5s\n")[:2] == (3, 9)


def test_steps_are_required_and_not_empty():
    assert "steps" in only(HEAD)[3]
    line, col, _, _ = only(HEAD + "steps: []\n")
    assert (line, col) == (3, 8)


def test_more_than_500_steps_is_an_error():
    text = HEAD + "steps:\n" + "  - rest: 5s\n" * 501
    line, col, _, message = only(text)
    assert (line, col) == (4, 3)
    assert "501 steps" in message and "500" in message


def test_unknown_keys_suggest_the_closest_one_at_every_level():
    text = HEAD + "descripton: x\ndefaults:\n  hodl: 5s\nsteps:\n  - stretch: S\n    hodl: 5s\n"
    found = problems(text)
    assert (3, 1, "error", "unknown key 'descripton'; did you mean 'description'?") in found
    assert (5, 3, "error", "unknown key 'hodl'; did you mean 'hold'?") in found
    assert (8, 5, "error", "unknown key 'hodl'; did you mean 'hold'?") in found


def test_unknown_key_without_a_close_match_lists_the_keys():
    message = only(HEAD + "steps:\n  - rest: 5s\n    zebra: 1\n")[3]
    assert "unknown key 'zebra'" in message and "how" in message


def test_duplicate_keys_are_reported_at_the_second():
    line, col, _, message = only(HEAD + "name: Again\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (3, 1)
    assert message == "duplicate key 'name' (first given on line 2)"


def test_defaults_apply_to_stretch_and_exercise_steps_that_lack_them():
    text = HEAD + (
        "defaults:\n  hold: 7s\n  reps: 2\n  sides: both\n  pace: 2s\n  rest: 3s\n"
        "steps:\n  - stretch: A\n  - stretch: B\n    hold: 9s\n    sides: none\n"
        "  - exercise: C\n"
    )
    routine = load_text(text, "r.yaml", "r").routine
    a, b, c = routine.steps
    assert (a.hold, a.reps, a.sides, a.rest) == (7, 2, ("left", "right"), 3)
    assert (b.hold, b.sides) == (9, ())
    assert (c.reps, c.pace, c.sides, c.rest) == (2, 2, ("left", "right"), 3)


def test_defaults_reps_beyond_a_stretchs_limit_points_at_defaults():
    text = HEAD + "defaults:\n  reps: 100\n  hold: 5s\nsteps:\n  - stretch: A\n"
    line, col, _, message = only(text)
    assert (line, col) == (4, 9)
    assert "1 to 50" in message


# --- steps ---


def test_a_step_needs_a_kind():
    line, col, _, message = only(HEAD + "steps:\n  - how: Do something\n")
    assert (line, col) == (4, 5)
    assert "no kind" in message and "stretch" in message


def test_two_kind_keys_are_an_error_at_the_second():
    line, col, _, message = only(HEAD + "steps:\n  - stretch: A\n    hold: 5s\n    exercise: B\n")
    assert (line, col) == (6, 5)
    assert "'exercise' is a second kind after 'stretch'" in message


def test_rest_inside_a_stretch_is_its_rest_not_a_kind():
    routine = load_text(HEAD + "steps:\n  - rest: 4s\n    stretch: A\n    hold: 5s\n").routine
    assert isinstance(routine.steps[0], model.Stretch)
    assert routine.steps[0].rest == 4


def test_rest_in_a_step_that_has_no_rest_is_a_second_kind():
    message = only(HEAD + "steps:\n  - note: Read\n    rest: 5s\n")[3]
    assert "'rest' is a second kind after 'note'" in message


def test_stretch_needs_a_hold_unless_defaults_give_one():
    line, col, _, message = only(HEAD + "steps:\n  - stretch: A\n")
    assert (line, col) == (4, 5)
    assert "needs 'hold:'" in message


def test_stretch_reps_1_to_50_and_exercise_reps_1_to_200():
    assert only(HEAD + "steps:\n  - stretch: A\n    hold: 5s\n    reps: 51\n")[:2] == (6, 11)
    assert problems(HEAD + "steps:\n  - exercise: A\n    reps: 200\n") == []
    assert only(HEAD + "steps:\n  - exercise: A\n    reps: 201\n")[:2] == (5, 11)


def test_exercise_needs_reps():
    line, col, _, message = only(HEAD + "steps:\n  - exercise: A\n    pace: 2s\n")
    assert (line, col) == (4, 5)
    assert "needs 'reps:'" in message


@pytest.mark.parametrize(
    ("sides", "expected"),
    [("none", ()), ("both", ("left", "right")), ("[right, left]", ("right", "left"))],
)
def test_sides(sides, expected):
    routine = load_text(
        HEAD + f"steps:\n  - stretch: A\n    hold: 5s\n    sides: {sides}\n"
    ).routine
    assert routine.steps[0].sides == expected


def test_bad_sides_are_located():
    text = HEAD + "steps:\n  - stretch: A\n    hold: 5s\n    sides: [left, up]\n"
    line, col, _, message = only(text)
    assert (line, col) == (6, 19)
    assert "'up' is not a side" in message
    assert only(HEAD + "steps:\n  - stretch: A\n    hold: 5s\n    sides: all\n")[:2] == (6, 12)


def test_breathe_needs_for_and_defaults_to_4s_in_6s_out():
    assert only(HEAD + "steps:\n  - breathe: B\n")[:2] == (4, 5)
    step = load_text(HEAD + "steps:\n  - breathe: B\n    for: 1m\n").routine.steps[0]
    assert (step.duration, step.inhale, step.exhale, step.pause) == (60, 4, 6, 0)


def test_check_takes_extra_questions():
    step = load_text(HEAD + "steps:\n  - check: How?\n    ask: [Is it worse?]\n").routine.steps[0]
    assert step.ask == (model.Question("Is it worse?"),)


def test_every_step_may_carry_stop_if():
    step = load_text(HEAD + "steps:\n  - rest: 5s\n    stop_if: [Dizzy]\n").routine.steps[0]
    assert step.stop_if == ("Dizzy",)
    line, col, _, _ = only(HEAD + "steps:\n  - rest: 5s\n    stop_if: Dizzy\n")
    assert (line, col) == (5, 14)


# --- durations and limits ---


def test_a_bad_duration_says_how_to_write_one():
    line, col, _, message = only(HEAD + "steps:\n  - stretch: A\n    hold: soon\n")
    assert (line, col) == (5, 11)
    assert message == "hold: 'soon' is not a duration; write it like 30s, 2m or 1m30s"


@pytest.mark.parametrize("value", ["0s", "0", "-5s", "-5"])
def test_zero_and_negative_durations_are_errors(value):
    assert only(HEAD + f"steps:\n  - rest: {value}\n")[:2] == (4, 11)


def test_hold_rest_and_pace_are_1s_to_10m():
    assert problems(HEAD + "steps:\n  - stretch: A\n    hold: 10m\n") == []
    line, col, _, message = only(HEAD + "steps:\n  - stretch: A\n    hold: 11m\n")
    assert (line, col) == (5, 11)
    assert "longer than 10m" in message
    assert only(HEAD + "steps:\n  - rest: 601\n")[:2] == (4, 11)
    assert only(HEAD + "steps:\n  - exercise: E\n    reps: 2\n    pace: 1h\n")[:2] == (6, 11)


def test_breathe_for_is_10s_to_30m():
    assert only(HEAD + "steps:\n  - breathe: B\n    for: 9s\n")[:2] == (5, 10)
    assert only(HEAD + "steps:\n  - breathe: B\n    for: 31m\n")[:2] == (5, 10)
    assert problems(HEAD + "steps:\n  - breathe: B\n    for: 30m\n") == []


# --- cold and heat: the safety floor ---


def test_on_above_20m_is_valid_with_a_warning():
    result = load_text(HEAD + "steps:\n  - heat: H\n    on: 25m\n", "r.yaml", "r")
    assert result.ok
    (warning,) = result.problems
    assert (warning.line, warning.col, warning.severity) == (5, 9, "warning")
    assert "20 minutes" in warning.message


@pytest.mark.parametrize("on", ["31m", "45m", "1h"])
def test_on_above_30m_is_refused(on):
    line, col, _, message = only(HEAD + f"steps:\n  - ice: I\n    on: {on}\n")
    assert (line, col) == (5, 9)
    assert "longer than 30m" in message


def test_off_below_20m_is_refused():
    line, col, _, message = only(HEAD + "steps:\n  - ice: I\n    off: 5m\n")
    assert (line, col) == (5, 10)
    assert "shorter than 20m" in message


def test_cycles_1_to_6():
    assert only(HEAD + "steps:\n  - ice: I\n    cycles: 7\n")[:2] == (5, 13)


# --- sounds ---


def test_sounds_name_a_bundled_sound_or_a_wav_beside_the_file(tmp_path):
    (tmp_path / "cue.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEfmt ")
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "sounds:\n  start: chime\n  end: cue.wav\nsteps:\n  - rest: 5s\n")
    result = load_file(path)
    assert result.problems == []
    assert result.routine.sounds == {"start": "chime", "end": "cue.wav"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("/etc/passwd.wav", "absolute path"),
        ("../up.wav", "leaves the routine's folder"),
        ("song.mp3", "neither a bundled sound"),
        ("missing.wav", "not found"),
        ("fake.wav", "not a WAV file"),
        ("out.wav", "link that leads outside"),
        ("huge.wav", "larger than"),
    ],
)
def test_sound_path_rules(tmp_path, value, words):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "fake.wav").write_text("not audio")
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    (folder / "out.wav").symlink_to(outside)
    with (folder / "huge.wav").open("wb") as handle:
        handle.write(b"RIFF\x00\x00\x00\x00WAVE")
        handle.truncate(3 * 1024 * 1024)
    path = folder / "r.yaml"
    path.write_text(HEAD + f"steps:\n  - rest: 5s\n    sounds:\n      end: {value}\n")
    (problem,) = load_file(path).problems
    assert (problem.line, problem.col) == (6, 12)
    assert words in problem.message


def test_unknown_sound_event_is_an_error():
    line, col, _, message = only(HEAD + "sounds:\n  bang: chime\nsteps:\n  - rest: 5s\n")
    assert (line, col) == (4, 3)
    assert "unknown key 'bang'" in message


# --- what is read at all ---


def test_file_over_256_kib_is_refused_without_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + "description: " + "x" * 300_000 + "\nsteps:\n  - rest: 5s\n")
    (problem,) = load_file(path).problems
    assert (problem.line, problem.col) == (1, 1)
    assert "256 KiB" in problem.message


def test_empty_file():
    line, col, _, message = only("")
    assert (line, col) == (1, 1)
    assert "empty" in message
    assert "empty" in only("# only a comment\n")[3]


@pytest.mark.parametrize(("text", "where"), [("- a\n- b\n", (1, 1)), ("just text\n", (1, 1))])
def test_a_document_that_is_not_a_mapping(text, where):
    line, col, _, message = only(text)
    assert (line, col) == where
    assert "mapping" in message


def test_two_documents_in_one_file():
    line, col, _, message = only(HEAD + "steps:\n  - rest: 5s\n---\nname: again\n")
    assert (line, col) == (5, 1)
    assert "one document" in message


def test_a_bracket_left_open_is_reported_where_it_opens():
    line, col, _, message = only(HEAD + "steps:\n  - rest: [5s\n")
    assert (line, col) == (4, 11)
    assert message.startswith("the [ here is never closed; end the list with ]")


def test_binary_junk_is_refused():
    result = load_bytes(b"version: 1\n\x00\x01\x02\xff\xfe", "junk.yaml", "junk")
    (problem,) = result.problems
    assert problem.line == 2
    assert "UTF-8" in problem.message or "binary" in problem.message
    (nul,) = load_bytes(b"version: 1\nname: a\x00b\n", "n.yaml", "n").problems
    assert (nul.line, nul.col) == (2, 8)


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = HEAD + f"steps:\n  - note: !!python/object/apply:os.system ['touch {marker}']\n"
    line, col, _, message = only(text)
    assert (line, col) == (4, 11)
    assert "'!!python/object/apply:os.system' is not allowed" in message
    assert not marker.exists()


def test_custom_tags_are_refused():
    assert "not allowed" in only(HEAD + "steps:\n  - rest: !secret 5s\n")[3]


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    line, col, _, message = only(bomb)
    assert (line, col) == (1, 1)
    assert "the limit is 10,000" in message


def test_an_alias_inside_itself_is_refused():
    message = only("version: 1\nname: x\nsteps: &s [*s]\n")[3]
    assert "alias refers to" in message


def test_aliases_within_the_limit_are_fine():
    text = HEAD + "steps:\n  - &r {rest: 5s}\n  - *r\n  - *r\n"
    assert len(load_text(text).routine.steps) == 3


def test_the_routine_id_comes_from_the_file_name():
    line, col, _, message = only(HEAD + "steps:\n  - rest: 5s\n", routine_id="My Routine")
    assert (line, col) == (1, 1)
    assert "my-routine.yaml" in message


def test_all_problems_are_reported_not_just_the_first():
    text = (
        "version: 3\nname: ''\nrounds: 99\nsteps:\n  - stretch: A\n    hold: soon\n"
        "  - exercise: B\n  - rest: 0s\n"
    )
    found = problems(text)
    assert [(line, col) for line, col, *_ in found] == [
        (1, 10),
        (2, 7),
        (3, 9),
        (6, 11),
        (7, 5),
        (8, 11),
    ]


# --- text is text ---


def test_control_characters_are_removed_and_markup_kept_literally():
    text = HEAD.replace("Test", '"[b]Bold\\e[31m red\\u0007"') + (
        'steps:\n  - note: "[/b][@click=app.quit]x 🧘 宽"\n'
    )
    routine = load_text(text).routine
    assert routine.name == "[b]Bold red"  # the whole escape sequence goes, not just ESC
    assert routine.steps[0].title == "[/b][@click=app.quit]x 🧘 宽"
