"""Cold/heat timers and reminders in the real program."""

import json
import os
import re
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT, read_until, run_cli, start_cli
from tests.mounts import fill, tmpfs


def test_on_longer_than_30_minutes_is_refused():
    result = run_cli("ice", "--on", "45m", "--plain")
    assert result.returncode == 2
    assert "the most unknot allows is 30 minutes" in result.stderr


def test_off_shorter_than_20_minutes_is_refused():
    result = run_cli("heat", "--off", "5m", "--plain")
    assert result.returncode == 2
    assert "at least 20 minutes" in result.stderr


def test_the_command_line_takes_the_skin_rest_a_routine_file_takes(tmp_path):
    # The limits are the engine's: a week at most, as in a routine's `off:`, not one of its own.
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    result = run_cli("ice", "--off", "5h", "--plain", stdin="q\ny\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "stopped: the cold pack timer" in result.stdout
    refused = run_cli("ice", "--off", "169h", "--plain", env=env)
    assert refused.returncode == 2 and "168h" in refused.stderr


LEFT = re.compile(r"resuming ice: cycle 1/1, on, (\d\d):(\d\d) left")


def test_a_timer_killed_with_sigkill_is_restored_with_the_right_time(tmp_path):
    env = {**os.environ, "UNKNOT_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "unknot", "ice", "--on", "2m", "--plain"]
    first = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )
    assert "not medical advice" in first.stdout.readline()
    assert "sound:" in first.stdout.readline()
    assert "ice 1/1: ON for 2m" in first.stdout.readline()
    saved = tmp_path / "therapy.json"
    limit = time.monotonic() + 10
    while not saved.exists() and time.monotonic() < limit:  # said first, then saved
        time.sleep(0.005)
    started = json.loads(saved.read_text())
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    second = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert "not medical advice" in second.stdout.readline()
        assert "sound:" in second.stdout.readline()
        line = second.stdout.readline()
        seen = time.time()
        match = LEFT.search(line)
        assert match, line
        shown = int(match.group(1)) * 60 + int(match.group(2))
        expected = started["started_at"] + 120 - seen
        assert abs(shown - expected) <= 1.0, (shown, expected)
    finally:
        second.kill()
        second.wait(timeout=10)
    assert "still running; going back to it" in second.stderr.read()


# The program, then what it leaves for the interpreter's exit to wait on: threads that aren't
# daemons are joined there, and one waiting on its queue for good holds the locks for good.
AFTER_EXIT = (
    "import sys, threading\n"
    "from unknot.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "main_thread = threading.main_thread()\n"
    "left = [t.name for t in threading.enumerate() if t is not main_thread and not t.daemon]\n"
    "print('left for the exit to wait on:', left, file=sys.stderr, flush=True)\n"
    "sys.exit(code)\n"
)


def test_ctrl_c_leaves_nothing_for_the_exit_to_wait_on(tmp_path):
    """A second Ctrl+C at exit once left the interpreter waiting for good on the sound worker
    (holding both locks: new copies refused, `watch` stayed quiet). Whatever lands when, the
    exit never waits on a sound or notification worker."""
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    copy = start_cli("ice", "--plain", env=env, program=("-c", AFTER_EXIT))
    try:
        read_until(copy.stdout, "ON for 20m")
        copy.send_signal(signal.SIGINT)
        _, err = copy.communicate(timeout=20)
    finally:
        copy.kill()
        copy.wait()
    assert "left for the exit to wait on: []" in err, err
    assert copy.returncode != 0 and "Traceback" not in err


def test_ctrl_c_on_a_full_disk_never_claims_the_timer_was_saved(tmp_path):
    """The disk is full before the pack goes on (a real tmpfs, filled), then Ctrl+C: nothing
    was saved and the next start will know of no pack, so it says so, and when to take the
    pack off, rather than "the timer is saved"."""
    with tmpfs(tmp_path / "small") as data:
        fill(data)
        copy = start_cli("ice", "--plain", env={"UNKNOT_DATA_DIR": str(data)})
        try:
            read_until(copy.stdout, "could not save its timers")
            copy.send_signal(signal.SIGINT)
            out, _ = copy.communicate(timeout=20)
        finally:
            copy.kill()
            copy.wait()
        assert not (data / "therapy.json").exists()
    assert "the timer is saved" not in out
    last = out.strip().splitlines()[-1]
    assert re.search(r"Take the cold pack off at \d\d:\d\d \([12]\d:\d\d from now\)", last), out
    assert "could not be saved: nothing will remind you" in last


def test_a_corrupt_timer_file_is_moved_aside_and_the_program_carries_on(tmp_path):
    (tmp_path / "therapy.json").write_text("{not json")
    (tmp_path / "reminders.json").write_text('{"reminders": [{"id": "x"}]}')
    result = run_cli("remind", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert "reminders.json could not be used" in result.stderr
    assert "No reminders" in result.stdout
    result = run_cli(
        "ice", "--on", "1m", "--plain", stdin="q\ny\n", env={"UNKNOT_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode == 0
    assert "A pack may be on: " in result.stdout  # the face says it, as its first line
    assert "therapy.json could not be used" in result.stdout
    assert any(p.name.startswith("therapy.json.corrupt-") for p in tmp_path.iterdir())


def test_reminders_are_kept_and_listed(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    book = {
        "reminders": [
            {
                "id": 1,
                "text": "Time to move",
                "due": time.time() + 600,
                "every": 2700.0,
                "routine": "desk-break",
                "paused_left": None,
            }
        ]
    }
    (tmp_path / "reminders.json").write_text(json.dumps(book))
    listed = run_cli("remind", env=env)
    assert re.search(r"Time to move — every 45m, next in (09:5\d|10:00)", listed.stdout)


def test_remind_usage_errors():
    assert run_cli("remind", "--in", "5m").returncode == 2
    assert run_cli("remind", "--in", "5m", "--routine", "x", "t").returncode == 2
    assert run_cli("remind", "--every", "soon").returncode == 2
    assert run_cli("remind", "--every", "45m", "--routine", "nope").returncode == 1


def test_an_overdue_reminder_says_how_late_it_is(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    book = {
        "reminders": [
            {
                "id": 1,
                "text": "Stretch",
                "due": time.time() - 3600,
                "every": None,
                "routine": None,
                "paused_left": None,
            }
        ]
    }
    (tmp_path / "reminders.json").write_text(json.dumps(book))
    result = run_cli("ice", "--on", "1m", "--plain", stdin="q\ny\n", env=env)
    assert re.search(r"REMINDER: Stretch \(overdue by 1:00:0\d\)", result.stdout)
