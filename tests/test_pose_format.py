"""The `figure:` and `poses:` rules of the routine format, each problem at its line and column,
and the bundled pose library."""

import json

import jsonschema
import pytest
import yaml

from tests.conftest import BUNDLED, ROOT, routine_from, run_cli
from unknot.core.figures.pose import BUNDLED_POSES
from unknot.core.format import routine as model
from unknot.core.format.loader import bundled_poses, load_pose_library, load_text
from unknot.core.format.schema import routine_schema

HEAD = "version: 1\nname: Test\n"


def problems(text: str):
    result = load_text(text, "r.yaml", "r")
    return [(p.line, p.col, p.message) for p in result.errors]


def only(text: str):
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_a_step_names_a_bundled_pose_and_carries_it():
    routine = routine_from(HEAD + "steps:\n  - note: Lie down.\n    figure: hook-lying\n")
    assert routine.steps[0].figure == (bundled_poses()["hook-lying"],)


def test_a_step_moves_between_a_list_of_poses():
    text = HEAD + "steps:\n  - exercise: Cat\n    reps: 4\n    figure: [cat, cow]\n"
    step = routine_from(text).steps[0]
    assert [p.name for p in step.figure] == ["cat", "cow"]


def test_an_unknown_pose_is_named_with_the_nearest_one():
    line, col, message = only(HEAD + "steps:\n  - note: x\n    figure: knee-hugg\n")
    assert (line, col) == (5, 13)
    assert message == "figure: no pose 'knee-hugg'; did you mean 'knee-hug'?"


def test_an_unknown_pose_in_a_list_is_reported_at_that_item():
    line, col, message = only(HEAD + "steps:\n  - note: x\n    figure: [cat, cwo]\n")
    assert (line, col) == (5, 19)
    assert "no pose 'cwo'; did you mean 'cow'?" in message


def test_the_poses_of_one_figure_share_a_base():
    line, col, message = only(HEAD + "steps:\n  - note: x\n    figure: [cat, standing]\n")
    assert (line, col) == (5, 19)
    assert "'standing' is standing" in message and "share a base and a view" in message


def test_a_figure_is_a_name_or_a_short_list():
    assert only(HEAD + "steps:\n  - note: x\n    figure: {a: 1}\n")[:2] == (5, 13)
    too_many = "[" + ", ".join(["cat"] * 7) + "]"
    assert "up to 6" in only(HEAD + f"steps:\n  - note: x\n    figure: {too_many}\n")[2]
    assert only(HEAD + "steps:\n  - note: x\n    figure: []\n")[:2] == (5, 13)


def test_figure_is_a_key_of_every_step_kind():
    assert all(kind.field("figure") for kind in model.STEP_KINDS.values())
    line, col, message = only(HEAD + "steps:\n  - note: x\n    figur: cat\n")
    assert (line, col, message) == (5, 5, "unknown key 'figur'; did you mean 'figure'?")


OWN = """\
version: 1
name: Mine
poses:
  deep-hug:
    like: knee-hug
    left_hip: 135
  reach:
    base: kneeling
    shoulders: 170
steps:
  - stretch: Deep hug
    hold: 5s
    figure: [hook-lying, deep-hug]
  - note: Reach up.
    figure: reach
"""


def test_a_routines_own_poses_start_like_a_bundled_one_or_from_a_base():
    routine = routine_from(OWN)
    deep = routine.steps[0].figure[1]
    assert deep.name == "deep-hug" and deep.base == "lying-back"
    assert deep.angle("left_hip") == 135
    assert deep.angle("left_knee") == bundled_poses()["knee-hug"].angle("left_knee")
    reach = routine.steps[1].figure[0]
    assert (reach.base, reach.angle("left_shoulder"), reach.angle("right_shoulder")) == (
        "kneeling",
        170,
        170,
    )


def test_a_routines_own_pose_replaces_a_bundled_one_of_the_same_name():
    text = HEAD + "poses:\n  cat:\n    base: standing\nsteps:\n  - note: x\n    figure: cat\n"
    assert routine_from(text).steps[0].figure[0].base == "standing"


def test_one_side_overrides_both_sides_whatever_the_order():
    text = HEAD + (
        "poses:\n  p:\n    left_knee: 120\n    base: lying-back\n    knees: 90\n"
        "steps:\n  - note: x\n    figure: p\n"
    )
    pose = routine_from(text).steps[0].figure[0]
    assert (pose.angle("left_knee"), pose.angle("right_knee")) == (120, 90)


POSE_RULES = {
    # name: (pose lines, (line, col), words in the message)
    "angle out of range": (
        "    base: lying-back\n    left_knee: 200\n",
        (6, 16),
        "p.left_knee: 200 is outside 0 to 165",
    ),
    "range depends on the view": (
        "    base: standing\n    view: front\n    trunk: 90\n",
        (7, 12),
        "outside -60 to 60",
    ),
    "unknown base": (
        "    base: lying-bak\n",
        (5, 11),
        "base: 'lying-bak' is not a base; did you mean 'lying-back'?",
    ),
    "unknown key": ("    base: standing\n    kne: 3\n", (6, 5), "did you mean 'knee"),
    "no base": ("    knees: 30\n", (4, 3), "needs 'base:'"),
    "unknown like": ("    like: knee-hugg\n", (5, 11), "like: no pose 'knee-hugg'"),
    "angle not a number": ("    base: standing\n    neck: up\n", (6, 11), "angle in degrees"),
    "a bool is not an angle": ("    base: standing\n    neck: yes\n", (6, 11), "angle"),
    "no front view": ("    base: all-fours\n    view: front\n", (6, 11), "side view only"),
    "bad view": ("    base: standing\n    view: top\n", (6, 11), "side or front"),
    "pack is yes or no": ("    base: sitting\n    pack: 3\n", (6, 11), "true or false"),
}


@pytest.mark.parametrize("rule", list(POSE_RULES))
def test_each_pose_rule_is_reported_where_it_is_broken(rule):
    lines, where, words = POSE_RULES[rule]
    text = HEAD + "poses:\n  p:\n" + lines + "steps:\n  - note: x\n"
    line, col, message = only(text)
    assert (line, col) == where, message
    assert words in message


def test_poses_like_each_other_in_a_circle_are_an_error_not_a_hang():
    text = HEAD + "poses:\n  a:\n    like: b\n  b:\n    like: a\nsteps:\n  - note: x\n"
    line, col, message = only(text)  # once, where the circle closes
    assert (line, col) == (7, 11)
    assert "circle (a -> b -> a)" in message


def test_a_pose_like_itself_starts_from_the_bundled_pose_of_that_name():
    text = HEAD + (
        "poses:\n  knee-hug:\n    like: knee-hug\n    left_hip: 130\n"
        "steps:\n  - note: x\n    figure: knee-hug\n"
    )
    (pose,) = routine_from(text).steps[0].figure
    bundled = bundled_poses()["knee-hug"]
    assert (pose.base, pose.angle("left_hip")) == (bundled.base, 130)
    assert pose.angle("right_hip") == bundled.angle("right_hip")


def test_a_pose_like_itself_with_no_bundled_pose_of_that_name_is_an_error_at_its_line():
    text = HEAD + "poses:\n  mine:\n    like: mine\nsteps:\n  - note: x\n"
    line, col, message = only(text)
    assert (line, col) == (5, 11)
    assert message == "mine.like: is this pose itself, and there is no bundled pose 'mine'"


def test_a_circle_through_bundled_names_starts_each_from_the_bundled_pose():
    text = HEAD + (
        "poses:\n  cat:\n    like: cow\n    neck: 10\n  cow:\n    like: cat\n"
        "steps:\n  - note: x\n    figure: [cat, cow]\n"
    )
    cat, cow = routine_from(text).steps[0].figure
    bundled = bundled_poses()
    assert dict(cat.angles) == {**dict(bundled["cow"].angles), "neck": 10}
    assert dict(cow.angles) == dict(bundled["cat"].angles)
    assert (cat.base, cow.base) == (bundled["cow"].base, bundled["cat"].base)


def test_a_circle_with_one_own_name_fails_only_where_no_bundled_pose_is_there():
    text = HEAD + "poses:\n  cat:\n    like: mine\n  mine:\n    like: cat\nsteps:\n  - note: x\n"
    line, col, message = only(text)
    assert (line, col) == (5, 11)  # cat's like: 'mine' is no bundled pose; mine is like cat
    assert "circle (cat -> mine -> cat)" in message and "no bundled pose 'mine'" in message


def test_a_pose_like_itself_is_reported_and_every_other_routine_runs_on(tmp_path):
    mine = tmp_path / "routines"
    mine.mkdir()
    bad = mine / "selfish.yaml"
    bad.write_text(
        "version: 1\nname: Selfish\nposes:\n  hug:\n    like: hug\nsteps:\n  - rest: 5s\n"
    )
    (mine / "fine.yaml").write_text(OWN.replace("name: Mine", "name: Still fine"))
    listed = run_cli("list", env={"UNKNOT_ROUTINES_DIR": str(mine)})
    assert listed.returncode == 0, listed.stderr
    assert "Still fine" in listed.stdout and "Gentle floor release" in listed.stdout
    assert "went wrong" not in listed.stdout + listed.stderr
    checked = run_cli("validate", str(bad))
    assert checked.returncode == 1
    assert f"{bad}:5:11: error: hug.like: is this pose itself" in checked.stdout


def test_a_pose_name_is_lowercase_words():
    line, col, message = only(
        HEAD + "poses:\n  My Pose:\n    base: standing\nsteps:\n  - rest: 5s\n"
    )
    assert (line, col) == (4, 3) and "lowercase" in message


def test_a_broken_pose_makes_the_step_naming_it_fail_too_but_says_why_first():
    text = HEAD + "poses:\n  p:\n    base: nope\nsteps:\n  - note: x\n    figure: p\n"
    found = problems(text)
    assert found[0][:2] == (5, 11)
    assert any("no pose 'p'" in m for _, _, m in found)


def test_poses_must_be_a_mapping():
    assert only(HEAD + "poses: [a, b]\nsteps:\n  - rest: 5s\n")[:2] == (3, 8)


def test_validate_reports_pose_problems_with_path_line_and_column(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        OWN.replace("left_hip: 135", "left_hip: 400").replace("figure: reach", "figure: rech")
    )
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert f"{path}:6:15: error: deep-hug.left_hip: 400 is outside -60 to 170" in result.stdout
    assert f"{path}:15:13: error: figure: no pose 'rech'; did you mean 'reach'?" in result.stdout


# --- the bundled library --------------------------------------------------------------------


def test_the_bundled_pose_library_has_no_problems():
    library = load_pose_library(BUNDLED_POSES.read_bytes(), str(BUNDLED_POSES))
    assert library.problems == []
    assert len(library.poses) >= 30


def test_a_pose_library_file_reports_like_a_routine():
    library = load_pose_library(b"version: 1\nposes:\n  a:\n    base: sittin\n", "lib.yaml")
    assert [(p.line, p.col) for p in library.problems] == [(4, 11)]
    assert library.poses == {}
    library = load_pose_library(b"version: 1\nposs: {}\n", "lib.yaml")
    assert any("did you mean 'poses'" in p.message for p in library.problems)


def test_every_bundled_step_has_a_figure():
    from unknot.store.library import load_file

    for path in sorted(BUNDLED.glob("*.yaml")):
        routine = load_file(path).routine
        assert routine is not None
        missing = [s.title for s in routine.steps if not s.figure]
        assert not missing, f"{path.name}: {missing}"


def test_every_bundled_movement_can_be_seen_to_move():
    """A list of poses is a movement: drawn, its poses must not all look the same (a side
    view can't tell the left knee from the right)."""
    from unknot.core.figures.braille import render
    from unknot.store.library import load_file

    for path in sorted(BUNDLED.glob("*.yaml")):
        routine = load_file(path).routine
        assert routine is not None
        for step in routine.steps:
            if len(step.figure) > 1:
                drawn = {tuple(render(pose, 24, 10)) for pose in step.figure}
                assert len(drawn) > 1, f"{path.name}: {step.title} stands still"


def test_the_format_document_lists_every_bundled_pose():
    doc = (ROOT / "docs" / "routine-format.md").read_text()
    missing = [name for name in bundled_poses() if f"`{name}`" not in doc]
    assert not missing


# --- the schema ---------------------------------------------------------------------------


def test_the_schema_accepts_poses_and_figures_and_rejects_what_the_program_rejects():
    validator = jsonschema.Draft202012Validator(routine_schema())
    assert list(validator.iter_errors(yaml.safe_load(OWN))) == []
    for wrong in (
        OWN.replace("base: kneeling", "base: floating"),
        OWN.replace("shoulders: 170", "shoulders: 400"),
        OWN.replace("left_hip: 135", "left_hipp: 135"),
        OWN.replace("figure: reach", "figure: [Reach]"),
    ):
        assert list(validator.iter_errors(yaml.safe_load(wrong))), wrong
        assert load_text(wrong, "r.yaml", "r").errors


def test_unknot_schema_prints_the_pose_keys():
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    pose = schema["properties"]["poses"]["additionalProperties"]
    assert {"base", "like", "view", "pack", "knees", "left_knee"} <= set(pose["properties"])
