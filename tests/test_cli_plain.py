"""The real program in a subprocess: --plain output, its timing, and exit codes."""

import os
import re
import subprocess
import sys
import time

from tests.conftest import ROOT, TEST_ROUTINES, run_cli

QUICK = str(TEST_ROUTINES / "quick.yaml")
STAMP = re.compile(r"^(\d\d):(\d\d)\.(\d) (.*)$")


def test_plain_preview_runs_to_the_end_with_stdin_closed():
    result = run_cli("run", QUICK, "--plain", "--speed", "50", stdin=None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(STAMP.match(line) for line in lines), lines
    events = [STAMP.match(line).group(4) for line in lines]
    assert "PREVIEW: every duration divided by 50" in events
    assert "step 1/5 note Get on the floor." in events
    assert "(end of input: continuing)" in events
    assert "step 2/5 hold 4s Knee to chest (left, rep 1/2)" in events
    assert "step 2/5 switch 5s Knee to chest (right)" in events
    assert "step 4/5 rest 3s" in events
    assert events[-1] == "done: Quick test routine completed"  # a preview asks no pain


def test_plain_lines_arrive_when_their_routine_time_says():
    proc = subprocess.Popen(
        [sys.executable, "-m", "unknot", "run", QUICK, "--plain", "--speed", "20"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=os.environ,
    )
    arrivals = []
    assert proc.stdout is not None
    for line in proc.stdout:
        arrivals.append((time.monotonic(), line.rstrip("\n")))
    assert proc.wait(timeout=30) == 0
    start = next(t for t, line in arrivals if " start " in line)
    late = []
    for t, line in arrivals:
        m = STAMP.match(line)
        assert m, line
        stamp = int(m.group(1)) * 60 + int(m.group(2)) + int(m.group(3)) / 10
        late.append((t - start) - stamp)
    # stamps are rounded to a tenth; allow that plus 100 ms of lateness
    assert max(abs(x) for x in late) < 0.15, late
    total = 59 / 20
    assert abs(arrivals[-1][0] - start - total) < 0.15


def test_plain_reads_commands_from_stdin():
    result = run_cli("run", QUICK, "--plain", "--speed", "100", stdin="c\nq\ny\n")
    assert result.returncode == 0
    assert "End this routine now? y/n" in result.stdout
    assert "stopped: ended early" in result.stdout
    assert "done:" not in result.stdout


def test_unknown_routine_is_a_clear_error_with_exit_1():
    result = run_cli("run", "no-such-routine", "--plain")
    assert result.returncode == 1
    assert "no routine 'no-such-routine'" in result.stderr
    assert "gentle-floor" in result.stderr


def test_bad_speed_is_a_usage_error_with_exit_2():
    result = run_cli("run", QUICK, "--plain", "--speed", "500")
    assert result.returncode == 2
    assert "500 is outside 1-100" in result.stderr


def test_version_and_help():
    from unknot import __version__

    assert run_cli("--version").stdout.strip() == f"unknot {__version__}"
    out = run_cli("--help").stdout
    assert "not medical advice" in out
    assert "examples:" in out
    assert "example:" in run_cli("run", "--help").stdout


def test_list_shows_the_bundled_routines():
    result = run_cli("list")
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert {
        "gentle-floor",
        "desk-break",
        "morning-mobility",
        "spasm-first-aid",
        "evening-unwind",
    } <= set(ids)
