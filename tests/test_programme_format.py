"""The programme format: every rule reported at its line and column, the bundled programme
clean, progression clamped with a warning, the schema agreeing, and validate telling a
programme from a routine."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from tests.conftest import BUNDLED, run_cli
from unknot.core.format.programme_reader import load_programme_text, looks_like_a_programme
from unknot.core.format.schema import programme_schema
from unknot.core.format.template import render_programme_template
from unknot.store.library import Library
from unknot.store.programmes import known_routines

ROUTINES = known_routines(Library([("bundled", BUNDLED)]))
GOOD = """version: 1
programme: Test weeks
weeks: 3
sessions:
  - routine: gentle-floor
    days: [mon, wed, fri]
"""


def problems(text: str) -> list[str]:
    result = load_programme_text(text, "p.yaml", "p", ROUTINES)
    return [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("weeks: 3", "weeks: 53"),
            "p.yaml:3:8: error: weeks: '53' should be a whole number from 1 to 52",
        ),
        (
            GOOD.replace("weeks: 3", "wekes: 3"),
            "p.yaml:3:1: error: unknown key 'wekes'; did you mean 'weeks'?",
        ),
        (
            GOOD.replace("gentle-floor", "gentle-flor"),
            "p.yaml:5:14: error: routine: there is no routine 'gentle-flor'; did you mean 'gentle-floor'?",
        ),
        (
            GOOD.replace("Gentle", "x").replace("gentle-floor", "Gentle Floor"),
            "p.yaml:5:14: error: routine: 'Gentle Floor' is not a routine id",
        ),
        (
            GOOD.replace("[mon, wed, fri]", "[mon, wendsday]"),
            "p.yaml:6:17: error: days: 'wendsday' is not a day; did you mean 'wednesday'?",
        ),
        (
            GOOD.replace("[mon, wed, fri]", "[mon, mon]"),
            "p.yaml:6:17: error: days: 'mon' is listed twice",
        ),
        (
            GOOD.replace("[mon, wed, fri]", "fortnightly"),
            "p.yaml:6:11: error: days: 'fortnightly' should be daily, weekdays",
        ),
        (
            GOOD + "    times: 7\n",
            "p.yaml:7:12: error: times: '7' should be a whole number from 1 to 6",
        ),
        (
            GOOD + "    from_week: 4\n",
            "p.yaml:7:16: error: from_week: '4' should be a whole number from 1 to 3",
        ),
        (GOOD + "    day: mon\n", "p.yaml:7:5: error: unknown key 'day'; did you mean 'days'?"),
        (
            GOOD + "progression:\n  - week: 2\n    hold: -5s\n",
            "p.yaml:9:11: error: hold: '-5s' is less; a programme only builds up",
        ),
        (
            GOOD + "progression:\n  - week: 2\n    hold: 1:30\n",
            "p.yaml:9:11: error: hold: '1:30' is not a duration",
        ),
        (
            GOOD + "progression:\n  - week: 2\n    reps: +0\n",
            "p.yaml:9:11: error: reps: '+0' should be more reps, +1 to +50",
        ),
        (
            GOOD + "progression:\n  - week: 2\n",
            "p.yaml:8:5: error: a progression step says what grows",
        ),
        (
            GOOD + "progression:\n  - hold: +5s\n",
            "p.yaml:8:5: error: a progression step needs 'week:'",
        ),
        (
            GOOD + "progression:\n  - week: 4\n    reps: +1\n",
            "p.yaml:8:11: error: week: '4' should be a whole number from 1 to 3",
        ),
        (
            GOOD + "progression:\n  - week: 2\n    reps: +1\n    routine: desk-break\n",
            "p.yaml:10:14: error: routine: 'desk-break' is not one of this programme's sessions",
        ),
        (GOOD.replace("programme: Test weeks\n", ""), "p.yaml:1:1: error: missing 'programme:'"),
        (
            GOOD.replace("programme: Test weeks", "programme: |\n  two\n  lines"),
            "p.yaml:2:12: error: programme: is more than one line",
        ),
        (
            "version: 1\nprogramme: X\nweeks: 1\nsessions: []\n",
            "p.yaml:4:11: error: sessions: is empty",
        ),
    ],
)
def test_each_rule_is_reported_at_its_line_and_column(text, expected):
    found = problems(text)
    assert any(p.startswith(expected) for p in found), found


def test_a_routine_whose_file_is_broken_is_named_as_such():
    result = load_programme_text(GOOD, "p.yaml", "p", {"gentle-floor": None})
    assert [str(p) for p in result.problems] == [
        "p.yaml:5:14: error: routine: 'gentle-floor' has errors in its file; fix them first "
        "('unknot validate' shows them)"
    ]


def test_progression_past_the_limits_is_clamped_and_said_once_as_a_warning():
    text = GOOD + "progression:\n  - week: 2\n    reps: +30\n  - week: 3\n    reps: +30\n"
    result = load_programme_text(text, "p.yaml", "p", ROUTINES)
    assert result.ok and not result.errors
    warnings = [str(p) for p in result.warnings]
    # gentle-floor's stretches have 5 and 3 reps: +60 passes 50, the most a stretch takes
    assert warnings and all(
        w.startswith("p.yaml:11:11: warning: reps: would make") for w in warnings
    )
    assert any("'Knee to chest' in gentle-floor 65 reps in week 3" in w for w in warnings)
    assert any("so it stays at 50" in w for w in warnings)


def test_the_bundled_programme_and_the_template_are_clean_and_match_the_schema():
    validator = jsonschema.Draft202012Validator(programme_schema())
    for path in (BUNDLED / "programmes").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        result = load_programme_text(text, str(path), path.stem, ROUTINES)
        assert result.ok and not result.problems, [str(p) for p in result.problems]
        validator.validate(yaml.safe_load(text))
        assert set(result.programme.routine_ids) <= set(ROUTINES)
    template = render_programme_template("mine", "Mine", "mine.yaml")
    assert not load_programme_text(template, "mine.yaml", "mine", ROUTINES).problems
    validator.validate(yaml.safe_load(template))


def test_a_programme_is_told_from_a_routine_by_its_top_level_key():
    assert looks_like_a_programme(GOOD.encode())
    assert not looks_like_a_programme((BUNDLED / "gentle-floor.yaml").read_bytes())
    assert not looks_like_a_programme(b"version: 1\nname: X\nsteps:\n  - note: programme: no\n")


def test_validate_reads_programmes_and_routines_side_by_side(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "version: 1\nname: Mine\nsteps:\n  - rest: 10s\n", encoding="utf-8"
    )
    (tmp_path / "programmes").mkdir()
    plan = tmp_path / "programmes" / "plan.yaml"
    plan.write_text(GOOD.replace("gentle-floor", "mine") + "    tims: 2\n", encoding="utf-8")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"{plan}:7:5: error: unknown key 'tims'; did you mean 'times'?" in result.stdout
    assert f"{tmp_path / 'mine.yaml'}: ok" in result.stdout
    assert "2 file(s) checked: 1 error(s)" in result.stderr


def test_schema_and_new_for_programmes(tmp_path):
    schema = run_cli("schema", "--programme")
    assert json.loads(schema.stdout)["title"] == "unknot programme"
    made = run_cli("new", "--programme", "my-plan")
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "my-routines" / "programmes"
    assert (folder / "my-plan.yaml").is_file() and (folder / "programme.schema.json").is_file()
    assert run_cli("validate", str(folder / "my-plan.yaml")).returncode == 0
