"""The options every command takes count wherever they are given: before the command's name,
as a new user types them (`unknot --config F --mute signs`), or after it. The real program in
a subprocess, with real settings, data folders and history files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from unknot.store.history import Store

PLACES = ["before the command", "after the command"]


def placed(where: str, options: tuple[str, ...], *command: str) -> list[str]:
    return [*options, *command] if where == PLACES[0] else [*command, *options]


@pytest.mark.parametrize("where", PLACES)
def test_the_settings_file_and_mute_count(tmp_path, where):
    config = tmp_path / "mine.yaml"
    config.write_text("emergency_number: '000'\n")
    options = ("--config", str(config), "--mute")
    # en_GB would say 999: only the settings file can make it 000
    english = {"LANG": "en_GB.UTF-8", "LC_ALL": ""}
    signs = run_cli(*placed(where, options, "signs"), env=english)
    assert signs.returncode == 0, signs.stderr
    assert "Emergency number: 000" in signs.stdout
    assert "What to do: Call 000 now." in signs.stdout
    assert "999" not in signs.stdout
    routine = tmp_path / "tiny.yaml"
    routine.write_text("version: 1\nname: Tiny\nsteps:\n  - rest: 1s\n")
    run = run_cli(*placed(where, options, "run", str(routine), "--plain", "--speed", "100"))
    assert run.returncode == 0, run.stderr
    assert " sound: muted\n" in run.stdout
    assert "done: Tiny completed" in run.stdout


def ice_until_saved(args: list[str], data: Path) -> None:
    """A real (not preview) ice timer, ended once its state is saved."""
    process = subprocess.Popen(
        [sys.executable, "-m", "unknot", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ,
    )
    try:
        assert process.stdout is not None
        assert "not medical advice" in process.stdout.readline()
        assert "sound: muted" in process.stdout.readline()
        assert "ice 1/1: ON for 1m" in process.stdout.readline()
        limit = time.monotonic() + 10
        while not (data / "therapy.json").exists() and time.monotonic() < limit:
            time.sleep(0.005)  # the alarm is said first, then the state saved
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.mark.parametrize("where", PLACES)
def test_the_data_folder_counts_for_timers_and_history(tmp_path, where):
    data = tmp_path / "elsewhere"
    usual = Path(os.environ["UNKNOT_DATA_DIR"])  # where it would go without the option
    store = Store(data)
    row = store.start_session("desk-break", "Desk break", "f", time.time() - 600, 8, 4)
    store.end_session(row, time.time() - 300, "completed")
    store.close()
    options = ("--data-dir", str(data))
    ice_until_saved(placed(where, options, "ice", "--on", "1m", "--plain", "--mute"), data)
    assert (data / "therapy.json").exists()
    assert '"notice_seen": true' in (data / "checks.json").read_text()
    assert not usual.exists()
    status = run_cli(*placed(where, options, "status", "--format", "{kind}"))
    assert status.returncode == 0, status.stderr
    assert status.stdout == "ice\n"  # the pack the killed timer kept, read back from there
    history = run_cli(*placed(where, options, "history"))
    assert history.returncode == 0, history.stderr
    assert "Desk break" in history.stdout and "completed" in history.stdout
    assert not usual.exists()
