"""A text box that never swallows the warning-signs key."""

from __future__ import annotations

from textual.widgets import Input

SIGNS_KEY = "exclamation_mark"


class SafeInput(Input):
    """An Input that lets `!` through to the app, so the warning signs open from every text
    box (Textual drops a priority binding for a key the focused Input would type)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if key == SIGNS_KEY or character == "!":
            return False
        return super().check_consume_key(key, character)
