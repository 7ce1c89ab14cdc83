"""A person at a keyboard: the real program, keys in, screen out."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.conftest import UNKNOT, no_traceback
from tests.mounts import fill, tmpfs


def test_library_run_pause_next_and_a_safety_stop(terminal):
    pane = terminal()
    pane.wait_for("Welcome to unknot")
    pane.send("Enter")
    pane.wait_for("/ Filter")  # the library's own keys: the welcome has gone
    pane.send("/")  # the filter
    pane.wait_for("^p palette")  # the footer of a focused text box: keys now go into it
    pane.send("g", "e", "n", "t", "l", "e", "Enter")
    lines = pane.settled(lambda lines: not any("Desk break" in line for line in lines))
    assert any("Gentle floor release" in line for line in lines), "\n".join(lines)
    assert not any("Desk break" in line for line in lines), "\n".join(lines)
    pane.send("Enter")
    pane.wait_for("Before you start today")
    pane.send("c")
    pane.wait_for("how is your pain now?")
    pane.send("3", "Enter")
    pane.wait_for("Step 1/")
    pane.send("Enter")  # past the first note
    pane.wait_for("GET READY")
    pane.send("Space")
    pane.wait_for("PAUSED")  # that nothing moves while paused is the fake clock's test
    pane.send("Space")
    pane.wait_for("GET READY")
    pane.send("n")
    pane.wait_for("HOLD")
    pane.send("!")
    pane.wait_for("Do you have any of these now?")
    pane.send("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # chest pain
    pane.wait_for("▲▲▲ EMERGENCY ▲▲▲")
    screen = no_traceback(pane)
    assert "Call 999 now." in screen
    pane.send("e")  # too soon: ignored, so the stop is still there when it arms
    pane.wait_for("then press e", timeout=5)
    assert "EMERGENCY" in pane.screen()
    pane.send("e")
    pane.wait_for("STOPPED FOR SAFETY")
    assert "Stopped for safety" in pane.screen()


def test_an_ice_timer_through_the_alarm_and_acknowledgement(terminal):
    pane = terminal("ice", "--on", "1m", "--speed", "100")
    # 0.6 s on: the alarm outranks even the first-run notice, which waits behind it
    pane.wait_for("REMOVE IT NOW", timeout=30)
    pane.wait_for("Take the cold pack off now", timeout=10)
    pane.send("o")
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("Let the skin rest", timeout=30)
    pane.send("q")  # the skin rest and its check are the Pilot tests' (12 s here at ×100)
    pane.wait_for("Stop this timer?")
    pane.send("y")
    pane.wait_for("unknot — routines", timeout=30)
    no_traceback(pane)


def test_a_reminder_fires_and_is_done(terminal):
    setting = subprocess.run(
        [str(UNKNOT), "remind", "--in", "1s", "Drink some water"], capture_output=True, text=True
    )
    assert setting.returncode == 0 and setting.stdout.startswith("Added:"), setting
    pane = terminal()
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("REMINDER", timeout=10)
    assert "Drink some water" in pane.screen()
    pane.send("d")
    lines = pane.settled(lambda lines: not any("REMINDER" in line for line in lines), 10)
    assert not any("REMINDER" in line for line in lines), "\n".join(lines)
    no_traceback(pane)


def into_a_hold(terminal, tmp_path, **env: str):
    """A first run of a one-hold routine, past the notice, the day's check and the rating."""
    routine = tmp_path / "hold.yaml"
    routine.write_text("version: 1\nname: Hold\nsteps:\n  - stretch: Hold still\n    hold: 5m\n")
    pane = terminal("run", str(routine), **env)
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("None of these")
    pane.send("c")
    pane.wait_for("how is your pain")
    pane.send("Escape")
    pane.wait_for("GET READY")
    return pane


def test_resizing_mid_routine_keeps_the_countdown_and_the_signs_key(terminal, tmp_path):
    pane = into_a_hold(terminal, tmp_path)

    def drawn(lines: list[str]) -> bool:
        digits = any("╭" in line or "╶" in line for line in lines)  # the big countdown
        return digits and lines[-1].lstrip().startswith("! Warning signs")  # the key, first

    for width, height in ((60, 20), (200, 60), (60, 20)):
        pane.resize(width, height)
        lines = pane.settled(drawn)
        assert drawn(lines), "\n".join(lines)
        no_traceback(pane)


def test_no_color_still_says_everything_in_words(terminal, tmp_path):
    pane = into_a_hold(terminal, tmp_path, NO_COLOR="1")
    pane.send("Space")
    pane.wait_for("PAUSED")
    pane.send("!")
    pane.wait_for("Do you have any of these now?")
    pane.send("Down", "Enter")
    pane.wait_for("▲▲▲ EMERGENCY ▲▲▲")


def test_an_edited_routine_shows_up_while_the_library_is_open(terminal, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text("version: 1\nname: My first name\nsteps:\n  - rest: 5s\n")
    pane = terminal("--routines", str(folder))
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("My first name")
    # Both changes in one look at the folder: one wait for the library's watch, not two.
    path.write_text("version: 1\nname: Renamed while open\nsteps:\n  - rest: 5s\n")
    os.utime(path, (1, 1))
    (folder / "oops.yaml").write_text("version: 1\nname: [unclosed\n")
    lines = pane.settled(lambda lines: any("oops.yaml" in line for line in lines), timeout=10)
    screen = "\n".join(lines)
    assert "Renamed while open" in screen and "My first name" not in screen, screen
    assert any("oops.yaml" in line and "BROKEN" in line for line in lines), screen


def test_the_terminal_title_shows_the_step_and_comes_back_after(terminal, tmp_path):
    pane = into_a_hold(terminal, tmp_path)
    title = ["tmux", "display", "-p", "-t", pane.name, "#{pane_title}"]

    def shown() -> str:
        import subprocess

        return subprocess.run([*pane.tmux, *title[1:]], capture_output=True, text=True).stdout

    limit = time.monotonic() + 10
    while not shown().startswith("▶ Hold still") and time.monotonic() < limit:
        time.sleep(0.01)
    assert shown().startswith("▶ Hold still"), shown()
    pane.send("q")
    pane.wait_for("End this routine now?")
    pane.send("y")
    pane.wait_for("How is your pain now, after")
    pane.send("Escape")
    pane.wait_for("ROUTINE ENDED")
    assert not shown().startswith("▶")  # nothing runs: the title goes back


def assert_the_ice_timer_runs_on() -> None:
    """The 20-minute ice timer started a moment ago is saved, and still running."""
    status = subprocess.run(
        [str(UNKNOT), "status", "--format", "{kind} {pack_left}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert status.returncode == 0, status.stderr
    kind, left = status.stdout.split()
    assert kind == "ice"
    minutes, seconds = (int(part) for part in left.split(":"))
    assert 18 * 60 < minutes * 60 + seconds <= 20 * 60, left


def test_with_stderr_sent_away_the_full_screen_refuses_on_the_screen(terminal):
    """Textual draws on stderr: `unknot ice 2>/dev/null` would take the keys and draw the
    pack, and its alarm, into /dev/null. It refuses, says so where the person looks, and
    keeps no pack timer."""
    pane = terminal(shell='"$UNKNOT" ice 2>/dev/null; echo "exit $?"; exec cat')
    pane.wait_for("exit 2", timeout=15)
    screen = " ".join(pane.screen().split())
    assert "needs a terminal on stdin, stdout and stderr" in screen and "--plain" in screen
    assert not (Path(os.environ["UNKNOT_DATA_DIR"]) / "therapy.json").exists()


def test_closed_with_a_pack_on_a_full_disk_it_says_when_to_take_it_off(terminal, tmp_path):
    """Nothing could be saved (a real tmpfs, full before the pack went on): closed anyway,
    it never says the timer is saved, and tells the time to take the pack off."""
    with tmpfs(tmp_path / "small") as data:
        fill(data)
        line = '"$UNKNOT" ice; echo "exit $?"; exec cat'
        pane = terminal(shell=line, UNKNOT_DATA_DIR=str(data))
        pane.wait_for("could not save its timers")  # said first
        pane.send("Enter")
        pane.wait_for("Welcome")
        pane.send("Enter")
        pane.settled(lambda lines: "Welcome" not in " ".join(lines))
        pane.send("C-q")
        pane.wait_for("Close anyway?")
        pane.send("y")
        pane.wait_for("exit 0")
        screen = "".join(pane.screen().splitlines())  # one line, as wrapped at the edge
        pane.close()
    screen = " ".join(screen.split())
    assert "the timer is saved" not in screen
    assert re.search(r"Take the cold pack off at \d\d:\d\d \(\d\d:\d\d from now\)", screen)
    assert "could not be saved: nothing will remind you" in screen


def test_closing_the_terminal_ends_the_program_and_keeps_the_pack_timer(terminal):
    pane = terminal("ice", "--on", "20m")
    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("COLD PACK ON")
    pane.close()  # as closing the window does; it fails if the program stays behind
    assert not pane.alive()
    assert_the_ice_timer_runs_on()


def test_sigterm_gives_the_terminal_back_and_keeps_the_pack_timer(terminal):
    pane = terminal("ice", "--on", "20m")
    # The pane stays when its program ends, so the terminal it left behind can be looked at.
    subprocess.run([*pane.tmux, "set-option", "-w", "-t", pane.name, "remain-on-exit", "on"])
    modes = ["display", "-p", "-t", pane.name, "#{pane_dead} #{alternate_on} #{mouse_any_flag}"]

    def terminal_modes() -> str:
        return subprocess.run([*pane.tmux, *modes], capture_output=True, text=True).stdout.strip()

    pane.wait_for("Welcome")
    pane.send("Enter")
    pane.wait_for("COLD PACK ON")
    assert terminal_modes() == "0 1 1"  # running: the alternate screen, the mouse tracked
    os.kill(pane.pid, signal.SIGTERM)
    limit = time.monotonic() + 10
    while pane.alive() and time.monotonic() < limit:
        time.sleep(0.01)
    assert not pane.alive()
    limit = time.monotonic() + 5
    while terminal_modes().startswith("0") and time.monotonic() < limit:  # tmux sees it end
        time.sleep(0.01)
    assert terminal_modes() == "1 0 0"  # gone; the normal screen, no mouse tracking
    assert_the_ice_timer_runs_on()


ADD_REMINDERS = """
import sys, time
from pathlib import Path
from unknot.store.timers import TimerStore

store = TimerStore(Path(sys.argv[1]))
book = store.load_reminders()
book.add_once(1, time.time(), "Drink some water")
book.add_every(3600, time.time(), "Stretch your legs")
store.save_reminders(book)
"""


def test_reminders_added_elsewhere_fire_in_the_open_program_and_are_kept(terminal, tmp_path):
    pane = terminal()
    pane.wait_for("Welcome to unknot")
    pane.send("Enter")
    pane.wait_for("/ Filter")  # the library's own keys: the welcome has gone
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-c", ADD_REMINDERS, str(data)], check=True, timeout=30)
    pane.wait_for("REMINDER", timeout=10)
    assert "Drink some water" in pane.screen()
    pane.send("d")  # done: this program saves the book now
    lines = pane.settled(lambda lines: not any("REMINDER" in line for line in lines), 10)
    assert not any("REMINDER" in line for line in lines), "\n".join(lines)
    saved = json.loads((data / "reminders.json").read_text())
    assert [r["text"] for r in saved["reminders"]] == ["Stretch your legs"]
    no_traceback(pane)
