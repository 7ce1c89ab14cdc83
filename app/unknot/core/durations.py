"""Durations as people write them ("45s", "1m30s", "20min", "1h") and as the screen shows them."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from unknot.core.text import quoted

_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}
# ASCII digits only: int() would take other scripts' digits, and the JSON Schema's \d does not.
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)", re.IGNORECASE | re.ASCII)
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:h|min|m|sec|s)\s*)+$", re.IGNORECASE | re.ASCII)
_SECONDS = re.compile(r"\s*\d+\s*", re.ASCII)

EXAMPLES = "30s, 2m or 1m30s"
# Longer than any duration a person writes ("1h 59min 59sec" is 14). Checked before any
# number is converted, so a 5,000-digit value is a message, never an overflow.
MAX_TEXT = 24
MAX_SECONDS = 10**9


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> float:
    """Seconds in `value`: a bare whole number of seconds, or parts like 1h, 2m, 20min, 45s."""
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value > MAX_SECONDS:
            # str() of the number itself could raise: Python refuses over 4,300 digits.
            raise DurationError(
                f"that number is too large to be a duration; write it like {EXAMPLES}"
            )
        return _positive(float(value))
    raise DurationError(f"that is not a duration; write it like {EXAMPLES}")


@lru_cache(maxsize=512)
def _parse_text(value: str) -> float:
    # Files repeat the same few durations ("5s", "20s"), so a small cache saves most parses.
    if len(value.strip()) > MAX_TEXT:
        raise DurationError(
            f"{quoted(value.strip(), 12)} is too long to be a duration; write it like {EXAMPLES}"
        )
    if _SECONDS.fullmatch(value):
        return _positive(float(int(value)))
    if not _WHOLE.match(value):
        raise DurationError(f"{quoted(value)} is not a duration; write it like {EXAMPLES}")
    parts = _PART.findall(value)
    units = [_UNITS[u.lower()] for _, u in parts]
    if len(set(units)) != len(units):
        raise DurationError(f"{quoted(value)} repeats a unit; write it like {EXAMPLES}")
    return _positive(sum(float(n) * unit for (n, _), unit in zip(parts, units, strict=True)))


def _positive(seconds: float) -> float:
    if not math.isfinite(seconds):
        # 400 digits make an infinite float: say so rather than carry it into a timer
        raise DurationError("that duration is too long to be a time; write it like " + EXAMPLES)
    if seconds <= 0:
        raise DurationError("a duration must be more than zero; write it like " + EXAMPLES)
    return seconds


def format_duration(seconds: float) -> str:
    """The short form a person would write: 90 -> '1m30s', 3600 -> '1h', 0.5 -> '0.5s'."""
    if seconds < 1 and seconds > 0:
        return f"{seconds:.1f}s"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return "".join(parts)


def duration_words(seconds: float) -> str:
    """A time that passed, for reading rather than writing in a file: 6 -> '6 s',
    1200 -> '20 min', 3629 -> '1 h 0 min 29 s'."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes or (hours and secs):
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def format_clock(seconds: float) -> str:
    """A countdown face: whole seconds rounded up, so 0.2 s left still shows 0:01."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_stamp(seconds: float) -> str:
    """Routine time for event lines: '00:20.0', '1:02:03.5'."""
    tenths = int(round(max(0.0, seconds) * 10))
    whole, tenth = divmod(tenths, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}.{tenth}"
    return f"{minutes:02d}:{secs:02d}.{tenth}"
