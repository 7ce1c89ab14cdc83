"""unknot validate and unknot list, as a routine writer uses them."""

import json

from tests.conftest import BUNDLED, run_cli
from tests.hostile import write_hostile_folder


def test_validate_bundled_routines_exit_0():
    result = run_cli("validate", str(BUNDLED))
    assert result.returncode == 0, result.stdout + result.stderr
    files = [*BUNDLED.glob("*.yaml"), *BUNDLED.glob("programmes/*.yaml")]
    assert result.stdout.count(": ok") == len(files)


def test_validate_reports_every_problem_as_path_line_col(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: x\nsteps:\n  - stretch: a\n    hodl: 5s\n  - rest: soon\n")
    good = tmp_path / "good.yaml"
    good.write_text("version: 1\nname: ok\nsteps:\n  - rest: 5s\n")
    result = run_cli("validate", str(bad), str(good))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:5:5: error: unknown key 'hodl'; did you mean 'hold'?" in lines
    assert any(
        line.startswith(f"{bad}:6:11: error: rest: 'soon' is not a duration") for line in lines
    )
    assert f"{good}: ok" in lines  # a broken file never hides the others


def test_validate_warnings_alone_exit_0(tmp_path):
    warm = tmp_path / "warm.yaml"
    warm.write_text("version: 1\nname: w\nsteps:\n  - heat: h\n    on: 25m\n")
    result = run_cli("validate", str(warm))
    assert result.returncode == 0
    assert f"{warm}:5:9: warning:" in result.stdout


def test_validate_a_folder_of_hostile_files(tmp_path):
    write_hostile_folder(tmp_path / "h", tmp_path / "ran")
    result = run_cli("validate", str(tmp_path / "h"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ran").exists()
    for name in ("bomb", "python", "empty", "list", "big", "binary"):
        assert f"{name}.yaml:" in result.stdout


def test_validate_usage_errors_exit_2(tmp_path):
    assert run_cli("validate").returncode == 2
    missing = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1
    assert "no such file" in missing.stderr


def test_list_with_only_broken_files_still_runs(tmp_path):
    write_hostile_folder(tmp_path / "h", tmp_path / "ran")
    result = run_cli("list", "--routines", str(tmp_path / "h"))
    assert result.returncode == 0
    broken = [line for line in result.stdout.splitlines() if "BROKEN" in line]
    assert len(broken) == 6
    assert "gentle-floor" in result.stdout
    data = json.loads(run_cli("list", "--json", "--routines", str(tmp_path / "h")).stdout)
    bomb = next(row for row in data if row["id"] == "bomb")
    assert bomb["name"] is None and "10,000" in bomb["error"] and bomb["origin"] == "extra"
    floor = next(row for row in data if row["id"] == "gentle-floor")
    assert floor["origin"] == "bundled" and floor["seconds"] > 60
