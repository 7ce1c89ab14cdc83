"""Everyday commands as a new user meets them: set a reminder from a script, mistype a
routine's id, start the line face with no command."""

from __future__ import annotations

import datetime
import json
import os
import pty
import select
import subprocess
import sys
import time

from tests.conftest import ROOT, TEST_ROUTINES, run_cli
from unknot.cli import main


def run_in_process(capfd, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


def saved_reminders(data) -> list[dict]:
    return json.loads((data / "reminders.json").read_text())["reminders"]


def test_a_reminder_is_set_without_a_terminal_and_the_command_ends(capfd, tmp_path):
    data = str(tmp_path)
    code, out, err = run_in_process(
        capfd, "remind", "--in", "1m", "Drink some water", "--data-dir", data
    )
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith("Added: Drink some water — once, next in")
    code, out, err = run_in_process(capfd, "remind", "--every", "45m", "--data-dir", data)
    assert (code, err) == (0, "")
    assert out.startswith("Added: Time to move — every 45m") and out.count("\n") == 1
    kept = saved_reminders(tmp_path)
    assert [(r["text"], r["every"]) for r in kept] == [
        ("Drink some water", None),
        ("Time to move", 2700.0),
    ]
    code, out, _ = run_in_process(capfd, "remind", "--data-dir", data)
    assert "Drink some water — once" in out and "Time to move — every 45m" in out
    # A script written for the line face still works, and sets the reminder the same way.
    code, out, err = run_in_process(
        capfd, "remind", "--in", "2h", "Stretch", "--plain", "--data-dir", data
    )
    assert (code, err) == (0, "") and out.startswith("Added: Stretch — once")
    assert len(saved_reminders(tmp_path)) == 3


def test_a_reminder_set_in_a_terminal_does_not_open_the_full_screen(tmp_path):
    leader, follower = pty.openpty()
    try:
        started = subprocess.Popen(
            [sys.executable, "-m", "unknot", "remind", "--in", "1m", "Drink some water"],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=ROOT,
            env={**os.environ, "UNKNOT_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"},
        )
        os.close(follower)
        written, deadline = b"", time.monotonic() + 20
        while time.monotonic() < deadline:  # until the program closes its end of the terminal
            if not select.select([leader], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            written += chunk
        else:
            started.kill()
        assert started.wait(timeout=20) == 0
    finally:
        os.close(leader)
    text = written.decode()
    assert "\x1b[?1049h" not in text  # never switched to the full screen
    assert text.startswith("Added: Drink some water — once") and text.count("\n") == 1
    assert [r["text"] for r in saved_reminders(tmp_path)] == ["Drink some water"]


def test_a_mistyped_routine_id_suggests_the_nearest(capfd):
    code, out, err = run_in_process(capfd, "run", "gentle-flor", "--plain")
    assert code == 1 and out == ""
    assert err == "unknot: no routine 'gentle-flor'; did you mean 'gentle-floor'?\n"
    code, _, err = run_in_process(capfd, "run", "zzzz", "--plain")
    assert code == 1 and err == "unknot: no routine 'zzzz'; 'unknot list' shows them\n"
    code, _, err = run_in_process(capfd, "remind", "--every", "45m", "--routine", "desk-brake")
    assert code == 1 and "did you mean 'desk-break'?" in err


def events(result) -> list[str]:
    return [line.split(" ", 1)[1] for line in result.stdout.splitlines()]


def test_plain_with_no_command_lists_the_routines_and_runs_the_one_chosen(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    listed = run_cli("--plain", stdin="", env=env)
    assert listed.returncode == 0, listed.stderr
    said = events(listed)
    assert "1. Desk break (4m37s), id desk-break" in said
    assert said[-1].startswith("Type a routine's number or id")
    typed = "gentle-flor\nquick\nc\n\nq\ny\n"  # a typo, the routine, its questions, quit
    ran = run_cli("--plain", "--routines", str(TEST_ROUTINES), stdin=typed, env=env)
    assert ran.returncode == 0, ran.stderr
    said = events(ran)
    assert "no routine 'gentle-flor'; did you mean 'gentle-floor'?" in said
    assert "start Quick test routine: 5 steps, 59s" in said
    assert "stopped: ended early" in said


def test_plain_with_no_command_starts_a_pack_for_the_minutes_asked_never_over_30(tmp_path):
    typed = "i 45\ni 15\nq\ny\n"
    result = run_cli("--plain", stdin=typed, env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    said = events(result)
    assert "'45' is not a time a pack can stay on: from 1 to 30 minutes." in said
    assert any(line.startswith("ice 1/1: ON for 15m") for line in said), said
    assert "stopped: the cold pack timer" in said


def test_plain_before_a_command_counts_as_after_it(tmp_path):
    quick = str(TEST_ROUTINES / "quick.yaml")
    result = run_cli("--plain", "run", quick, "--speed", "100", stdin=None)
    assert result.returncode == 0, result.stderr
    assert events(result)[-1] == "done: Quick test routine completed"


def test_status_shows_the_skin_rest_after_a_pack_and_when_it_ends(tmp_path):
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    stopped = run_cli("ice", "--on", "1m", "--plain", stdin="q\ny\n", env=env)
    assert stopped.returncode == 0 and "stopped: the cold pack timer" in stopped.stdout
    off = json.loads((tmp_path / "checks.json").read_text())["skin_off"]
    status = run_cli("status", env=env)
    assert status.returncode == 0, status.stderr
    ends = datetime.datetime.fromtimestamp(off + 20 * 60)
    assert status.stdout == f"skin rest until {ends:%H:%M}\n"
    # What `unknot ice` then says agrees: the skin rests before a new pack goes on.
    again = run_cli("ice", "--plain", stdin="", env=env)
    assert "Let your skin rest" in again.stdout
