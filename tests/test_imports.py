"""The quick commands load only what they need: the modules a real start of the program has
loaded when it is done, and the completion scripts printed without click."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from click.shell_completion import get_completion_class

from tests.conftest import ROOT
from unknot.__main__ import SHELLS, completion_script

# Runs an entry point as the `unknot` command would, then lists what had been imported.
LOADED = """
import sys
from {module} import main
try:
    code = main({args!r})
except SystemExit as exit:
    code = exit.code
print("loaded:", code, " ".join(sorted(sys.modules)))
"""
HEAVY = ("textual", "rich", "yaml", "sqlite3", "_sqlite3", "unknot.tui", "unknot.store.history")


def loaded_by(module: str, *args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", LOADED.format(module=module, args=list(args))],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=str(ROOT),
        timeout=60,
    )
    last = result.stdout.splitlines()[-1]
    assert last.startswith("loaded: 0 "), result.stdout + result.stderr
    return set(last.split()[2:])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith(HEAVY))


@pytest.mark.parametrize("args", [("--version",), ("completion", "bash")])
def test_the_entry_point_answers_without_click_or_the_program(args):
    modules = loaded_by("unknot.__main__", *args)
    assert "unknot.__main__" in modules
    assert not [m for m in modules if m == "click" or m.startswith("click.")]
    assert heavy(modules) == []
    assert not [m for m in modules if m.startswith("unknot.") and m != "unknot.__main__"]


def test_the_command_line_itself_imports_no_textual_yaml_or_sqlite_for_version():
    modules = loaded_by("unknot.cli", "--version")
    assert "click" in modules  # it did go through the command line proper
    assert heavy(modules) == []


@pytest.mark.parametrize("args", [("completion", "zsh"), ("status",)])
def test_completion_and_status_import_no_textual(args):
    modules = loaded_by("unknot.cli", *args)
    assert "unknot.cli" in modules
    assert not [m for m in modules if m.startswith(("textual", "unknot.tui"))]


@pytest.mark.parametrize("command", ["list", "validate", "signs"])
def test_the_library_commands_load_no_engine_and_no_screen(command, tmp_path):
    """`list`, `validate` and `signs` read files and print: the visit engine, the prompts'
    model, Textual and the history stay unloaded (they cost a start-up a third more)."""
    paths = [str(ROOT / "routines")] if command == "validate" else []
    modules = loaded_by("unknot.cli", "--data-dir", str(tmp_path), command, *paths)
    assert "unknot.core.format.loader" in modules or command == "signs"
    engine = ("unknot.core.engine.prompts", "unknot.core.engine.visit", "unknot.services.runtime")
    assert not [m for m in modules if m.startswith(engine)]
    assert not [m for m in modules if m.startswith(("textual", "unknot.tui", "sqlite3"))]


@pytest.mark.parametrize("shell", SHELLS)
def test_the_completion_scripts_are_the_ones_click_writes(shell):
    from unknot.cli import cli

    completion = get_completion_class(shell)
    assert completion is not None
    source = completion(cli, {}, "unknot", "_UNKNOT_COMPLETE")
    # The bash script's version check is made apart from the text, as click makes it.
    written = type(source).source_template % source.source_vars()
    assert completion_script(shell) == written


def test_version_and_completion_say_the_same_through_either_door():
    def out(*argv: str) -> str:
        done = subprocess.run(
            [sys.executable, *argv], capture_output=True, text=True, cwd=str(ROOT), timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    fast = out("-m", "unknot", "--version")
    assert fast == out("-c", "from unknot.cli import main; main(['--version'])")
    assert fast.startswith("unknot ")
    script = out("-m", "unknot", "completion", "fish")
    assert script == out("-c", "from unknot.cli import main; main(['completion', 'fish'])")
    assert "_UNKNOT_COMPLETE=fish_complete" in script


def test_status_answers_without_click_and_says_what_the_command_line_says(tmp_path):
    """A status bar runs it every few seconds: no click, no settings, no history, no UI; and
    the same line as the command line proper gives, for a pack that is on."""
    from unknot.core.clock import RealClock
    from unknot.core.engine.therapy import Therapy, TherapySpec
    from unknot.store.timers import TimerStore

    therapy = Therapy(TherapySpec("heat"), RealClock())
    therapy.start()
    store = TimerStore(tmp_path)
    store.save_therapy(therapy)
    store.release()
    args = ("--data-dir", str(tmp_path), "status", "--format={kind} {pack}")
    modules = loaded_by("unknot.__main__", *args)
    assert not [m for m in modules if m == "click" or m.startswith("click.")]
    assert heavy(modules) == [] and "unknot.store.config" not in modules

    def said(*extra: str) -> str:
        command = [sys.executable, "-m", "unknot", *args, *extra]
        result = subprocess.run(command, capture_output=True, text=True, cwd=str(ROOT))
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shape(line: str) -> str:  # a second may pass between the two
        return re.sub(r"\d", "#", line)

    fast = said()
    assert shape(fast) == "heat ♨ ##:## left\n"
    assert shape(said("--mute")) == shape(fast)  # an option only the command line proper takes
