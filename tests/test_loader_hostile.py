"""Hostile and random input: the loader gives a runnable routine or located errors, never an
exception, and never runs anything."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import MARKUP_NAME, write_hostile_folder
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.session import Session
from unknot.core.format.loader import load_bytes, load_text
from unknot.store.library import Library, load_file


def test_hostile_folder_loads_without_running_anything(tmp_path):
    marker = tmp_path / "ran"
    paths = write_hostile_folder(tmp_path / "hostile", marker)
    started = time.perf_counter()
    results = {name: load_file(path) for name, path in paths.items()}
    assert time.perf_counter() - started < 5  # nothing expands without bound
    assert not marker.exists()
    assert results["markup"].routine.name == MARKUP_NAME
    assert "\x1b" not in results["escapes"].routine.name
    assert "\x07" not in results["escapes"].routine.name
    assert results["wide"].ok
    for name in ("bomb", "python", "empty", "list", "big", "binary"):
        assert not results[name].ok, name
        assert results[name].errors, name
        for problem in results[name].errors:
            assert problem.line >= 1 and problem.col >= 1


def test_library_lists_broken_files_and_keeps_the_others(tmp_path):
    write_hostile_folder(tmp_path / "hostile", tmp_path / "ran")
    entries = Library([("extra", tmp_path / "hostile")]).scan()
    broken = {e.id for e in entries if e.broken}
    assert broken == {"bomb", "python", "empty", "list", "big", "binary"}
    assert {e.id for e in entries if not e.broken} == {"markup", "escapes", "wide"}


def _runs_or_is_located(result):
    if result.routine is not None:
        plan = build_plan(result.routine)
        clock = FakeClock()
        session = Session(plan, clock)
        session.start()
        for _ in range(len(plan.segments) + 1):
            session.next()
        assert session.finished
    else:
        assert result.errors
        assert all(p.line >= 1 and p.col >= 1 for p in result.errors)


yaml_words = st.sampled_from(
    [
        "version",
        "name",
        "steps",
        "stretch",
        "exercise",
        "rest",
        "breathe",
        "note",
        "check",
        "ice",
        "heat",
        "hold",
        "reps",
        "sides",
        "pace",
        "for",
        "in",
        "out",
        "on",
        "off",
        "cycles",
        "defaults",
        "rounds",
        "stop_if",
        "sounds",
        "how",
        "tags",
        "1",
        "20s",
        "both",
        "-",
        ":",
        " ",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!str",
        "'",
        '"',
        "#",
        "0",
        "-5s",
        "999",
        "left",
        "[left, right]",
        "chime",
        "x.wav",
        "---",
        "|",
        # numbers no conversion may overflow on, and YAML 1.1's surprises
        "1" + "0" * 400,
        "9" * 5000,
        "1:30",
        "010",
        "0x1F",
        ".inf",
        "~",
        "yes",
        "<<",
        "ask",
        "stop_if: no",
        "\t",
        "\u2028",
        "\u200b",
        '"\\e]0;x\\a"',
        '"\\u2029"',
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(yaml_words, max_size=60).map("".join))
def test_fuzzed_yaml_shaped_text_never_raises(text):
    _runs_or_is_located(load_text(text, "f.yaml", "f"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzzed_bytes_never_raise(data):
    _runs_or_is_located(load_bytes(data, "f.yaml", "f"))


valid_step = st.sampled_from(
    [
        "  - stretch: S\n    hold: 5s\n    reps: 2\n    sides: both\n",
        "  - exercise: E\n    reps: 3\n    pace: 2s\n",
        "  - exercise: E\n    reps: 3\n",
        "  - rest: 5s\n",
        "  - breathe: B\n    for: 20s\n",
        "  - note: N\n",
        "  - check: C\n",
        "  - ice: I\n    on: 1m\n    off: 20m\n",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(valid_step, min_size=1, max_size=8), st.integers(0, 400), st.text(max_size=3))
def test_mutated_valid_routines_run_or_are_located(steps, cut, insert):
    text = "version: 1\nname: Fuzz\nsteps:\n" + "".join(steps)
    cut = min(cut, len(text))
    _runs_or_is_located(load_text(text[:cut] + insert + text[cut:], "m.yaml", "m"))


def test_a_control_character_is_named_where_it_stands():
    for char, name in (("\x01", "U+0001"), ("\x1b", "U+001B"), ("\x7f", "U+007F")):
        result = load_text(f"version: 1\nname: X\nsteps:\n  - rest: 5s\n    {char}x: 1\n", "c.yaml")
        (problem,) = result.problems
        assert (problem.line, problem.col) == (5, 5), str(problem)
        assert f"the character {name} is not allowed" in problem.message
