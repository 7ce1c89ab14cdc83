"""Whole numbers as a person types them at a prompt: read without ever raising."""

from __future__ import annotations

import re

# ASCII digits, a few of them: str.isdigit() passes '²' and 5,000-digit strings, which int()
# then refuses with an exception.
_TYPED = re.compile(r"\s*\+?([0-9]{1,6})\s*")


def typed_number(text: str, lo: int, hi: int) -> int | None:
    """The number in `text` if it is a whole number from `lo` to `hi`, else None."""
    match = _TYPED.fullmatch(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if lo <= number <= hi else None
