"""The history on a real machine: two copies starting at once, damaged pages, a full disk, a
busy file. Real SQLite files and real processes throughout."""

import os
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_cli
from unknot.store.history import FILE_NAME, VERSION, Store

RACER = """
import sys
from pathlib import Path
from unknot.store.history import Store
for line in sys.stdin:
    store = Store(Path(line.strip()))
    sid = store.start_session("r", "R", "f", 1.0, 1)
    store.end_session(sid, 2.0, "completed")
    print(repr(store.problem), flush=True)
    store.close()
"""


def test_two_copies_starting_at_once_on_a_new_folder_never_lose_a_session(tmp_path):
    # Two real processes, each already running: every trial hands both a new folder at the
    # same moment, so both find no history and both create it.
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    trials = 100
    problems = []
    try:
        for trial in range(trials):
            folder = tmp_path / str(trial)
            for racer in racers:
                racer.stdin.write(f"{folder}\n")
                racer.stdin.flush()
            problems += [racer.stdout.readline().strip() for racer in racers]
    finally:
        for racer in racers:
            racer.stdin.close()
            racer.wait(timeout=30)
    assert set(problems) == {"None"}, [p for p in problems if p != "None"][:3]
    for trial in range(trials):
        folder = tmp_path / str(trial)
        assert sorted(p.name for p in folder.iterdir() if "corrupt" in p.name) == []
        db = sqlite3.connect(folder / FILE_NAME)
        assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2, trial
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        db.close()
