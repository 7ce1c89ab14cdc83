"""Spoken guidance: real speech from espeak-ng (a WAV file, and through ALSA's file device), and
the voice's worker driving real processes: newer words cut older ones off, important words
are never cut, late words are dropped, mute silences, and the caller never waits."""

import array
import math
import os
import sys
import time
import wave
from pathlib import Path

import pytest

from tests.conftest import ROOT, need
from unknot.core.clock import FakeClock
from unknot.core.engine.therapy import TherapySpec
from unknot.core.engine.visit import Visit
from unknot.core.safety.signs import emergency_number, load_catalogue
from unknot.core.text import one_line
from unknot.core.words.speech import Speech, speech_for
from unknot.sound.voice import NO_ENGINE, Engine, Voice, find_engine

PHRASES = [
    "Knee to chest, left side, 2 holds of 30 seconds",
    "Switch sides, right side",
    "3",
    "Take the cold pack off now.",
]


def rms(samples: array.array) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


@pytest.fixture
def espeak() -> Engine:
    engine = find_engine()
    need(engine is not None and engine.name == "espeak-ng", "espeak-ng")
    assert engine is not None
    return engine


def render(engine: Engine, text: str, path: Path) -> tuple[float, float]:
    """Seconds of speech and its RMS level, from the engine writing a WAV file."""
    import subprocess

    command = engine.wav_command(text, path)
    assert command is not None
    argv, stdin = command
    subprocess.run(argv, input=stdin, text=True, check=True, capture_output=True, timeout=30)
    with wave.open(str(path)) as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    return seconds, rms(array.array("h", frames))


def test_espeak_says_each_phrase_for_real(espeak, tmp_path):
    measured = {}
    for i, text in enumerate(PHRASES):
        seconds, level = render(espeak, text, tmp_path / f"{i}.wav")
        measured[text] = seconds
        assert level > 300, (text, level)  # speech, not silence
    assert 0.2 < measured["3"] < 1.5
    assert 1.5 < measured[PHRASES[0]] < 6.0
    # longer words take longer to say
    assert measured["3"] < measured["Switch sides, right side"] < measured[PHRASES[0]]


def test_the_voice_speaks_through_the_sound_device(espeak, isolated_home, tmp_path, monkeypatch):
    """espeak-ng plays to ALSA's default device, which here appends every sample to a file."""
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-pulse")  # a desktop's server: not here
    captured = tmp_path / "captured.raw"
    (isolated_home / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "|cat >> {captured}"\n  format "raw"\n}}\n'
    )
    expected, _ = render(espeak, "Switch sides, right side", tmp_path / "expected.wav")
    voice = Voice(espeak)
    voice.say("Switch sides, right side")
    assert voice.wait_idle(20)
    for _ in range(200):  # the device's cat may still be writing its last bytes
        if captured.exists() and captured.stat().st_size >= expected * 22050 * 2 * 0.9:
            break
        time.sleep(0.01)
    samples = array.array("h", captured.read_bytes())
    played = len(samples) / 22050
    assert abs(played - expected) < 0.25 * expected, (played, expected)
    assert rms(samples) > 300
    assert voice.said == ["Switch sides, right side"]


# --- the worker, driving a stand-in engine that is a real process ------------------------


class Speaker:
    """tests/speaker.py as the voice's engine; `log` is what happened to each utterance."""

    def __init__(self, folder: Path) -> None:
        self.log_path = folder / "speaker.log"
        self.fifo = folder / "release"
        os.mkfifo(self.fifo)
        program = folder / "speaker"
        program.write_text(
            f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "tests" / "speaker.py"}" '
            f'"{self.log_path}" "{self.fifo}"\n'
        )
        program.chmod(0o755)
        self.engine = Engine("espeak-ng", str(program))

    def log(self) -> list[str]:
        if not self.log_path.exists():
            return []
        return self.log_path.read_text().splitlines()

    def wait_for(self, line: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while line not in self.log():
            assert time.monotonic() < deadline, f"{line!r} never came: {self.log()}"
            time.sleep(0.005)

    def release(self) -> None:
        with self.fifo.open("w") as out:
            out.write("go\n")


@pytest.fixture
def speaker(tmp_path) -> Speaker:
    return Speaker(tmp_path)


def test_newer_words_cut_off_older_ones(speaker):
    voice = Voice(speaker.engine)
    voice.say("hold: Knee to chest, left side, 30 seconds")
    speaker.wait_for("start hold: Knee to chest, left side, 30 seconds")
    voice.say("Switch sides")
    assert voice.wait_idle()
    assert speaker.log() == [
        "start hold: Knee to chest, left side, 30 seconds",
        "cut hold: Knee to chest, left side, 30 seconds",
        "start Switch sides",
        "end Switch sides",
    ]


def test_important_words_are_never_cut_and_only_the_newest_of_the_rest_waits(speaker):
    voice = Voice(speaker.engine)
    voice.say(Speech("hold: Take the cold pack off now.", important=True))
    speaker.wait_for("start hold: Take the cold pack off now.")
    voice.say("Rest")
    voice.say("Hold, 2 of 3")
    speaker.release()
    assert voice.wait_idle()
    assert speaker.log() == [
        "start hold: Take the cold pack off now.",
        "end hold: Take the cold pack off now.",
        "start Hold, 2 of 3",
        "end Hold, 2 of 3",
    ]
    assert voice.dropped == ["Rest"]


def test_words_that_could_not_start_in_time_are_dropped_not_said_late(speaker):
    voice = Voice(speaker.engine)
    voice.say(Speech("hold: Call 999 now.", important=True))
    speaker.wait_for("start hold: Call 999 now.")
    voice.say(Speech("3", keep=0.0))  # a count is wrong the moment it is late
    speaker.release()
    assert voice.wait_idle()
    assert speaker.log() == ["start hold: Call 999 now.", "end hold: Call 999 now."]
    assert voice.dropped == ["3"]


def test_important_words_all_wait_their_turn_in_order(speaker):
    voice = Voice(speaker.engine)
    voice.say(Speech("hold: Take the cold pack off now.", important=True))
    speaker.wait_for("start hold: Take the cold pack off now.")
    voice.say("Rest")
    voice.say(Speech("hold: Call 999 now.", important=True))
    voice.say(Speech("Don't drive yourself.", important=True))
    speaker.release()
    speaker.wait_for("start hold: Call 999 now.")
    speaker.release()
    assert voice.wait_idle()
    assert [line for line in speaker.log() if line.startswith("start")] == [
        "start hold: Take the cold pack off now.",
        "start hold: Call 999 now.",
        "start Don't drive yourself.",
    ]
    assert voice.dropped == ["Rest"]


def test_mute_silences_at_once_and_keeps_silent(speaker):
    voice = Voice(speaker.engine)
    voice.say(Speech("hold: Take the heat pack off now.", important=True))
    speaker.wait_for("start hold: Take the heat pack off now.")
    assert voice.toggle_mute() is True
    assert voice.wait_idle()
    voice.say("Rest")
    assert voice.description == "voice muted"
    voice.muted = False
    voice.say("Done")
    assert voice.wait_idle()
    assert speaker.log() == [
        "start hold: Take the heat pack off now.",
        "cut hold: Take the heat pack off now.",
        "start Done",
        "end Done",
    ]


def test_speaking_never_makes_the_caller_wait(speaker):
    voice = Voice(speaker.engine)
    started = time.perf_counter()
    voice.say(Speech("hold: a long step", important=True))
    voice.say("Rest")
    took = time.perf_counter() - started
    speaker.wait_for("start hold: a long step")
    assert took < 0.2  # the engine is still speaking, and will until released
    speaker.release()
    assert voice.wait_idle()


def test_a_timer_is_followed_aloud_and_text_never_becomes_an_option(speaker):
    clock = FakeClock()
    visit = Visit(clock, load_catalogue(), emergency_number(None, "GB"))
    voice = Voice(speaker.engine)
    visit.subscribe(lambda happening: voice.say(speech_for(happening, visit)))
    visit.start_therapy(TherapySpec("ice", on=300, off=1200))
    assert voice.wait_idle()
    clock.advance(300)
    visit.update()
    assert voice.wait_idle()
    hostile = "--help \x1b[2J\n-w /tmp/x"
    voice.say(hostile)
    assert voice.wait_idle()
    starts = [line for line in speaker.log() if line.startswith("start")]
    assert starts == [
        "start Put the cold pack on now, for 5 minutes, with a thin towel between the pack "
        "and your skin.",
        "start Take the cold pack off now.",
        f"start {one_line(hostile)}",  # words on standard input, one clean line
    ]
    assert one_line(hostile).startswith("--help") and "\x1b" not in one_line(hostile)


def test_with_no_engine_it_says_so_once_and_stays_silent():
    voice = Voice(engine=lambda: None)
    assert voice.description == "no speech engine"
    assert voice.notice() == NO_ENGINE
    assert voice.notice() is None
    voice.say("Rest")  # no error, nothing to wait for
    assert voice.wait_idle(1) and voice.said == []
    assert Voice(Engine("espeak-ng", "/bin/true")).notice() is None


def test_the_first_engine_on_the_path_is_chosen():
    def only(*names):
        return lambda name: f"/usr/bin/{name}" if name in names else None

    assert find_engine(only()) is None
    assert find_engine(only("say", "spd-say")) == Engine("spd-say", "/usr/bin/spd-say")
    assert find_engine(only("say", "espeak-ng")) == Engine("espeak-ng", "/usr/bin/espeak-ng")
    assert find_engine(only("say")) == Engine("say", "/usr/bin/say")


def test_speech_dispatcher_replaces_stale_words_itself_and_keeps_important_ones():
    spd = Engine("spd-say", "/usr/bin/spd-say")
    assert spd.command("-x Rest", important=False) == (
        ["/usr/bin/spd-say", "-w", "-P", "text", "--", "-x Rest"],
        None,
    )
    assert spd.command("Call 999 now.", important=True)[0][3] == "important"
    assert spd.wav_command("x", Path("/tmp/x.wav")) is None
    say = Engine("say", "/usr/bin/say")
    assert say.command("Rest") == (["/usr/bin/say"], "Rest")
