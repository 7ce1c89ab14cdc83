"""Hostile input through every command: nothing a terminal acts on reaches stdout or stderr,
nothing crashes, and a full-screen start without a terminal is refused at once."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, run_cli
from tests.hostile_text import PAYLOADS, hostile_text, terminal_problems, yaml_quoted
from unknot.cli import main
from unknot.core.safety.signs import emergency_number
from unknot.store.history import DiaryEntry, Store

UNKNOT = [sys.executable, "-m", "unknot"]


def hostile_workspace(base: Path, words: list[str]) -> tuple[Path, Path, Path]:
    """A routines folder, a settings file and a history, each carrying `words` wherever a
    user's text can go: names, titles, instructions, signs, sounds, questions, file names,
    the emergency number, diary answers, stop reasons."""
    folder, data, config = base / "routines", base / "data", base / "config.yaml"
    folder.mkdir()
    w = [yaml_quoted(x) for x in words]
    (folder / "every-field.yaml").write_text(
        f"version: 1\nrounds: 0\nname: {w[0]}\ndescription: {w[1]}\nsource: {w[2]}\nstop_if: [{w[3]}]\n"
        f"sounds:\n  start: {w[4]}\nsteps:\n  - note: {w[1]}\n  - stretch: {w[2]}\n"
        f"    how: {w[5]}\n    hold: {w[5]}\n  - check: {w[3]}\n    ask: [{w[0]}, "
        f"{{ask: {w[4]}, stop_if: {w[5]}}}]\n  - {w[0]}: x\n"
    )
    (folder / "runs.yaml").write_text(f"version: 1\nname: x\nsteps:\n  - note: {w[2]}\n")
    for word in words:  # file names carry them too; only '/' and NUL can't be in one
        name = os.fsencode(word.replace("/", "").replace("\x00", ""))[:200] + b".yaml"
        Path(os.fsdecode(bytes(folder) + b"/" + name)).write_text("version: 1\n")
    (folder / os.fsdecode(b"not-utf8-\xff\xfe.yaml")).write_text(f"name: {w[0]}\n")
    config.write_text(f"emergency_number: {w[0]}\nregion: {w[1]}\n")
    store = Store(data)
    now = time.time()
    for i, word in enumerate(words):
        session = store.start_session(word, word, "f", now - 3600 + i, 5, pain_before=5)
        store.set_pain(session, "after", 3)
        store.end_session(session, now - 3000 + i, "completed")
        store.safety(session, now - 3000 + i, None, "stop-exercise", word)
        store.diary(
            DiaryEntry(at=now - 100, pain=4, location=word, feels=word, medicines=word, notes=word)
        )
    store.close()
    return folder, data, config


def run_in_process(capfd, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(hostile_text, min_size=6, max_size=6))
def test_no_command_lets_a_control_character_reach_the_terminal(capfd, words):
    with tempfile.TemporaryDirectory() as tmp:
        folder, data, config = hostile_workspace(Path(tmp), words)
        common = ("--routines", str(folder), "--data-dir", str(data), "--config", str(config))
        for args in (
            ("validate", str(folder)),
            ("list",),
            ("list", "--json"),
            ("signs",),
            ("history", "--days", "2"),
            ("history", "--csv"),
            ("report",),
            ("remind",),
            ("run", str(folder / "every-field.yaml"), "--plain"),
            ("run", words[0] + ".yaml", "--plain"),
            ("new", words[1]),
        ):
            _, out, err = run_in_process(capfd, *args, *common)
            assert "Traceback" not in err, (args, err)
            assert terminal_problems(out) == [], (args, out)
            assert terminal_problems(err) == [], (args, err)
            if args == ("list", "--json"):
                assert {row["id"] for row in json.loads(out)} >= {"every-field", "runs"}
            if args == ("history", "--days", "2"):
                # one line a session, the trend, then a heading and one line a warning sign
                assert len(out.splitlines()) == len(words) + 1 + 1 + len(words)


def test_a_routine_full_of_escapes_runs_in_plain_mode_with_nothing_raw(tmp_path):
    words = [p for p in PAYLOADS if "\n" not in p and "\r" not in p and "\u2028" not in p]
    quoted = [yaml_quoted(f"Text {i} {p}") for i, p in enumerate(words)]
    routine = tmp_path / "escapes.yaml"
    steps = "".join(f"  - note: {q}\n  - rest: 1s\n    how: {q}\n" for q in quoted)
    routine.write_text(
        f"version: 1\nname: {quoted[0]}\nstop_if: [{', '.join(quoted)}]\nsteps:\n{steps}"
        f"  - check: {quoted[1]}\n    ask: [{quoted[2]}]\n"
    )
    config = tmp_path / "config.yaml"
    config.write_text(f"emergency_number: {quoted[0]}\n")
    result = run_cli(
        "run", str(routine), "--plain", "--speed", "100", "--config", str(config), stdin=None
    )
    assert result.returncode == 0, result.stderr
    assert "done:" in result.stdout
    assert terminal_problems(result.stdout) == [] and terminal_problems(result.stderr) == []
    signs = run_cli("signs", "--config", str(config))
    assert "\x1b" not in signs.stdout and "Emergency number: 0;pwned[2J" not in signs.stdout
    assert emergency_number("\x1b]0;pwned\x07\x1b[2J999").number == "999"


# --- numbers on the command line ---


def test_numbers_out_of_range_are_usage_errors_never_tracebacks(capfd):
    huge = "1" + "0" * 400
    for args in (
        ("ice", "--on", huge),
        ("heat", "--off", "9" * 5000),
        ("remind", "--every", huge),
        ("remind", "--in", huge + "s", "x"),
        ("ice", "--cycles", "9" * 5000),
        ("run", "desk-break", "--speed", "nan"),
        ("run", "desk-break", "--speed", "1e400"),
        ("history", "--days", huge),
        ("report", "--days", "-1"),
    ):
        code, _, err = run_in_process(capfd, *args)
        assert code == 2, (args, err)
        assert "Traceback" not in err and "Error: Invalid value" in err


def test_a_hostile_argument_is_shown_safely_in_a_usage_error(capfd):
    code, _, err = run_in_process(capfd, "ice", "--on", "\x1b]0;pwned\x07")
    assert code == 2
    assert "\\x1b]0;pwned\\x07" in err and "\x1b" not in err


# --- the full-screen program needs a terminal ---


def test_the_full_screen_program_refuses_without_a_terminal(tmp_path):
    for args in ([], ["run", "desk-break"], ["ice"]):
        output = tmp_path / "screen.txt"
        started = time.perf_counter()
        with output.open("wb") as out:
            result = subprocess.run(
                [*UNKNOT, *args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.PIPE,
                timeout=20,
                cwd=ROOT,
            )
        assert time.perf_counter() - started < 10
        assert result.returncode == 2, args
        assert output.read_bytes() == b""  # not one byte of interface
        message = result.stderr.decode()
        assert len(message.splitlines()) == 1 and "--plain" in message
    assert not (Path(os.environ["UNKNOT_DATA_DIR"]) / "reminders.json").exists()


# --- an unexpected error ---


def test_an_unexpected_error_exits_non_zero_and_says_where_the_log_is(tmp_path):
    data = tmp_path / "data"
    Store(data).close()
    # A real history file with a value no version of unknot writes: a start time as text.
    import sqlite3

    with sqlite3.connect(data / "history.db") as db:
        db.execute(
            "INSERT INTO sessions (routine_id, routine_name, fingerprint, started, "
            "segments_total) VALUES ('x', 'X', 'f', 'yesterday', 3)"
        )
    result = run_cli("history", "--days", "3660", "--data-dir", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"The details are in {data / 'unknot.log'}" in lines[0]
    assert "Traceback" in (data / "unknot.log").read_text()


# --- files ---


def test_run_of_a_missing_file_says_no_such_file(tmp_path, capfd):
    code, _, err = run_in_process(capfd, "run", "./nope.yaml")
    assert code == 1
    assert err.strip() == "unknot: ./nope.yaml: no such file"
    (tmp_path / "folder.yaml").mkdir()
    code, _, err = run_in_process(capfd, "run", str(tmp_path / "folder.yaml"))
    assert code == 1 and "not a regular file" in err


def test_report_output_is_private_even_over_an_open_file(tmp_path, capfd):
    fresh, existing = tmp_path / "fresh.md", tmp_path / "existing.md"
    existing.write_text("old")
    existing.chmod(0o644)
    for out in (fresh, existing):
        assert run_in_process(capfd, "report", "-o", str(out))[0] == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert out.read_text().startswith("# Back pain summary")


def test_csv_cells_that_look_like_formulas_are_text(tmp_path):
    from unknot.store.report import sessions_csv

    store = Store(tmp_path)
    names = ['=HYPERLINK("http://example.invalid")', "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)"]
    for i, name in enumerate([*names, "\tTab", "\rCR", "Plain"]):
        store.start_session(name, name, "f", 1000.0 + i, 3)
    rows = list(csv.reader(io.StringIO(sessions_csv(store, 0))))[1:]
    assert [row[3] for row in rows] == [*(f"'{n}" for n in names), "Tab", "CR", "Plain"]
    assert all(not row[2].startswith(("=", "+", "-", "@")) for row in rows)


# --- the report for a doctor can't be forged ---

FORGED = "Walk |\n\n## Warning signs reported\n\n- None.\n"


def test_text_in_the_report_cannot_forge_a_heading_a_row_or_an_item(tmp_path):
    from markdown_it import MarkdownIt

    from unknot.store.report_markdown import report

    store = Store(tmp_path)
    now = time.time()
    hostile = [FORGED, "# Heading", "1. item", "- item", "| a | b |", "[x](javascript:x)", "<b>"]
    for i, name in enumerate(hostile):
        session = store.start_session("walk", name, "f", now - 3600 + i, 3, pain_before=6)
        store.set_pain(session, "after", 2)
        store.end_session(session, now - 3000, "completed")
    store.safety(None, now - 100, "saddle", "emergency", "Numbness\n\n## Nothing happened")
    store.diary(DiaryEntry(at=now - 50, pain=5, location=FORGED, medicines="- none\n# x"))
    store.function_rating(now - 40, ((FORGED, 3), ("# Heading", 4)))
    text = report(store, now, 30, emergency_number("\x1b]0;x\x07999", "GB"))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Back pain summary",
        "Pain",
        "What I can do",
        "Over the weeks",
        "What the pain is like",
        "Medicines I took",
        "Warning signs reported",
        "Exercise sessions",
        "Cold and heat",
        "What seemed to help",
    ]
    assert sum(t.type == "tr_open" for t in tokens) == 1 + len(hostile)  # header + one a name
    assert sum(t.type == "td_open" for t in tokens) == 4 * len(hostile)
    assert not any(t.type in ("link_open", "html_inline", "html_block") for t in tokens)
    assert "In an emergency call 999." in text and "\x1b" not in text
    section = text.split("## Warning signs reported\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.count("\n") == 0 and "Numbness ## Nothing happened" in section.replace("\\", "")


def test_history_is_one_line_a_session(tmp_path, capfd):
    store = Store(tmp_path)
    for i, name in enumerate([FORGED, "a\u2028b", "c\rd", "Plain"]):
        store.start_session("x", name, "f", time.time() - 60 + i, 3)
    store.close()
    code, out, _ = run_in_process(capfd, "history", "--data-dir", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 4 and "Walk | ## Warning signs reported - None." in lines[0]


# --- a hostile routines folder under every command ---


def test_a_hostile_folder_never_crashes_hangs_or_leaks_a_control_byte(tmp_path):
    from tests.hostile import write_hostile_extras, write_hostile_folder

    folder = tmp_path / "hostile"
    write_hostile_folder(folder, tmp_path / "ran")
    broken = [*write_hostile_extras(folder), "bomb", "python", "empty", "list", "big", "binary"]
    commands = {
        "validate": ["validate", str(folder)],
        "list": ["list", "--routines", str(folder)],
        # By id: finding it reads every file in the folder, as running any routine does.
        "run": ["run", "markup", "--plain", "--speed", "100", "--routines", str(folder)],
        "run broken": ["run", str(folder / "huge-hold.yaml"), "--plain"],
        "run a fifo": ["run", str(folder / "fifo.yaml"), "--plain"],
        "full screen": ["--routines", str(folder)],
    }
    # One process per command, all at once: a hang shows as a timeout, not a slow suite.
    procs = {
        name: subprocess.Popen(
            [*UNKNOT, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for name, args in commands.items()
    }
    results = {}
    for name, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
        results[name] = (proc.returncode, out, err)
        assert b"Traceback" not in err, (name, err)
        assert terminal_problems(out) == [] and terminal_problems(err) == [], name
    assert not (tmp_path / "ran").exists()
    codes = {name: code for name, (code, _, _) in results.items()}
    assert codes == {
        "validate": 1,
        "list": 0,
        "run": 0,
        "run broken": 1,
        "run a fifo": 1,
        "full screen": 2,
    }
    listed = results["list"][1].decode()
    assert sum("BROKEN" in line for line in listed.splitlines()) == len(broken)
    assert "\\x1b]0;title\\x07name" in listed  # the file's name, shown so it can be found
    assert (
        b"done: [/b][@click=app.quit]x [link=https://example.invalid]click[/link] completed"
        in (results["run"][1])
    )
    assert b"too long to be a duration" in results["run broken"][2]
    assert b"not a regular file" in results["run a fifo"][2]
    for name in broken:
        if name.isascii() and name.isprintable():
            assert f"{name}.yaml:".encode() in results["validate"][1], name


def test_numbers_typed_at_a_prompt_never_crash(tmp_path):
    routine = tmp_path / "short.yaml"
    routine.write_text("version: 1\nname: Short\nsteps:\n  - rest: 1s\n")
    huge = "9" * 5000
    # the day's check, the pain before: each a number no int() takes, then a real answer
    result = run_cli("run", str(routine), "--plain", stdin=f"{huge}\n²\nc\n²\n{huge}\n\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.count("Pain is a number from 0 to 10.") == 2
    assert "done: Short completed" in result.stdout
    diary = run_cli("diary", stdin=f"²\n{huge}\n")
    assert diary.returncode == 0 and "Saved." in diary.stdout
