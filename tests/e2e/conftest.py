"""End-to-end: the installed program in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import need
from tests.terminal import Pane

UNKNOT = Path(sys.executable).with_name("unknot")


@pytest.fixture
def terminal(tmp_path: Path, isolated_home: Path):
    """Start the installed `unknot` with arguments in a fresh tmux pane; closes it after."""
    need(shutil.which("tmux") is not None, "tmux")
    need(UNKNOT.exists(), "the installed unknot command")
    panes: list[Pane] = []

    def start(
        *args: str, size: tuple[int, int] = (100, 30), shell: str | None = None, **env: str
    ) -> Pane:
        """`shell`: a line for sh instead, with the installed program as $UNKNOT (to send
        its streams elsewhere as a person at a prompt would)."""
        base = {
            k: v
            for k, v in os.environ.items()
            if k.startswith(("HOME", "UNKNOT", "XDG", "PATH", "LANG", "LC_"))
        }
        base.update(TERM="xterm-256color", LANG="en_GB.UTF-8", LC_ALL="")
        base.update(env, UNKNOT=str(UNKNOT))
        command = ["sh", "-c", shell] if shell is not None else [str(UNKNOT), *args]
        pane = Pane(command, base, size)
        panes.append(pane)
        return pane

    yield start
    for pane in panes:
        screen = pane.screen()
        pane.close()
        assert "Traceback" not in screen, screen


def no_traceback(pane: Pane) -> str:
    screen = pane.screen()
    assert "Traceback" not in screen and "Error" not in screen.split("unknot")[0], screen
    return screen
