"""Ctrl+C while the program is still starting up (importing what it needs) ends it quietly
with the shell's code for it, 130: a real SIGINT sent to the real `unknot` command, held at
known points of its start-up by an import hook that waits for the signal there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEST_ROUTINES

UNKNOT = Path(sys.executable).with_name("unknot")
HOOK = Path(__file__).resolve().parent / "startup_hook"
QUICK = str(TEST_ROUTINES / "quick.yaml")

POINTS = [
    # before the command line is loaded: click, and the module that defines it
    ("click", ["list"]),
    ("unknot.cli", ["signs"]),
    # the status bar's own quick path
    ("unknot.services.status", ["status"]),
    # inside a command, once click runs it
    ("unknot.store.library", ["list"]),
    ("unknot.plain.face", ["run", QUICK, "--plain"]),
]


@pytest.mark.parametrize(("module", "args"), POINTS, ids=[p[0] for p in POINTS])
def test_ctrl_c_while_starting_up_exits_quietly_with_130(module, args):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HOOK), os.environ.get("PYTHONPATH", "")]),
        "UNKNOT_TEST_HOLD_AT": module,
    }
    process = subprocess.Popen(
        [str(UNKNOT), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=str(ROOT),
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline().decode()
        assert first == f"held at {module}\n", first
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    said = err.decode()
    assert process.returncode == 130, said
    assert "Traceback" not in said and "KeyboardInterrupt" not in said and "Aborted" not in said
    assert said.strip() == "" and out == b""
