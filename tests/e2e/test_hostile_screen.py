"""Hostile files and settings in the full-screen program, in a real terminal: the window title
and the clipboard stay the person's own."""

import subprocess

from tests.e2e.conftest import no_traceback
from tests.hostile import write_hostile_extras, write_hostile_folder


def tmux(pane, *args: str) -> str:
    return subprocess.run([*pane.tmux, *args], capture_output=True, text=True).stdout


def test_escapes_in_files_and_settings_never_reach_the_terminal(terminal, tmp_path):
    folder = tmp_path / "hostile"
    write_hostile_folder(folder, tmp_path / "ran")
    write_hostile_extras(folder)
    config = tmp_path / "config.yaml"
    config.write_text('emergency_number: "\\e]0;pwned\\a\\e]52;c;cm0gLXJmIH4=\\a999"\n')
    pane = terminal("--routines", str(folder), "--config", str(config))
    # As in a pane where applications may set tmux's clipboard (OSC 52).
    tmux(pane, "set", "-g", "set-clipboard", "on")
    title = tmux(pane, "display", "-p", "#{pane_title}")
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("BROKEN")
    pane.send("!")
    pane.wait_for("Do you have any of these now?")
    pane.send("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # chest pain
    pane.wait_for("▲▲▲ EMERGENCY ▲▲▲")
    screen = no_traceback(pane)
    assert "pwned" not in screen
    # The title is the program's own ("⚠ STOP" now), never anything from a file or setting.
    assert tmux(pane, "display", "-p", "#{pane_title}").strip() in (title.strip(), "⚠ STOP")
    assert tmux(pane, "list-buffers") == ""
