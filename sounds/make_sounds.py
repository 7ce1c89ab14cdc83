"""Make unknot's sound cues from tones, chords and envelopes, with the standard library only.

    python sounds/make_sounds.py        writes the .wav files beside this script

Each cue is short, mono, 16-bit, 22,050 Hz. Run it again after changing a recipe; the files
are committed so the program never needs to make them itself.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
HERE = Path(__file__).resolve().parent


def tone(
    freqs: list[float],
    seconds: float,
    volume: float = 0.5,
    attack: float = 0.01,
    release: float = 0.08,
    vibrato: float = 0.0,
) -> list[float]:
    """A chord of sine waves with a soft attack and release (no clicks)."""
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack) if attack else 1.0
        env *= min(1.0, (seconds - t) / release) if release else 1.0
        wobble = 1.0 + vibrato * math.sin(2 * math.pi * 5 * t)
        sample = sum(math.sin(2 * math.pi * f * wobble * t) for f in freqs) / len(freqs)
        out.append(volume * env * sample)
    return out


def bell(freq: float, seconds: float, volume: float = 0.5) -> list[float]:
    """A struck bell: a fundamental and inharmonic partials dying away."""
    n = int(RATE * seconds)
    partials = [(1.0, 1.0), (2.76, 0.5), (5.4, 0.25), (8.93, 0.12)]
    out = []
    for i in range(n):
        t = i / RATE
        sample = sum(
            a * math.exp(-t * 3 * p) * math.sin(2 * math.pi * freq * p * t) for p, a in partials
        )
        out.append(volume * min(1.0, t / 0.003) * sample / 1.9)
    return out


def glide(start: float, end: float, seconds: float, volume: float = 0.4) -> list[float]:
    """A tone sliding from one pitch to another: a breath going in or out."""
    n = int(RATE * seconds)
    out, phase = [], 0.0
    for i in range(n):
        t = i / RATE
        freq = start + (end - start) * t / seconds
        phase += 2 * math.pi * freq / RATE
        env = math.sin(math.pi * t / seconds)  # swells and fades like a breath
        out.append(volume * env * math.sin(phase))
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def join(*parts: list[float]) -> list[float]:
    return [s for part in parts for s in part]


CUES = {
    # get ready: a soft, short tick
    "tick": lambda: tone([1200], 0.05, 0.35, 0.002, 0.04),
    # last three seconds of a hold: a firmer tick
    "countdown": lambda: tone([880], 0.09, 0.45, 0.003, 0.06),
    # a hold or set starts: a rising fifth
    "start": lambda: join(tone([523.25], 0.12, 0.45), tone([783.99], 0.2, 0.45)),
    # switch sides: two notes, down then up
    "switch": lambda: join(tone([659.25], 0.12), silence(0.04), tone([659.25, 987.77], 0.22)),
    # a hold ends: a falling fifth
    "end": lambda: join(tone([783.99], 0.12, 0.45), tone([523.25], 0.25, 0.45)),
    "breathe-in": lambda: glide(220, 330, 0.9),
    "breathe-out": lambda: glide(330, 196, 1.1),
    # routine done: a major arpeggio and a held chord
    "done": lambda: join(
        tone([523.25], 0.12),
        tone([659.25], 0.12),
        tone([783.99], 0.12),
        tone([523.25, 659.25, 783.99, 1046.5], 0.6, 0.4, release=0.4),
    ),
    # remove it now: insistent, high, repeated
    "alarm": lambda: join(
        *[join(tone([1318.5, 1760], 0.14, 0.6, 0.002, 0.02), silence(0.06)) for _ in range(4)]
    ),
    # a reminder: one gentle bell
    "reminder": lambda: bell(784, 1.2, 0.45),
    # a safety stop: low, wavering and unlike every other cue
    "safety": lambda: join(
        tone([233.08, 277.18], 0.45, 0.6, vibrato=0.03),
        silence(0.1),
        tone([233.08, 277.18], 0.45, 0.6, vibrato=0.03),
    ),
    "chime": lambda: join(bell(1046.5, 0.5, 0.4), bell(1318.5, 0.9, 0.4)),
}


def write(path: Path, samples: list[float]) -> None:
    frames = b"".join(struct.pack("<h", max(-32767, min(32767, int(s * 32767)))) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main() -> None:
    for name, recipe in CUES.items():
        write(HERE / f"{name}.wav", recipe())
        print(f"wrote {name}.wav")


if __name__ == "__main__":
    main()
