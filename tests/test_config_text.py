"""Settings that must be text stay the user's own text: a YAML number there is an error that
names the fix, never a different number."""

import os

import pytest

from tests.conftest import run_cli
from unknot.store.config import load_config


@pytest.mark.parametrize("written", ["000", "0112", "1:11", "112", "911", "1_1_2", "0x70"])
def test_an_unquoted_emergency_number_is_an_error_quoting_what_was_written(tmp_path, written):
    path = tmp_path / "config.yaml"
    path.write_text(f"emergency_number: {written}\n")
    config = load_config(path)
    assert config.emergency_number is None  # never 0, 74 or 71
    assert config.problems == [f'{path}: emergency_number: write it in quotes: "{written}"']


@pytest.mark.parametrize("written", ['"000"', "'0112'", '"1:11"', "'112'"])
def test_a_quoted_emergency_number_is_kept_as_written(tmp_path, written):
    path = tmp_path / "config.yaml"
    path.write_text(f"emergency_number: {written}\n")
    config = load_config(path)
    assert config.emergency_number == written.strip("'\"") and config.problems == []


def test_a_region_of_no_is_norway_not_false(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("region: NO\ntheme: textual-dark\n")
    config = load_config(path)
    assert config.region is None and config.theme == "textual-dark"
    assert config.problems == [f'{path}: region: write it in quotes: "NO"']


def test_a_config_that_is_a_fifo_is_not_a_hang(tmp_path):
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    config = load_config(path)
    assert config.problems == [f"{path}: not a regular file; using the defaults"]


def test_the_stop_never_says_a_different_number(tmp_path):
    (tmp_path / "config.yaml").write_text("emergency_number: 000\nregion: AU\n")
    result = run_cli("signs", env={"UNKNOT_CONFIG": str(tmp_path / "config.yaml")})
    assert result.returncode == 0
    assert 'emergency_number: write it in quotes: "000"' in result.stderr
    assert "Emergency number: 000 (region AU)" in result.stdout  # the region's own, right
    assert "Call 0 " not in result.stdout
