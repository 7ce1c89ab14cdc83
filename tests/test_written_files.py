"""A symbolic link, a folder or a FIFO where unknot writes one of its own files (a lock, the
log, the history, an output file) is refused and said, never written through and never a
hang: the file a link names keeps its bytes and its mode."""

from __future__ import annotations

import os
import stat

import pytest

from tests.conftest import TEST_ROUTINES, run_cli
from unknot.store.paths import write_private
from unknot.store.regular import NotAFile, open_private

QUICK = str(TEST_ROUTINES / "quick.yaml")


def precious(path):
    path.write_text("someone else's file\n")
    path.chmod(0o644)
    return path


def untouched(path) -> bool:
    return (
        path.read_text() == "someone else's file\n" and stat.S_IMODE(path.stat().st_mode) == 0o644
    )


def test_a_linked_timer_lock_is_refused_and_nothing_runs(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    target = precious(tmp_path / "target")
    (data / "therapy.lock").symlink_to(target)
    result = run_cli("ice", "--plain", env={"UNKNOT_DATA_DIR": str(data)})
    assert result.returncode == 1
    assert untouched(target)
    assert "therapy.lock is a symbolic link" in result.stderr
    assert "no pack timer without its lock" in result.stderr
    assert "Traceback" not in result.stderr and "ON for" not in result.stdout


def test_linked_face_lock_log_and_history_are_never_written_through(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    targets = {name: precious(tmp_path / f"{name}.target") for name in ("face", "log", "db")}
    (data / "face.lock").symlink_to(targets["face"])
    (data / "unknot.log").symlink_to(targets["log"])
    (data / "history.db").symlink_to(targets["db"])
    env = {"UNKNOT_DATA_DIR": str(data)}
    run = run_cli("run", QUICK, "--plain", "--speed", "100", env=env)
    assert "face.lock is a symbolic link" in run.stdout
    history = run_cli("history", env=env)
    assert "history.db is a symbolic link" in history.stderr
    for name, target in targets.items():
        assert untouched(target), name
    assert all((data / n).is_symlink() for n in ("face.lock", "unknot.log", "history.db"))


@pytest.mark.parametrize("kind", ["link", "folder", "fifo"])
def test_the_one_opener_says_what_is_there(tmp_path, kind):
    path = tmp_path / "out"
    if kind == "link":
        path.symlink_to(precious(tmp_path / "target"))
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)  # an ordinary open to write would block here until a reader came
    words = {"link": "a symbolic link", "folder": "a folder", "fifo": "a FIFO"}[kind]
    with pytest.raises(NotAFile, match=words):
        os.close(open_private(path))
    with pytest.raises(NotAFile, match=words):
        write_private(path, "report")
    if kind == "link":
        assert untouched(tmp_path / "target")


def test_report_and_sheet_to_a_fifo_refuse_at_once_rather_than_block(tmp_path):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)  # nobody reads it: an ordinary open to write waits for ever
    for args in (("report", "-o", str(fifo)), ("sheet", "gentle-floor", "-o", str(fifo))):
        result = run_cli(*args, timeout=20)
        assert result.returncode == 1, args
        assert "is a FIFO, not a file" in result.stderr, result.stderr


def test_a_timer_lock_that_is_a_folder_or_fifo_is_said_and_runs_no_timer(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    env = {"UNKNOT_DATA_DIR": str(data)}
    (data / "therapy.lock").mkdir()
    folder = run_cli("ice", "--plain", env=env, timeout=20)
    assert folder.returncode == 1
    assert folder.stderr.startswith("unknot: ") and "therapy.lock is a folder" in folder.stderr
    (data / "therapy.lock").rmdir()
    os.mkfifo(data / "therapy.lock")
    (data / "therapy.json").write_text("{}")  # a timer was saved: say to take the pack off
    fifo = run_cli("ice", "--plain", env=env, timeout=20)
    assert fifo.returncode == 1 and "therapy.lock is a FIFO" in fifo.stderr
    assert "take it off now" in fifo.stderr
    for result in (folder, fifo):
        assert "no lock on" not in result.stderr  # the old raw log line
        assert len(result.stderr.splitlines()) == 1
