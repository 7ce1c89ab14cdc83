"""The JSON Schema that editors use agrees with the program."""

import json
import stat

import jsonschema
import pytest
import yaml

from tests.conftest import BUNDLED, TEST_ROUTINES, run_cli
from unknot.core.format import routine as model
from unknot.core.format.loader import load_text
from unknot.core.format.schema import routine_schema
from unknot.store.library import load_file

VALIDATOR = jsonschema.Draft202012Validator(routine_schema())


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(routine_schema())


def test_schema_covers_every_step_kind_and_key_of_the_model():
    steps = routine_schema()["properties"]["steps"]["items"]["oneOf"]
    assert [s["title"] for s in steps] == list(model.STEP_KINDS)
    for kind, step_schema in zip(model.STEP_KINDS.values(), steps, strict=True):
        assert set(step_schema["properties"]) == {kind.name, *(f.key for f in kind.fields)}
    assert list(routine_schema()["properties"]) == list(model.TOP_LEVEL_KEYS)


@pytest.mark.parametrize(
    "path",
    sorted(BUNDLED.glob("*.yaml")) + sorted(TEST_ROUTINES.glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_every_bundled_routine_is_valid_for_both(path):
    assert load_file(path).problems == []
    assert list(VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))) == []


def test_the_template_is_valid_for_both():
    from unknot.core.format.template import render_template

    text = render_template("mine", "Mine", "mine.yaml")
    assert load_text(text, "mine.yaml", "mine").problems == []
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))) == []


INVALID = {
    "unknown top key": "version: 1\nname: x\nhodl: 1\nsteps:\n  - rest: 5s\n",
    "unknown step key": "version: 1\nname: x\nsteps:\n  - rest: 5s\n    hodl: 1\n",
    "two kinds": "version: 1\nname: x\nsteps:\n  - stretch: a\n    hold: 5s\n    note: b\n",
    "no kind": "version: 1\nname: x\nsteps:\n  - how: x\n",
    "bad version": "version: 2\nname: x\nsteps:\n  - rest: 5s\n",
    "no steps": "version: 1\nname: x\n",
    "empty steps": "version: 1\nname: x\nsteps: []\n",
    "reps too many": "version: 1\nname: x\nsteps:\n  - exercise: e\n    reps: 201\n",
    "rounds": "version: 1\nname: x\nrounds: 0\nsteps:\n  - rest: 5s\n",
    "bad duration": "version: 1\nname: x\nsteps:\n  - rest: soon\n",
    "bad sides": "version: 1\nname: x\nsteps:\n  - stretch: a\n    hold: 5s\n    sides: all\n",
    "long name": "version: 1\nname: " + "x" * 81 + "\nsteps:\n  - rest: 5s\n",
    "bad sound event": "version: 1\nname: x\nsounds: {bang: chime}\nsteps:\n  - rest: 5s\n",
    "cycles": "version: 1\nname: x\nsteps:\n  - ice: i\n    cycles: 9\n",
    "name on two lines": 'version: 1\nname: "a\\nb"\nsteps:\n  - rest: 5s\n',
    "title on two lines": 'version: 1\nname: x\nsteps:\n  - note: n\n  - stretch: "a\\u2028b"\n',
    "sign on two lines": 'version: 1\nname: x\nstop_if: ["a\\nb"]\nsteps:\n  - rest: 5s\n',
    "ask answer": "version: 1\nname: x\nsteps:\n  - check: c\n    ask: [{ask: q, stop_if: maybe}]\n",
    "ask key": "version: 1\nname: x\nsteps:\n  - check: c\n    ask: [{aks: q}]\n",
    "hex reps": "version: 1\nname: x\nsteps:\n  - exercise: e\n    reps: '0x10'\n",
}


VALID = {
    "quoted numbers": "version: '1'\nname: x\nrounds: '2'\nsteps:\n  - exercise: e\n    reps: '10'\n",
    "ask both ways": (
        "version: 1\nname: x\nsteps:\n  - check: c\n    ask:\n      - Worse?\n"
        '      - {ask: "Normal skin?", stop_if: no}\n      - {ask: "Numb?", stop_if: yes}\n'
    ),
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_what_the_program_accepts_the_schema_accepts(text):
    assert load_text(text, "x.yaml", "x").problems == []
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))) == []


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_what_the_schema_rejects_the_program_rejects(text):
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text)))
    assert not load_text(text, "x.yaml", "x").ok


def test_unknot_schema_prints_the_same_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == routine_schema()


def test_unknot_new_writes_a_valid_template_and_the_schema(tmp_path, monkeypatch):
    folder = tmp_path / "my-routines"
    env = {"UNKNOT_ROUTINES_DIR": str(folder)}
    result = run_cli("new", "back-care", env=env)
    assert result.returncode == 0, result.stderr
    written = folder / "back-care.yaml"
    assert load_file(written).problems == []
    assert json.loads((folder / "routine.schema.json").read_text()) == routine_schema()
    assert "$schema=routine.schema.json" in written.read_text()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (folder, *folder.iterdir())}
    assert modes == {"my-routines": 0o700, "back-care.yaml": 0o600, "routine.schema.json": 0o600}
    before = written.read_text()
    again = run_cli("new", "back-care", env=env)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert written.read_text() == before
    bad = run_cli("new", "Back Care!", env=env)
    assert bad.returncode == 2
    assert "'back-care'" in bad.stderr
    assert not (folder / "Back Care!.yaml").exists()
    listed = run_cli("list", env=env)
    assert "back-care" in listed.stdout and "user" in listed.stdout
