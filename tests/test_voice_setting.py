"""The `voice:` setting: off unless asked for, read from a real settings file."""

import pytest

from unknot.store.config import load_config


def test_voice_is_off_by_default(tmp_path):
    assert load_config(tmp_path / "missing.yaml").voice is False
    (tmp_path / "config.yaml").write_text("volume: 50\n")
    assert load_config(tmp_path / "config.yaml").voice is False


@pytest.mark.parametrize(
    ("written", "voice"),
    [("on", True), ("off", False), ("'on'", True), ('"off"', False), ("true", True), ("no", False)],
)
def test_voice_on_or_off(tmp_path, written, voice):
    path = tmp_path / "config.yaml"
    path.write_text(f"voice: {written}\n")
    config = load_config(path)
    assert (config.voice, config.problems) == (voice, [])


def test_anything_else_is_reported_and_leaves_it_off(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("voice: loud\n")
    config = load_config(path)
    assert config.voice is False
    assert config.problems == [f"{path}: voice: should be on or off"]
