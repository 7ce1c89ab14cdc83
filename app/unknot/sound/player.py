"""Playing sound cues: simpleaudio, else a system player, else the terminal bell, else nothing.

Chosen once at start. Playing never blocks the caller: cues are decoded and started on one
worker thread, and a new cue stops the one still playing, so cues never pile up. A cue that
can't play is a line in the log, never an error on the screen.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import ctypes.util
import hashlib
import io
import logging
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path

from unknot.sound.worker import Worker

log = logging.getLogger("unknot.sound")
COMMANDS = ("paplay", "pw-play", "aplay", "afplay")
BELL_CUES = {"start", "switch", "done", "alarm", "reminder", "safety"}
MAX_CUE_BYTES = 2 * 1024 * 1024  # a cue is a second or two; routines are held to the same
_alsa_handler = None  # kept alive: ALSA holds a pointer to it


def silence_alsa() -> None:
    """Stop ALSA printing to file descriptor 2, which is the full-screen UI's terminal."""
    global _alsa_handler
    if _alsa_handler is not None:
        return
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return
    handler_type = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    _alsa_handler = handler_type(lambda *_: None)
    lib.snd_lib_error_set_handler(_alsa_handler)


def read_cue(path: Path) -> bytes:
    """The bytes of a cue file. Opened without blocking and only if it is a regular file: a
    FIFO named `cue.wav` is an OSError here, never a sound worker stuck for good."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        chunks, left = [], MAX_CUE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 65536))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_CUE_BYTES:
        raise OSError(f"{path.name} is larger than {MAX_CUE_BYTES // (1024 * 1024)} MiB")
    return data


def read_wav(path: Path, volume: int) -> tuple[bytes, int, int, int]:
    """(frames scaled to `volume` percent, channels, bytes per sample, rate)."""
    with wave.open(io.BytesIO(read_cue(path)), "rb") as wav:
        channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    if width == 2 and volume != 100:
        samples = array.array("h", frames)
        if sys.byteorder == "big":
            samples.byteswap()
        samples = array.array("h", (s * volume // 100 for s in samples))
        if sys.byteorder == "big":
            samples.byteswap()
        frames = samples.tobytes()
    return frames, channels, width, rate


class Backend:
    name = "silent"
    description = "sound off"
    reads_files = True  # False: it makes its own sound, by the cue's name (the bell)

    def play(self, path: Path, volume: int) -> None:
        """Start playing `path`; called on the worker thread."""

    def stop(self) -> None:
        """Stop whatever is playing."""

    def wait(self, limit: float) -> None:
        """Let the cue that is playing finish, for at most `limit` seconds."""


class SimpleAudio(Backend):
    name = "simpleaudio"
    description = "sound through simpleaudio"

    def __init__(self) -> None:
        import simpleaudio

        self._sa = simpleaudio
        self._playing = None
        self._cache: dict[tuple[Path, int], tuple[bytes, int, int, int]] = {}

    def probe(self) -> None:
        """Raise if no device opens."""
        self._sa.play_buffer(b"\0\0" * 220, 1, 2, 22050).wait_done()

    def play(self, path: Path, volume: int) -> None:
        key = (path, volume)
        if key not in self._cache:
            self._cache[key] = read_wav(path, volume)
        self.stop()
        self._playing = self._sa.play_buffer(*self._cache[key])

    def stop(self) -> None:
        if self._playing is not None:
            self._playing.stop()
            self._playing = None

    def wait(self, limit: float) -> None:
        deadline = time.monotonic() + limit
        while self._playing is not None and self._playing.is_playing():
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)


class Command(Backend):
    name = "command"

    def __init__(self, program: str) -> None:
        self.program = program
        self.description = f"sound through {Path(program).name}"
        self._process: subprocess.Popen[bytes] | None = None
        # Cues scaled to the volume, made once each; the folder goes when the program ends.
        self._scratch = tempfile.TemporaryDirectory(prefix="unknot-cues-")
        self._scaled = Path(self._scratch.name)

    def probe(self, sample: Path) -> None:
        result = subprocess.run(
            [self.program, sample], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5
        )
        if result.returncode != 0:
            raise OSError(f"{self.program} exited with {result.returncode}")

    def play(self, path: Path, volume: int) -> None:
        # The player program is only ever handed a copy made here from a regular file, read
        # without blocking: never the user's path, which could be a FIFO by the time it plays.
        key = hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:16]
        scaled = self._scaled / f"{volume}-{key}-{path.name}"
        if not scaled.exists():
            frames, channels, width, rate = read_wav(path, volume)
            with wave.open(str(scaled), "wb") as out:
                out.setnchannels(channels)
                out.setsampwidth(width)
                out.setframerate(rate)
                out.writeframes(frames)
        path = scaled
        self.stop()
        self._process = subprocess.Popen(
            [self.program, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        self._process = None

    def wait(self, limit: float) -> None:
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=limit)


class Bell(Backend):
    name = "bell"
    description = "no sound device — using the terminal bell"
    reads_files = False

    def __init__(self, ring: Callable[[], None]) -> None:
        self.ring = ring

    def play(self, path: Path, volume: int) -> None:
        if path.stem in BELL_CUES:
            self.ring()


def choose_backend(
    preference: str,
    ring: Callable[[], None] | None,
    sample: Path,
    which: Callable[[str], str | None] = shutil.which,
) -> Backend:
    """The first backend that works, in the order auto tries them (or just the one asked)."""
    if preference == "off":
        return Backend()
    if preference in ("auto", "simpleaudio"):
        silence_alsa()
        try:
            backend = SimpleAudio()
            backend.probe()
            return backend
        except Exception as exc:
            log.info("simpleaudio unavailable: %s", exc)
    if preference in ("auto", "command"):
        for name in COMMANDS:
            program = which(name)
            if not program:
                continue
            try:
                command = Command(program)
                command.probe(sample)
                return command
            except (OSError, subprocess.SubprocessError) as exc:
                log.info("%s unavailable: %s", name, exc)
    if preference in ("auto", "command", "simpleaudio", "bell") and ring is not None:
        return Bell(ring)
    return Backend()


class CuePlayer:
    """Plays cues by name, with routine overrides, mute and volume.

    The backend is chosen the first time it is needed (probing a device takes a moment, and a
    muted player should not touch the sound device at all).
    """

    def __init__(
        self,
        backend: Backend | Callable[[], Backend],
        sounds: Path,
        volume: int = 80,
        muted: bool = False,
        ring: Callable[[], None] | None = None,
    ) -> None:
        self._backend = backend if isinstance(backend, Backend) else None
        self._ring = ring  # the terminal bell: the last resort for a cue that must be heard
        self._choose = None if isinstance(backend, Backend) else backend
        self._lock = threading.Lock()
        self.sounds = sounds
        self.volume = volume
        self.muted = muted
        self._worker = Worker("unknot-sound")
        self.played: list[str] = []  # names of cues started, for the log and tests
        self._finished = False

    @property
    def backend(self) -> Backend:
        with self._lock:
            if self._backend is None:
                assert self._choose is not None
                self._backend = self._choose()
            return self._backend

    @property
    def description(self) -> str:
        return "muted" if self.muted else self.backend.description

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        if self.muted:
            self.stop()
        return self.muted

    def path_for(self, cue: str, own: str | None = None, folder: Path | None = None) -> Path:
        if own and own.lower().endswith(".wav") and folder is not None:
            return folder / own
        return self.sounds / f"{own or cue}.wav"

    def play(self, cue: str, own: str | None = None, folder: Path | None = None) -> None:
        if self.muted:
            return
        path = self.path_for(cue, own, folder)
        self.played.append(cue)
        self._worker.submit(self._play, cue, path)

    def _play(self, cue: str, path: Path) -> None:
        """The routine's own sound; if that can't play (gone, a FIFO, not a WAV), the bundled
        one; if that can't either, the bell for the cues that must be heard (the alarm)."""
        backend = self.backend
        bundled = self.sounds / f"{cue}.wav"
        tries = [path] if backend.reads_files else []
        tries += [bundled] if bundled not in tries else []
        for each in tries:
            try:
                backend.play(each, self.volume)
                return
            except Exception as exc:
                log.warning("cue %s could not play: %s", each.name, exc)
        if self._ring is not None and cue in BELL_CUES:
            try:
                self._ring()
            except Exception as exc:
                log.warning("the bell could not ring: %s", exc)

    def stop(self) -> None:
        self._worker.submit(self._stop)

    def _stop(self) -> None:
        if self._backend is not None:
            with contextlib.suppress(Exception):
                self._backend.stop()

    def finish(self, limit: float = 3.0) -> None:
        """Let the last cue (the routine's "done") be heard before the program ends. Once:
        later calls find the work done."""
        if self._finished:
            return
        self._finished = True
        if self._backend is not None:
            self._worker.submit(self._backend.wait, limit)
        self._worker.close(wait=limit + 1.0)
