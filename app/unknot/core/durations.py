"""Durations as people write them ("45s", "1m30s", "20min", "1h") and as the screen shows them."""

from __future__ import annotations

import math
import re
from functools import lru_cache

_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:h|min|m|sec|s)\s*)+$", re.IGNORECASE)

EXAMPLES = "30s, 2m or 1m30s"


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> float:
    """Seconds in `value`: a bare whole number of seconds, or parts like 1h, 2m, 20min, 45s."""
    if isinstance(value, str):
        return _parse_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _positive(float(value))
    raise DurationError(f"{value!r} is not a duration; write it like {EXAMPLES}")


@lru_cache(maxsize=512)
def _parse_text(value: str) -> float:
    # Files repeat the same few durations ("5s", "20s"), so a small cache saves most parses.
    if value.strip().isdigit():
        return _positive(float(int(value.strip())))
    if not _WHOLE.match(value):
        raise DurationError(f"'{value}' is not a duration; write it like {EXAMPLES}")
    parts = _PART.findall(value)
    units = [_UNITS[u.lower()] for _, u in parts]
    if len(set(units)) != len(units):
        raise DurationError(f"'{value}' repeats a unit; write it like {EXAMPLES}")
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
