"""Files that are not files: a real FIFO named like a routine or a cue is an error on that name
alone, never a hang. And a routine's own alarm sound is found beside the routine."""

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_context, run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.services.runtime import VisitRuntime
from unknot.sound.player import Backend, Command, CuePlayer, read_wav
from unknot.store.library import Library, load_file

SOUNDS = ROOT / "sounds"
WITH_CUE = "version: 1\nname: Cued\nsounds:\n  start: cue.wav\nsteps:\n  - rest: 2s\n"


@pytest.fixture
def fifo_folder(tmp_path: Path):
    folder = tmp_path / "routines"
    folder.mkdir()
    os.mkfifo(folder / "x.yaml")
    os.mkfifo(folder / "cue.wav")
    (folder / "cued.yaml").write_text(WITH_CUE)
    (folder / "fine.yaml").write_text("version: 1\nname: Fine\nsteps:\n  - rest: 2s\n")
    yield folder
    _unblock(folder / "x.yaml", folder / "cue.wav")


def _unblock(*fifos: Path) -> None:
    """Open each FIFO's writing end once, so a reader a broken build left stuck can finish."""
    for fifo in fifos:
        with contextlib.suppress(OSError):  # nobody is reading it: nothing to free
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def _finishes(work, seconds: float = 5.0) -> bool:
    done = threading.Event()

    def run() -> None:
        work()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(seconds)


def test_a_fifo_named_like_a_routine_or_its_cue_is_an_error_on_that_file(fifo_folder):
    found: dict[str, object] = {}

    def scan() -> None:
        found["entries"] = {e.id: e for e in Library([("extra", fifo_folder)]).scan()}
        found["x"] = load_file(fifo_folder / "x.yaml")

    assert _finishes(scan)
    entries = found["entries"]
    assert "x" not in entries  # the listing only takes regular files
    assert entries["fine"].routine is not None
    assert entries["cued"].broken
    assert "'cue.wav' is not a regular file" in str(entries["cued"].first_error)
    assert "not a regular file" in str(found["x"].problems[0])


def test_the_program_lists_and_validates_beside_fifos(fifo_folder):
    listed = run_cli("list", "--routines", str(fifo_folder), timeout=20)
    assert listed.returncode == 0
    assert "fine" in listed.stdout and "cue.wav' is not a regular file" in listed.stdout
    checked = run_cli("validate", str(fifo_folder / "x.yaml"), str(fifo_folder / "cued.yaml"))
    assert checked.returncode == 1
    assert "x.yaml:1:1: error: this is not a regular file" in checked.stdout


def test_a_fifo_cue_never_blocks_the_sound_worker(fifo_folder):
    fifo = fifo_folder / "cue.wav"
    errors: list[str] = []

    def read() -> None:
        try:
            read_wav(fifo, 80)
        except OSError as exc:
            errors.append(str(exc))

    assert _finishes(read)
    assert errors == ["cue.wav is not a regular file"]
    program = shutil.which("true") or "/bin/true"
    command = Command(program)

    def play() -> None:
        try:
            command.play(fifo, 100)
        except OSError as exc:
            errors.append(str(exc))

    assert _finishes(play)
    assert errors[-1] == "cue.wav is not a regular file"
    command.play(SOUNDS / "tick.wav", 100)  # a real cue still plays after it
    command.wait(5)


class Heard(Backend):
    """The device end of the player: which files it was asked to play."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def play(self, path: Path, volume: int) -> None:
        self.paths.append(path)


def test_a_routines_own_alarm_sound_is_played_from_beside_the_routine(tmp_path):
    (tmp_path / "beep.wav").write_bytes((SOUNDS / "chime.wav").read_bytes())
    path = tmp_path / "r.yaml"
    path.write_text(
        "version: 1\nname: Own alarm\nsounds:\n  alarm: beep.wav\nsteps:\n"
        "  - ice: Cold\n    on: 1m\n"
    )
    routine = load_file(path).routine
    assert routine is not None
    clock = FakeClock()
    device = Heard()
    context = make_context(tmp_path / "data", clock)
    context.player = CuePlayer(device, SOUNDS)
    runtime = VisitRuntime(context, Library([]))
    visit = runtime.visit
    visit.start_routine(build_plan(routine))
    front = visit.prompt  # the pain before: skipped
    assert front is not None and visit.answer(front, None) is None
    clock.advance(60)
    runtime.settle()
    context.player.finish()
    assert device.paths[-1] == tmp_path / "beep.wav"
    assert read_wav(device.paths[-1], 100)[0]  # a real WAV there, which the device can play
