"""A saved pack timer that can't be read may be a pack that is on: every path says so (the
status line, `watch`, every start) until a person has read it in unknot itself."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TEST_ROUTINES, make_context, run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.prompts import MessagePrompt
from unknot.core.safety.skin import LOST_TIMER
from unknot.core.words.glance import MAY_BE_ON
from unknot.services.runtime import VisitRuntime
from unknot.store.library import Library
from unknot.store.programmes import FollowedProgramme
from unknot.store.timers import TimerStore

QUICK = str(TEST_ROUTINES / "quick.yaml")
DAMAGED = '{"kind": "ice", "phase": "on", "start'


def test_a_status_bar_that_drops_stderr_does_not_use_up_the_warning(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "therapy.json").write_text(DAMAGED)
    env = {"UNKNOT_DATA_DIR": str(data)}
    bar = run_cli("status", env=env)  # as tmux runs it: only stdout is ever seen
    assert bar.stdout == f"{MAY_BE_ON}\n"
    assert not (data / "therapy.json").exists()  # set aside, kept for a look
    again = run_cli("status", env=env)
    assert again.stdout == f"{MAY_BE_ON}\n"
    assert "take it off now" in again.stderr and "until you have read it" in again.stderr

    watched = run_cli("watch", "--once", env=env)
    assert watched.returncode == 0
    assert f"{LOST_TIMER}: " in watched.stdout and "take it off now" in watched.stdout
    assert "take it off now" not in watched.stderr  # told once

    started = run_cli("run", QUICK, "--plain", "--speed", "100", env=env)
    said = [line for line in started.stdout.splitlines() if LOST_TIMER in line]
    assert len(said) == 1 and "take it off now" in said[0], started.stdout

    # Read in unknot's own lines: that is the person's acknowledgement.
    assert run_cli("status", env=env).stdout == ""
    assert LOST_TIMER not in run_cli("watch", "--once", env=env).stdout


def runtime(data, clock):
    return VisitRuntime(make_context(data, clock), Library([]))


def test_the_message_stays_until_a_person_has_read_it(tmp_path):
    clock = FakeClock()
    (tmp_path / "therapy.json").write_text(DAMAGED)
    first = runtime(tmp_path, clock)
    prompt = first.visit.prompt
    assert isinstance(prompt, MessagePrompt) and prompt.title == LOST_TIMER
    assert "take it off now" in prompt.text
    assert first.problems == []  # the visit says it, not a note beside it as well
    first.close()  # closed without reading it: the next start says it again
    second = runtime(tmp_path, clock)
    prompt = second.visit.prompt
    assert isinstance(prompt, MessagePrompt) and prompt.title == LOST_TIMER
    second.visit.answer(prompt, None)
    second.settle()
    assert TimerStore(tmp_path).lost is None
    assert runtime(tmp_path, clock).visit.prompt is None


def test_watch_tells_it_once_and_again_for_another_lost_timer(tmp_path):
    from unknot.services.watch import Watcher

    clock = FakeClock()
    told = []
    watcher = Watcher(make_context(tmp_path, clock), told.append, Library([]))
    (tmp_path / "therapy.json").write_text(DAMAGED)
    watcher.step()
    clock.advance(30)
    watcher.step()
    assert [t.alert.title for t in told] == [LOST_TIMER]
    assert told[0].alert.urgency == "critical" and told[0].speech.important
    (tmp_path / "therapy.json").write_text("[]")  # another timer, damaged too
    clock.advance(30)
    watcher.step()
    assert [t.alert.title for t in told] == [LOST_TIMER, LOST_TIMER]


async def test_the_full_screen_asks_first_and_its_enter_is_the_acknowledgement(tmp_path):
    from tests.conftest import make_app
    from unknot.tui.screens.confirm import MessageScreen

    (tmp_path / "therapy.json").write_text(DAMAGED)
    app = make_app(FakeClock(), data_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MessageScreen) and screen.prompt.title == LOST_TIMER
        assert TimerStore(tmp_path).lost is not None  # shown is not read
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MessageScreen)
    assert TimerStore(tmp_path).lost is None


def test_a_command_with_no_face_says_it_and_leaves_it_to_be_read(tmp_path):
    (tmp_path / "therapy.json").write_text(DAMAGED)
    TimerStore(tmp_path).load_therapy(FakeClock())  # found damaged, and set aside, earlier
    FollowedProgramme(tmp_path).follow("gentle-six-weeks", dt.date(2026, 6, 1))
    result = run_cli("programme", "stop", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    said = [line for line in result.stderr.splitlines() if "take it off now" in line]
    assert len(said) == 1, result.stderr
    assert TimerStore(tmp_path).lost is not None  # said on a line nobody answers: not read


def test_any_command_that_uses_the_data_folder_says_it_until_it_is_read(tmp_path):
    (tmp_path / "therapy.json").write_text(DAMAGED)
    TimerStore(tmp_path).load_therapy(FakeClock())
    env = {"UNKNOT_DATA_DIR": str(tmp_path)}
    for args in (("history",), ("signs",), ("today",)):
        said = run_cli(*args, env=env).stderr.splitlines()
        assert len([line for line in said if "take it off now" in line]) == 1, (args, said)
