"""The history on a real machine: two copies starting at once, damaged pages, a full disk, a
busy file. Real SQLite files and real processes throughout."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli
from tests.mounts import fill, tmpfs
from unknot.store.history import FILE_NAME, MIGRATIONS, VERSION, Store

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
    # same moment, so both find no history and both create it. On a tmpfs, where a sync costs
    # nothing, the trials race on SQLite's locks alone, and quickly.
    with tmpfs(tmp_path / "race", "64m") as folder:
        race(folder)


def race(tmp_path):
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


def a_history(folder, sessions: int = 300) -> None:
    store = Store(folder)
    for i in range(sessions):
        sid = store.start_session("r", f"Routine {i}", "f", float(i), 5)
        store.check_in(sid, float(i), 3, [], "a note " * 20)
    store.close()


def damage_a_page(folder) -> None:
    """Overwrite most of one page in the middle of a real history file with garbage."""
    path = folder / FILE_NAME
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096 + 100)
        handle.write(b"\xff" * 3000)


def aside(folder) -> list:
    return sorted(
        p
        for p in folder.iterdir()
        if p.name.startswith(f"{FILE_NAME}.corrupt-") and not p.name.endswith(("-wal", "-shm"))
    )


def test_a_damaged_page_is_found_moved_aside_and_a_new_history_started(tmp_path):
    a_history(tmp_path)
    damage_a_page(tmp_path)
    store = Store(tmp_path, sqlite_cli=None)
    assert store.problem.startswith("The history file was damaged (quick_check: ")
    assert "\n" not in store.problem
    (moved,) = aside(tmp_path)
    assert f"moved to {moved} and a new one started." in store.problem
    assert store.sessions() == []
    store.start_session("r", "After", "f", 1.0, 1)
    assert [s.routine_name for s in Store(tmp_path).sessions()] == ["After"]


@pytest.mark.parametrize("args", [("history",), ("history", "--csv"), ("report",)])
def test_history_report_and_csv_say_a_damaged_page_and_move_the_file_aside(tmp_path, args):
    a_history(tmp_path)
    damage_a_page(tmp_path)
    result = run_cli(*args, env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "unknot: The history file was damaged (quick_check:" in result.stderr
    assert len(aside(tmp_path)) == 1


def test_recovery_with_the_machines_sqlite3_tool_where_it_can(tmp_path):
    tool = shutil.which("sqlite3")
    if tool is None:
        pytest.skip("no sqlite3 tool on this machine: recovery is not tried")
    healthy = tmp_path / "healthy"
    a_history(healthy, 3)
    works = subprocess.run([tool, str(healthy / FILE_NAME), ".recover"], capture_output=True)
    a_history(tmp_path)
    damage_a_page(tmp_path)
    store = Store(tmp_path)
    assert len(aside(tmp_path)) == 1
    if works.returncode == 0:
        assert "recovered into a new one" in store.problem
        assert 0 < len(store.sessions()) <= 300
    else:  # a build without the pages it reads (.recover fails even on a healthy file)
        assert store.problem.endswith("a new one started.")
        assert store.sessions() == []


def test_a_full_disk_is_reported_and_never_taken_for_damage(tmp_path):
    with tmpfs(tmp_path / "small", "2m") as folder:
        a_history(folder, 20)
        assert len(Store(folder).sessions()) == 20
        before = (folder / FILE_NAME).read_bytes()
        fill(folder)
        store = Store(folder)
        sid = store.start_session("r", "On a full disk", "f", 1000.0, 1)
        for i in range(200):
            store.check_in(sid, 1000.0 + i, 2, [], "x" * 500)
        assert store.problem is not None
        assert "disk is full" in store.problem or "No space" in store.problem, store.problem
        assert "kept as it is" in store.problem and "damaged" not in store.problem
        assert aside(folder) == []
        store.close()
        (folder / "filler").unlink()
        again = Store(folder)
        assert again.problem is None
        assert len(again.sessions()) >= 20  # all kept; the one on the full disk may be too
        assert (folder / FILE_NAME).read_bytes()[:100] == before[:100]


def test_a_busy_file_is_reported_and_kept(tmp_path):
    db = sqlite3.connect(tmp_path / FILE_NAME)
    for number in range(VERSION - 1):
        db.executescript(MIGRATIONS[number])
    db.execute(f"PRAGMA user_version = {VERSION - 1}")
    db.execute(
        "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, "
        "segments_total) VALUES ('old', 'Kept', 'f', 1.0, 1)"
    )
    db.commit()
    db.execute("BEGIN IMMEDIATE")  # another copy in the middle of writing
    store = Store(tmp_path, busy_timeout=0.2)
    assert "could not be opened (database is locked); it was kept as it is" in store.problem
    assert aside(tmp_path) == []
    store.start_session("r", "In memory", "f", 2.0, 1)  # this run goes on, in memory
    assert [s.routine_name for s in store.sessions()] == ["In memory"]
    db.rollback()
    db.close()
    later = Store(tmp_path)
    assert later.problem is None
    assert [s.routine_name for s in later.sessions()] == ["Kept"]


async def test_the_history_screen_says_a_damaged_page_and_opens_empty(tmp_path):
    from tests.conftest import make_app
    from unknot.core.clock import FakeClock
    from unknot.tui.screens.history import HistoryScreen

    a_history(tmp_path)
    damage_a_page(tmp_path)
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("The history file was damaged (quick_check:") for m in said), said
    assert len(aside(tmp_path)) == 1
