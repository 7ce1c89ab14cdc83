"""Cleaning text that came from a user's file before anything shows it."""

from __future__ import annotations

import re

# C0/C1 controls (but newline) and the bidirectional overrides that can reorder a terminal line.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` with control characters removed; a tab becomes a space."""
    if text.isprintable():  # the common case, and no control character is printable
        return text
    return _CONTROL.sub(lambda m: " " if m.group() == "\t" else "", text)


def one_line(text: str) -> str:
    """`text` cleaned and folded onto one line, for lists and event lines."""
    return " ".join(clean(text).split())
