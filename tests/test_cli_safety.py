"""Safety in the real program: unknot signs, and stops in --plain mode."""

from tests.conftest import TEST_ROUTINES, run_cli

QUICK = str(TEST_ROUTINES / "quick.yaml")


def test_signs_prints_the_catalogue_by_level_with_the_number():
    result = run_cli("signs", env={"LANG": "en_GB.UTF-8", "LC_ALL": ""})
    assert result.returncode == 0
    out = result.stdout
    assert "Emergency number: 999 (region GB); 112 also works" in out
    order = [out.index(h) for h in ("▲▲▲ EMERGENCY", "▲▲ URGENT", "▲ DOCTOR", "■ STOP THE")]
    assert order == sorted(order)
    assert "What to do: Call 999 now." in out
    assert "Chest pain or pressure" in out
    assert "not medical advice" in out
    assert all(len(line) <= 78 for line in out.splitlines())


def test_signs_with_an_unknown_region_and_a_configured_number(tmp_path):
    unknown = run_cli("signs", env={"LANG": "C.UTF-8", "LC_ALL": ""})
    assert "your local emergency number (112 in much of the world)" in unknown.stdout
    config = tmp_path / "config.yaml"
    config.write_text("emergency_number: '000'\n")
    configured = run_cli("signs", "--config", str(config))
    assert "Call 000 now." in configured.stdout


def test_plain_daily_check_then_bang_and_an_emergency(tmp_path):
    # the daily check (c), past the note (Enter), then ! and sign 6 (chest pain)
    result = run_cli(
        "run",
        QUICK,
        "--plain",
        "--speed",
        "10",
        stdin="c\n\n\n!\n6\n",
        env={"LANG": "en_US.UTF-8", "LC_ALL": ""},
    )
    assert result.returncode == 0
    out = result.stdout
    assert "Before you start today: do you have any of these?" in out
    assert "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲" in out
    assert "  Call 911 now." in out
    assert "You reported: Chest pain" in out
    assert "stopped: safety stop" in out
    assert "done:" not in out


def test_plain_daily_check_sign_stops_before_the_routine_starts():
    result = run_cli(
        "run", QUICK, "--plain", stdin="9\n", env={"LANG": "en_US.UTF-8", "LC_ALL": ""}
    )
    assert result.returncode == 0
    assert "SAFETY STOP ▲▲ URGENT" in result.stdout
    assert "start Quick" not in result.stdout


def test_plain_daily_check_is_asked_once_a_day():
    first = run_cli("run", QUICK, "--plain", "--speed", "100", stdin="c\n")
    assert "Before you start today" in first.stdout
    second = run_cli("run", QUICK, "--plain", "--speed", "100", stdin="")
    assert "Before you start today" not in second.stdout
    assert "done: Quick test routine completed" in second.stdout


def test_plain_stop_exercise_can_skip_and_the_routine_waits(tmp_path):
    routine = tmp_path / "checked.yaml"
    routine.write_text(
        "version: 1\nname: Checked\nstop_if: [Hip clicks]\nsteps:\n  - check: Start\n"
        "  - check: Later\n  - rest: 1s\n  - rest: 1s\n"
    )
    result = run_cli("run", str(routine), "--plain", stdin="c\n\n2\nn\n6\nn\ns\np\n")
    out = result.stdout
    assert "check-in: pain 2/10" in out
    assert "check-in: pain 6/10" in out
    assert "SAFETY STOP ■ STOP THIS EXERCISE ■" in out
    assert "You reported: Pain rose from 2 to 6 out of 10 during the session." in out
    assert "skipped: the routine is paused" in out
    assert "done: Checked completed" in out


def test_plain_stop_at_end_of_input_ends_the_routine(tmp_path):
    routine = tmp_path / "checked.yaml"
    routine.write_text("version: 1\nname: C\nsteps:\n  - check: Start\n  - rest: 1s\n")
    result = run_cli("run", str(routine), "--plain", stdin="c\n\n9\n")
    assert "(end of input: ending the routine)" in result.stdout
    assert "stopped: safety stop" in result.stdout
