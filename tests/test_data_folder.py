"""The data folder on a real machine: private modes, every OS error a one-line message with
exit 1, and one owner per pack across two real processes."""

import datetime as dt
import os
import re
import signal
import stat
import subprocess
import sys

import pytest

from tests.conftest import ROOT, TEST_ROUTINES, run_cli
from tests.mounts import remount_read_only, tmpfs
from unknot.core.clock import FakeClock, RealClock
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.store.paths import DataDirError, ensure_private_dir
from unknot.store.statefile import SaveFailed
from unknot.store.timers import NotOwner, TimerStore

QUICK = str(TEST_ROUTINES / "quick.yaml")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def one_line_error(result, *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_a_loose_folder_is_tightened_and_every_file_is_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    (data / "unknot.log").write_text("from before\n")
    os.chmod(data / "unknot.log", 0o644)
    env = {"UNKNOT_DATA_DIR": str(data)}
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text("version: 1\nname: Tiny\nsteps:\n  - rest: 1s\n")
    result = subprocess.run(
        [
            "sh",
            "-c",
            'umask 022; exec "$0" -m unknot run "$1" --plain',
            sys.executable,
            str(tiny),
        ],
        input="c\n\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    names = {p.name for p in data.iterdir()}
    assert {"history.db", "checks.json", "unknot.log"} <= names
    for path in data.iterdir():
        assert mode(path) == 0o600, path.name
    ice = subprocess.run(
        ["sh", "-c", 'umask 022; exec "$0" -m unknot ice --on 1m --plain', sys.executable],
        input="q\ny\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **env},
    )
    assert ice.returncode == 0, ice.stderr
    assert "therapy.lock" in {p.name for p in data.iterdir()}
    for path in data.iterdir():
        assert mode(path) == 0o600, path.name


def test_a_data_folder_that_is_a_file_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    result = run_cli("history", env={"UNKNOT_DATA_DIR": str(tmp_path / "data")})
    one_line_error(result, str(tmp_path / "data"), "is a file, not a folder", "--data-dir")


def test_a_data_folder_of_another_user_is_one_line_and_exit_1(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    os.chown(data, 65534, 65534)
    with pytest.raises(DataDirError, match="belongs to another user"):
        ensure_private_dir(data)
    result = run_cli("ice", "--plain", stdin="q\n", env={"UNKNOT_DATA_DIR": str(data)})
    one_line_error(result, str(data), "belongs to another user (uid 65534)")
    assert mode(data) == 0o700 and os.listdir(data) == []  # nothing touched


def test_a_read_only_folder_with_a_timer_saved_says_take_it_off_and_exits_1(tmp_path):
    with tmpfs(tmp_path / "ro", "1m") as data:
        therapy = Therapy(TherapySpec("ice", 1200), RealClock())
        therapy.start()
        TimerStore(data).save_therapy(therapy)
        TimerStore(data).release()
        remount_read_only(data)
        result = run_cli("ice", "--plain", stdin="q\n", env={"UNKNOT_DATA_DIR": str(data)})
        line = one_line_error(result, str(data), "read-only", "make it writable")
        assert line.endswith("if a cold or heat pack is on, take it off now")
        assert "resuming" not in result.stdout
        history = run_cli("history", env={"UNKNOT_DATA_DIR": str(data)})
        one_line_error(history, str(data), "read-only")


def test_a_folder_that_cannot_be_created_is_one_line_and_exit_1(tmp_path):
    with tmpfs(tmp_path / "ro", read_only=True) as parent:
        result = run_cli("remind", env={"UNKNOT_DATA_DIR": str(parent / "unknot")})
        one_line_error(result, str(parent / "unknot"), "can't create the data folder")


OWNER = """
import sys
from pathlib import Path
from unknot.core.clock import RealClock
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.store.timers import TimerStore
store = TimerStore(Path(sys.argv[1]))
therapy = Therapy(TherapySpec("ice", 1200), RealClock())
therapy.start()
store.save_therapy(therapy)
print("owner", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def owner(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout.readline().strip() == "owner"
    yield process
    process.kill()
    process.wait(timeout=10)


def test_a_second_copy_sees_the_running_timer_but_never_overwrites_or_deletes_it(tmp_path, owner):
    saved = (tmp_path / "therapy.json").read_bytes()
    store = TimerStore(tmp_path)
    assert store.claim() is False
    assert store.owner_pid() == owner.pid
    therapy = store.load_therapy(FakeClock())
    assert therapy is not None and therapy.spec.kind == "ice"  # shown, read-only
    with pytest.raises(NotOwner, match=f"pid {owner.pid}"):
        store.save_therapy(therapy)
    therapy.stop()
    with pytest.raises(SaveFailed):
        store.save_therapy(therapy)  # a stopped timer would delete the file: refused too
    assert (tmp_path / "therapy.json").read_bytes() == saved
    # the program says so and changes nothing, whichever kind was asked for
    result = run_cli("heat", "--plain", stdin="q\ny\n", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    line = one_line_error(result, "a cold pack timer", f"Another copy of unknot (pid {owner.pid})")
    # the time of day the pack comes off, which stays true however long ago the owner started
    until = re.search(r"\(on until (\d\d):(\d\d)\)", line)
    assert until, line
    off = dt.datetime.now().replace(hour=int(until[1]), minute=int(until[2]))
    left = (off - dt.datetime.now()).total_seconds() % 86400
    assert 18 * 60 <= left <= 21 * 60, line
    assert (tmp_path / "therapy.json").read_bytes() == saved
    # the owner is killed: its lock goes with it, and the next copy takes the timer over
    owner.send_signal(signal.SIGKILL)
    owner.wait(timeout=10)
    assert store.owner_pid() is None
    assert store.claim() is True
    assert store.owner_pid() == os.getpid()
    taken = store.load_therapy(FakeClock())
    assert taken is not None
    store.release()


def test_heat_says_it_goes_back_to_a_running_ice_timer(tmp_path):
    therapy = Therapy(TherapySpec("ice", 1200), RealClock())
    therapy.start()
    store = TimerStore(tmp_path)
    store.save_therapy(therapy)
    store.release()
    result = run_cli("heat", "--plain", stdin="q\ny\n", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert (
        "you asked for heat, but your cold pack timer from before is still running; going "
        "back to it. Finish it before you start heat." in result.stderr
    )
    assert "resuming ice" in result.stdout
    assert not (tmp_path / "therapy.json").exists()  # q stopped the ice timer it went back to
