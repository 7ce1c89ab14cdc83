"""Reading saved state as hostile: bounded numbers, finite floats, the right shapes.

A saved file may have been damaged, hand-edited or written by another version. Every value is
checked as it is read; the first that is wrong raises SavedStateError with a one-line message,
and the caller starts afresh rather than running on a NaN deadline or a 10-day pack.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

# Longest text kept from a saved file: titles and reminder texts are short.
TEXT_MOST = 500
# Every saved time is seconds on a clock: boot clocks count up from zero, wall clocks are near
# 1.8e9 today. Anything beyond a thousand years either way is not a time.
TIME_MOST = 1e11


class SavedStateError(ValueError):
    """Saved state that can't be used, with a one-line reason."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SavedStateError(f"{what} should be a set of named values, not {_shown(value)}")
    return value


def number(state: Mapping[str, Any], key: str, least: float, most: float) -> float:
    value = state.get(key)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not least <= value <= most
    ):
        raise SavedStateError(f"{key}: {_shown(value)} is not a number from {least:g} to {most:g}")
    return float(value)


def optional_number(state: Mapping[str, Any], key: str, least: float, most: float) -> float | None:
    return None if state.get(key) is None else number(state, key, least, most)


def time_value(state: Mapping[str, Any], key: str) -> float | None:
    """A saved clock reading, or None."""
    return optional_number(state, key, -TIME_MOST, TIME_MOST)


def whole(state: Mapping[str, Any], key: str, least: int, most: int) -> int:
    value = state.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise SavedStateError(
            f"{key}: {_shown(value)} is not a whole number from {least} to {most}"
        )
    return value


def flag(state: Mapping[str, Any], key: str) -> bool:
    value = state.get(key, False)
    if not isinstance(value, bool):
        raise SavedStateError(f"{key}: {_shown(value)} is not true or false")
    return value


def text(state: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = state.get(key, default)
    if not isinstance(value, str) or len(value) > TEXT_MOST:
        raise SavedStateError(f"{key}: {_shown(value)} is not a short text")
    return value


def optional_text(state: Mapping[str, Any], key: str) -> str | None:
    return None if state.get(key) is None else text(state, key)


def items(state: Mapping[str, Any], key: str, most: int) -> list[Any]:
    value = state.get(key, [])
    if not isinstance(value, list) or len(value) > most:
        raise SavedStateError(f"{key}: should be a list of at most {most}")
    return value


def numbers(
    state: Mapping[str, Any], key: str, most_items: int, least: float, most: float
) -> list[float]:
    return [number({key: v}, key, least, most) for v in items(state, key, most_items)]


def choices(
    state: Mapping[str, Any], key: str, most_items: int, allowed: tuple[str, ...]
) -> list[str]:
    out = items(state, key, most_items)
    for value in out:
        if value not in allowed:
            raise SavedStateError(f"{key}: {_shown(value)} is not one of {', '.join(allowed)}")
    return [str(v) for v in out]
