"""The real program in a subprocess: --plain output and exit codes. (How late its lines
arrive at real speed is measured by benchmarks/bench_timing.py, not asserted here.)"""

import re
import subprocess
import sys

from tests.conftest import ROOT, TEST_ROUTINES, faked_time, run_cli

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


def test_the_preview_of_a_routine_of_two_applications_runs_to_the_end_from_dev_null(tmp_path):
    """The README's preview, `unknot run X --plain --speed 20 </dev/null`, of a routine whose
    cold step offers two applications: at the end of input the second is declined, and the
    routine goes on (it used to wait there for ever). Its minute of skin rest passes at a
    hundred times speed (libfaketime, both clocks)."""
    routine = tmp_path / "twice.yaml"
    routine.write_text(
        "version: 1\nname: Twice\nsteps:\n  - ice: Cool the back\n    on: 2m\n    off: 20m\n"
        "    cycles: 2\n  - rest: 10s\n"
    )
    command = ["run", str(routine), "--plain", "--speed", "20", "--mute"]
    result = subprocess.run(
        [sys.executable, "-m", "unknot", *command],
        env=faked_time("+0 x100"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    events = [STAMP.match(line).group(4) for line in result.stdout.splitlines()]
    assert "(end of input, preview: no)" in events
    assert "step 2/2 rest 10s" in events
    assert events[-1] == "done: Twice completed"


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
    assert "'unknot list' shows them" in result.stderr  # nothing is close: where to look


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
