"""The full-screen program on a disk that is full from before the pack goes on: every save
fails (a real tmpfs, filled), and still the remove-now alarm comes in front, rings and
repeats; the person is told about the disk once; the pack comes off and the timer runs on
from memory. The clock is the fake one."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.mounts import fill, tmpfs
from unknot.core.clock import FakeClock
from unknot.core.engine.therapy import Phase, TherapySpec
from unknot.tui.screens.confirm import MessageScreen
from unknot.tui.screens.therapy import RemovePackScreen, TherapyScreen

SAVE_FAILED = "unknot could not save its timers"


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


@pytest.fixture
def full(tmp_path):
    with tmpfs(tmp_path / "small") as folder:
        yield folder


async def test_every_save_failing_never_stops_the_remove_now_alarm(full):
    clock = FakeClock()
    app = make_app(
        clock, therapy=TherapySpec("ice", 1200, 1200, 1), data_dir=full, desktop_notify=True
    )
    written: list[str] = []  # the bell and the terminal's notifications
    app.runtime.write = written.append
    fill(full)
    told: dict[int, str] = {}  # each message put in front of the person, by its prompt

    async def front(pilot):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, MessageScreen):
            told[screen.prompt.serial] = screen.prompt.text
        return screen

    async with app.run_test(size=(80, 24)) as pilot:
        message = await front(pilot)
        assert isinstance(message, MessageScreen)  # the first save failed: said at once
        assert message.prompt.text.startswith(SAVE_FAILED)
        assert "No space left on device" in message.prompt.text
        assert "keep unknot open until the pack is off" in message.prompt.text
        timer = app.screen_stack[-2]
        assert isinstance(timer, TherapyScreen) and "COLD PACK ON" in texts(timer)

        clock.advance(1200)
        prompt = await front(pilot)
        assert app.visit.therapy.phase is Phase.REMOVE
        assert isinstance(prompt, RemovePackScreen)  # the alarm outranks the message
        assert "REMOVE IT NOW" in texts(prompt)
        assert app.context.player.played.count("alarm") == 1
        assert "Take the cold pack off now." in written[-1]
        for repeat, late in ((2, "0:30"), (3, "1:00")):  # every 30 s, though saves still fail
            clock.advance(30)
            assert await front(pilot) is prompt
            assert app.context.player.played.count("alarm") == repeat
            assert f"Overdue by {late}." in written[-1]
        assert not (full / "therapy.json").exists()  # nothing could be kept

        await pilot.press("o")  # the pack comes off
        assert app.visit.therapy.phase is Phase.REST
        for _ in range(3):  # the one about the disk, the one about the history: read each
            if not isinstance(await front(pilot), MessageScreen):
                break
            await pilot.press("enter")
        assert app.screen is timer and "Let the skin rest" in texts(timer)
        clock.advance(600)  # the skin rest runs on from memory; its saves fail too
        assert await front(pilot) is timer
        assert app.visit.therapy.phase is Phase.REST

    about_saving = [text for text in told.values() if text.startswith(SAVE_FAILED)]
    assert about_saving == [message.prompt.text]  # once, for all the saves that failed
    assert len(told) == len(set(told.values()))  # nor any other message twice


LOG_ON_A_FULL_DISK = """
import logging, sys
from pathlib import Path
from unknot.services.context import log_file
assert log_file(Path(sys.argv[1])) is not None
sys.path.insert(0, sys.argv[2])
from tests.mounts import fill
fill(Path(sys.argv[1]))
logging.getLogger("unknot").warning("a cue could not play %s", "x" * 100_000)
print("went on")
"""


def test_a_log_line_on_a_full_disk_never_reaches_the_terminal(full):
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-c", LOG_ON_A_FULL_DISK, str(full), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout == "went on\n", result.stderr
    assert result.stderr == ""  # no "--- Logging error ---" and no traceback
