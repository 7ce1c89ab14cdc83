"""Sound cues: the real player writing real PCM through ALSA's file device, the fallbacks,
which cue sounds when, and a clean screen without a sound card."""

import array
import importlib.util
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT, need, routine_from, run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.cues import session_cue, therapy_cue
from unknot.core.engine.plan import build_plan
from unknot.core.engine.session import Session
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.sound.player import Backend, Bell, CuePlayer, read_wav

SOUNDS = ROOT / "sounds"
TWO_RESTS = "version: 1\nname: S\nsteps:\n  - rest: 2s\n  - rest: 2s\n"


def frames_of(*cues: str) -> int:
    total = 0
    for cue in cues:
        with wave.open(str(SOUNDS / f"{cue}.wav")) as wav:
            total += wav.getnframes()
    return total


@pytest.fixture
def alsa_capture(isolated_home: Path, tmp_path: Path) -> Path:
    """ALSA's default device appends every stream it plays to a file."""
    need(importlib.util.find_spec("simpleaudio") is not None, "simpleaudio (unknot[sound])")
    out = tmp_path / "captured.raw"
    (isolated_home / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "|cat >> {out}"\n  format "raw"\n}}\n'
    )
    return out


def run_two_rests(tmp_path: Path, *flags: str):
    routine = tmp_path / "s.yaml"
    routine.write_text(TWO_RESTS)
    return run_cli("run", str(routine), "--plain", *flags, stdin="c\n")


def test_a_routine_plays_real_cues_through_alsa(alsa_capture, tmp_path):
    # Four times faster leaves each cue time to play to its end; ALSA waits for the pipe's
    # cat when the device closes, so every frame is in the file once the program has exited.
    result = run_two_rests(tmp_path, "--speed", "4")
    assert result.returncode == 0, result.stderr
    assert "sound: sound through simpleaudio" in result.stdout
    samples = array.array("h", alsa_capture.read_bytes())
    cues = frames_of("end", "countdown", "end", "countdown", "done")
    probe = 220  # the silent frames that open the device at start
    assert abs(len(samples) - probe - cues) <= 0.05 * cues, (len(samples), cues)
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert loud > 0.3 * cues  # not silence
    assert max(abs(s) for s in samples) <= 32767 * 0.81  # volume 80 scales the cues


def test_mute_sends_nothing_to_the_device(alsa_capture, tmp_path):
    result = run_two_rests(tmp_path, "--mute", "--speed", "10")
    assert result.returncode == 0
    assert "sound: muted" in result.stdout
    assert not alsa_capture.exists() or alsa_capture.stat().st_size == 0


def test_sound_off_in_the_settings_is_silent(alsa_capture, tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("sound: off\n")
    result = run_two_rests(tmp_path, "--config", str(config), "--speed", "10")
    assert "sound: sound off" in result.stdout
    assert not alsa_capture.exists() or alsa_capture.stat().st_size == 0


CHOOSE = """
import sys
{block}
from pathlib import Path
from unknot.sound.player import choose_backend
backend = choose_backend("auto", {ring}, Path("sounds/tick.wav"))
print(backend.name, "|", backend.description)
"""


def choose(block_simpleaudio: bool, path: str, ring: str = "lambda: None") -> str:
    block = "sys.modules['simpleaudio'] = None  # as if not installed" if block_simpleaudio else ""
    result = subprocess.run(
        [sys.executable, "-c", CHOOSE.format(block=block, ring=ring)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": path, "HOME": str(Path.home())},
    )
    assert result.returncode == 0, result.stderr
    assert "ALSA" not in result.stderr  # ALSA's own complaints are silenced
    return result.stdout.strip()


def test_fallback_order_with_each_backend_missing(alsa_capture):
    need(shutil.which("aplay") is not None, "aplay (alsa-utils)")
    aplay_dir = str(Path(shutil.which("aplay")).parent)
    assert choose(False, aplay_dir).startswith("simpleaudio")
    assert choose(True, aplay_dir) == "command | sound through aplay"
    assert choose(True, "/nonexistent") == "bell | no sound device — using the terminal bell"
    assert choose(True, "/nonexistent", ring="None").startswith("silent")


def test_without_a_device_everything_falls_back_to_the_bell(isolated_home):
    need(importlib.util.find_spec("simpleaudio") is not None, "simpleaudio (unknot[sound])")
    assert not (isolated_home / ".asoundrc").exists()  # this machine's own: no sound card
    aplay = shutil.which("aplay")
    path = str(Path(aplay).parent) if aplay else "/nonexistent"
    assert choose(False, path) == "bell | no sound device — using the terminal bell"


def cue_times(text: str, speed: float = 1.0) -> list[tuple[float, str]]:
    clock = FakeClock()
    session = Session(build_plan(routine_from(text), speed), clock)
    heard: list[tuple[float, str]] = []
    session.subscribe(lambda e: (cue := session_cue(e)) and heard.append((e.elapsed, cue)))
    session.start()
    while not session.finished:
        if not session.segment.timed:
            session.next()
        clock.advance(0.5)
        session.update()
    return heard


def test_which_cue_at_which_second():
    heard = cue_times(
        "version: 1\nname: C\nsteps:\n  - stretch: S\n    hold: 5s\n    sides: both\n"
        "  - breathe: B\n    for: 10s\n    in: 4s\n    out: 6s\n"
    )
    assert heard == [
        (2.0, "tick"),
        (3.0, "tick"),
        (4.0, "tick"),  # get ready
        (5.0, "start"),
        (7.0, "countdown"),
        (8.0, "countdown"),
        (9.0, "countdown"),
        (10.0, "switch"),
        (12.0, "tick"),
        (13.0, "tick"),
        (14.0, "tick"),
        (15.0, "start"),
        (17.0, "countdown"),
        (18.0, "countdown"),
        (19.0, "countdown"),
        (22.0, "tick"),
        (23.0, "tick"),
        (24.0, "tick"),  # get ready to breathe
        (25.0, "breathe-in"),
        (29.0, "breathe-out"),
        (35.0, "done"),
    ]


def test_paced_reps_tick_and_rests_end():
    heard = cue_times(
        "version: 1\nname: C\nsteps:\n  - exercise: E\n    reps: 3\n    pace: 2s\n  - rest: 5s\n"
    )
    assert (5.0, "start") in heard and (7.0, "tick") in heard and (9.0, "tick") in heard
    assert (11.0, "end") in heard


def test_therapy_cues_and_the_alarm_repeats():
    clock = FakeClock()
    therapy = Therapy(TherapySpec("ice", 300), clock)
    heard = []
    therapy.subscribe(lambda e: (cue := therapy_cue(e)) and heard.append(cue))
    therapy.start()
    for _ in range(80):
        clock.advance(5)
        therapy.update()
    assert heard == ["start", "reminder", "alarm"] + ["alarm"] * 3


def test_each_application_starts_with_one_start_cue():
    clock = FakeClock()
    therapy = Therapy(TherapySpec("heat", 120, 1200, cycles=2), clock)
    heard = []
    therapy.subscribe(lambda e: (cue := therapy_cue(e)) and heard.append(cue))
    therapy.start()
    clock.advance(120)
    therapy.update()
    therapy.removed()
    clock.advance(1200)
    therapy.update()
    therapy.skin_checked(True)
    therapy.next_cycle()
    assert heard == ["start", "alarm", "end", "reminder", "start"]


def test_routine_overrides_pick_their_own_sound(tmp_path):
    (tmp_path / "gong.wav").write_bytes((SOUNDS / "chime.wav").read_bytes())
    path = tmp_path / "r.yaml"
    path.write_text(
        "version: 1\nname: O\nsounds:\n  start: chime\nsteps:\n"
        "  - stretch: S\n    hold: 2s\n    sounds:\n      start: gong.wav\n"
    )
    from unknot.core.engine.cues import override
    from unknot.store.library import load_file

    routine = load_file(path).routine
    player = CuePlayer(lambda: None, SOUNDS)  # type: ignore[arg-type]
    own = override("start", routine.steps[0], routine)
    assert player.path_for("start", own, path.parent) == tmp_path / "gong.wav"
    assert player.path_for("start", override("start", None, routine)) == SOUNDS / "chime.wav"
    assert player.path_for("tick") == SOUNDS / "tick.wav"


def test_every_bundled_sound_exists_and_is_short():
    from unknot.core.format.loader import BUNDLED_SOUNDS

    for name in BUNDLED_SOUNDS:
        with wave.open(str(SOUNDS / f"{name}.wav")) as wav:
            assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
            assert 0.03 < wav.getnframes() / wav.getframerate() < 2.0


def test_the_sound_script_makes_the_committed_files(tmp_path):
    script = tmp_path / "make_sounds.py"
    script.write_text((SOUNDS / "make_sounds.py").read_text())
    subprocess.run([sys.executable, str(script)], check=True, capture_output=True, timeout=120)
    for made in tmp_path.glob("*.wav"):
        assert made.read_bytes() == (SOUNDS / made.name).read_bytes(), made.name
    assert len(list(tmp_path.glob("*.wav"))) == len(list(SOUNDS.glob("*.wav")))


def test_no_alsa_text_on_a_real_terminal_without_a_sound_card(tmp_path, isolated_home):
    need(shutil.which("tmux") is not None, "tmux")
    need(importlib.util.find_spec("simpleaudio") is not None, "simpleaudio (unknot[sound])")
    assert not (isolated_home / ".asoundrc").exists()  # no sound card, as on this machine
    import os

    from tests.terminal import Pane

    env = {k: v for k, v in os.environ.items() if k.startswith(("HOME", "UNKNOT", "XDG", "PATH"))}
    routine = tmp_path / "s.yaml"
    routine.write_text(TWO_RESTS)
    env["TERM"] = "xterm-256color"
    with Pane([sys.executable, "-m", "unknot", "run", str(routine)], env, (80, 24)) as pane:
        pane.wait_for("Welcome to unknot", timeout=30)
        pane.send("Enter")
        pane.wait_for("None of these", timeout=30)
        pane.send("c")
        pane.wait_for("how is your pain now?", timeout=30)
        pane.send("Escape")
        pane.wait_for("Step 2/2", timeout=30)
        screen = pane.screen()
    assert "ALSA" not in screen and "snd_" not in screen
    assert "Traceback" not in screen


# A routine whose own alarm sound goes bad while its pack is on, one way after another: the
# program's own visit and player, on a fake clock, playing through the real device.
OWN_ALARM_GONE = """
import os, sys
from pathlib import Path
from unknot.core.clock import FakeClock
from unknot.core.engine.plan import build_plan
from unknot.services.context import build_context
from unknot.services.runtime import VisitRuntime
from unknot.store.config import Config
from unknot.store.library import Library, load_file

for fault in ("deleted", "a FIFO", "not a WAV"):
    folder = Path(sys.argv[1]) / fault
    folder.mkdir()
    (folder / "gong.wav").write_bytes((Path("sounds") / "chime.wav").read_bytes())
    (folder / "r.yaml").write_text(
        "version: 1\\nname: Own alarm\\nsounds:\\n  alarm: gong.wav\\nsteps:\\n"
        "  - ice: Cold\\n    on: 1m\\n"
    )
    routine = load_file(folder / "r.yaml").routine
    clock = FakeClock()
    context = build_context(Config(desktop_notify=False), folder / "data", clock, env={})
    context.remembered.daily_check_done(context.today())
    context.remembered.notice_seen()
    runtime = VisitRuntime(context, Library([]))
    runtime.visit.start_routine(build_plan(routine))
    runtime.visit.answer(runtime.visit.prompt, None)  # no pain rating
    runtime.settle()
    gong = folder / "gong.wav"
    gong.unlink()
    if fault == "a FIFO":
        os.mkfifo(gong)
    elif fault == "not a WAV":
        gong.write_text("RIFF? no")
    clock.advance(60)
    runtime.settle()
    context.player.finish()
    print(fault, context.player.played, flush=True)
"""


def test_a_routines_own_alarm_that_cant_play_falls_back_to_the_bundled_one(alsa_capture, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", OWN_ALARM_GONE, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("'alarm'") == 3, result.stdout
    captured = alsa_capture.read_bytes()
    samples = len(captured) // 2
    alarm, start, probe = frames_of("alarm"), frames_of("start"), 220
    # Each time: the device's probe, the start (cut short by the alarm), the whole alarm.
    assert 3 * (probe + alarm) * 0.98 <= samples <= 3 * (probe + start + alarm) * 1.02, samples
    assert read_wav(SOUNDS / "alarm.wav", 80)[0] in captured  # the bundled alarm, as it is


class Broken(Backend):
    """A device that plays nothing it is given."""

    def play(self, path: Path, volume: int) -> None:
        raise OSError(f"{path.name}: can't play")


def test_when_no_alarm_sound_can_play_the_bell_rings(tmp_path):
    rung: list[str] = []
    player = CuePlayer(Broken(), tmp_path, ring=lambda: rung.append("bell"))
    player.play("alarm", "gong.wav", tmp_path)
    player.play("tick")  # a tick is not worth a bell
    player.finish()
    assert rung == ["bell"]


def test_the_bell_rings_for_a_routines_own_alarm_sound_too(tmp_path):
    """Without a sound device the bell stands for the alarm, whatever file the routine names."""
    rung: list[str] = []
    player = CuePlayer(Bell(lambda: rung.append("bell")), SOUNDS)
    player.play("alarm", "gong.wav", tmp_path)
    player.finish()
    assert rung == ["bell"]
