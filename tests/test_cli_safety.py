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


def tiny(tmp_path, steps: str = "  - note: Lie down.\n  - rest: 1s\n") -> str:
    """A real (not preview) routine that takes a second: real runs stay quick."""
    path = tmp_path / "tiny.yaml"
    path.write_text(f"version: 1\nname: Tiny\nstop_if: [Hip clicks]\nsteps:\n{steps}")
    return str(path)


def test_plain_daily_check_then_bang_and_an_emergency(tmp_path):
    # the day's check (c), a pain rating (3), then ! at the note and sign 6 (chest pain);
    # the stop is read (its two seconds pass at the end of input) and acknowledged
    result = run_cli(
        "run",
        tiny(tmp_path),
        "--plain",
        stdin="c\n3\n!\n6\n",
        env={"LANG": "en_US.UTF-8", "LC_ALL": ""},
    )
    assert result.returncode == 0, result.stdout
    out = result.stdout
    assert "Before you start today: do you have any of these?" in out
    assert "SAFETY STOP ▲▲▲ EMERGENCY ▲▲▲" in out
    assert "  Call 911 now." in out
    assert "You reported: Chest pain" in out
    assert "stopped: safety stop" in out
    assert "done:" not in out
    assert "After the routine" not in out  # a stop is never followed by "how is it now"


def test_plain_daily_check_sign_stops_before_the_routine_starts(tmp_path):
    result = run_cli(
        "run", tiny(tmp_path), "--plain", stdin="9\n", env={"LANG": "en_US.UTF-8", "LC_ALL": ""}
    )
    assert result.returncode == 0
    assert "SAFETY STOP ▲▲ URGENT" in result.stdout
    assert "start Tiny" not in result.stdout


def test_plain_daily_check_is_asked_once_a_day_and_never_taken_as_answered(tmp_path):
    unanswered = run_cli("run", tiny(tmp_path), "--plain", stdin="")
    assert unanswered.returncode == 1
    assert "the start-of-day check was not answered, so the routine does not start" in (
        unanswered.stdout
    )
    first = run_cli("run", tiny(tmp_path), "--plain", stdin="c\n\n")
    assert "Before you start today" in first.stdout
    assert "done: Tiny completed" in first.stdout
    second = run_cli("run", tiny(tmp_path), "--plain", stdin="\n")
    assert "Before you start today" not in second.stdout
    assert "done: Tiny completed" in second.stdout


def test_a_preview_asks_no_check_and_no_pain(tmp_path):
    result = run_cli("run", QUICK, "--plain", "--speed", "100", stdin=None)
    assert "Before you start today" not in result.stdout
    assert "pain now" not in result.stdout
    assert "done: Quick test routine completed" in result.stdout


def test_plain_check_in_at_end_of_input_ends_the_routine_and_records_nothing(tmp_path):
    result = run_cli(
        "run", tiny(tmp_path, "  - check: Start\n  - rest: 1s\n"), "--plain", stdin="c\n\n"
    )
    assert result.returncode == 1
    assert "the check-in can't be answered, so the routine ends here" in result.stdout
    assert "stopped: ended early" in result.stdout
