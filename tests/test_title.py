"""The terminal title: what it says for each state (fake clock), the exact bytes that set,
save and restore it, and a real tmux showing it as the pane title and putting the old one
back."""

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, need, routine_from
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.core.engine.session import Session
from unknot.core.engine.therapy import Therapy, TherapySpec, spec_from_step
from unknot.core.words.glance import short_clock
from unknot.core.words.title import title_for
from unknot.sound.attention import RESTORE_TITLE, SAVE_TITLE, TerminalTitle, set_title

ROUTINE = """
version: 1
name: Floor
steps:
  - stretch: Knee to chest
    hold: 30s
    reps: 2
    rest: 5s
  - exercise: Cat-cow
    reps: 8
"""


def running(clock: FakeClock) -> Session:
    session = Session(build_plan(routine_from(ROUTINE)), clock)
    session.start()
    return session


def test_a_running_step_shows_its_name_and_time_left():
    clock = FakeClock()
    session = running(clock)
    assert title_for(session) == "▶ Knee to chest 0:05"  # getting ready
    clock.advance(5 + 7)
    session.update()
    assert title_for(session) == "▶ Knee to chest 0:23"
    clock.advance(0.4)  # whole seconds, rounded up: 22.6 s left still reads 0:23
    assert title_for(session) == "▶ Knee to chest 0:23"
    session.pause()
    assert title_for(session) == "⏸ Knee to chest 0:23"
    session.resume()
    clock.advance(23)
    session.update()
    assert title_for(session) == "▶ Rest 0:05"
    clock.advance(5 + 30)
    session.update()
    assert title_for(session) == "▶ Cat-cow"  # a set the person finishes: no clock
    session.next()
    assert session.finished and title_for(session) is None  # the old title comes back


def test_cold_and_heat_show_their_time_left_and_the_alarm():
    clock = FakeClock()
    ice = Therapy(TherapySpec("ice", on=1200, off=1200), clock)
    ice.start()
    clock.advance(1200 - 845)
    assert title_for(therapy=ice) == "❄ 14:05 left"
    clock.advance(845)
    ice.update()
    assert title_for(therapy=ice) == "⚠ REMOVE PACK"
    ice.removed()
    assert title_for(therapy=ice) == "❄ skin rest 20:00"
    heat = Therapy(TherapySpec("heat", on=720, off=1200), clock)
    heat.start()
    assert title_for(therapy=heat) == "♨ 12:00 left"


def test_the_most_urgent_state_wins():
    clock = FakeClock()
    session = running(clock)
    ice = Therapy(TherapySpec("ice", on=600, off=1200), clock)
    ice.start()
    assert title_for(session, ice) == "❄ 10:00 left"
    clock.advance(600)
    ice.update()
    assert title_for(session, ice) == "⚠ REMOVE PACK"
    assert title_for(session, ice, stopped=True) == "⚠ STOP"
    ice.removed()
    clock.advance(1200)
    ice.update()
    ice.skin_checked(normal=True)  # done: the routine shows again
    session.update()
    assert title_for(session, ice).startswith("▶ ")


def test_a_routine_cold_step_shows_its_timer_over_the_routine():
    clock = FakeClock()
    text = "version: 1\nname: S\nsteps:\n  - ice: Cold pack\n    on: 1m\n"
    session = Session(build_plan(routine_from(text)), clock)
    session.start()
    ice = Therapy(spec_from_step(session.segment.step), clock)  # as a face hands it over
    ice.start()
    assert title_for(session, ice) == "❄ 1:00 left"
    clock.advance(60)
    session.update()
    ice.update()
    assert title_for(session, ice) == "⚠ REMOVE PACK"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (23, "0:23"), (845, "14:05"), (3723, "1:02:03")],
)
def test_the_clock_reads_at_a_glance(seconds, shown):
    assert short_clock(seconds) == shown


def test_title_bytes():
    assert set_title("▶ Knee to chest 0:23") == "\x1b]0;▶ Knee to chest 0:23\x07"
    assert set_title("x", icon=False) == "\x1b]2;x\x07"
    assert SAVE_TITLE == "\x1b[22;0t"
    assert RESTORE_TITLE == "\x1b[23;0t"


def test_no_control_byte_gets_into_a_title():
    hostile = "Knee\x07\x1b]0;owned\x1b\\ to\x9c chest\x9d2;x\n\r\u202eevil"
    out = set_title(hostile)
    body = out[len("\x1b]0;") : -1]
    assert out.startswith("\x1b]0;") and out.endswith("\x07")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in body), repr(body)
    assert "\u202e" not in body  # no reordering of the title either
    assert len(set_title("x" * 500)) == len("\x1b]0;\x07") + 80


def test_a_title_is_saved_once_written_only_when_it_changes_and_restored_once():
    written: list[str] = []
    title = TerminalTitle(written.append)
    title.show(None)
    assert written == []  # nothing shown, nothing to restore
    title.show("▶ Rest 0:05")
    title.show("▶ Rest 0:05")
    title.show("▶ Rest 0:04")
    title.restore()
    title.restore()
    assert written == [
        SAVE_TITLE + set_title("▶ Rest 0:05"),
        set_title("▶ Rest 0:04"),
        RESTORE_TITLE,
    ]


SCRIPT = """
import sys
from unknot.sound.attention import TerminalTitle, set_title
sys.stdout.write(set_title("my shell")); sys.stdout.flush()
input()
title = TerminalTitle(lambda s: (sys.stdout.write(s), sys.stdout.flush()))
title.show("▶ Knee to chest 0:23")
input()
title.show("⚠ REMOVE PACK")
input()
title.restore()
input()
"""


class Tmux:
    def __init__(self, name: str) -> None:
        # A server of its own and no user config; -u: the titles are UTF-8 whatever the locale.
        self.base = ["tmux", "-u", "-L", name, "-f", "/dev/null"]

    def __call__(self, *args: str) -> str:
        out = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return out.stdout

    def wait_title(self, wanted: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while (seen := self("display", "-p", "-t", "t", "#{pane_title}").strip()) != wanted:
            assert time.monotonic() < deadline, f"pane title {seen!r}, not {wanted!r}"
            time.sleep(0.01)


def test_tmux_shows_the_title_as_the_pane_title_and_puts_the_old_one_back(tmp_path):
    need(subprocess.run(["which", "tmux"], capture_output=True).returncode == 0, "tmux")
    script = tmp_path / "titles.py"
    script.write_text(SCRIPT)
    env = {"PYTHONPATH": str(ROOT / "app"), "LANG": "C.UTF-8", "HOME": os.environ["HOME"]}
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    tmux = Tmux(f"title-{os.getpid()}-{time.monotonic_ns()}")
    tmux(
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "80",
        "-y",
        "10",
        f"exec env {exports} {sys.executable} {script}",
    )
    try:
        tmux("set-option", "-g", "set-titles", "on")
        tmux.wait_title("my shell")
        tmux("send-keys", "-t", "t", "Enter")
        tmux.wait_title("▶ Knee to chest 0:23")
        tmux("send-keys", "-t", "t", "Enter")
        tmux.wait_title("⚠ REMOVE PACK")
        tmux("send-keys", "-t", "t", "Enter")
        tmux.wait_title("my shell")
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
