"""Getting a person's attention from a terminal: the bell, and desktop notifications through
the terminal (OSC 777 and OSC 9), wrapped so tmux passes them on."""

from __future__ import annotations

import re

BELL = "\a"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f;]")


def _safe(text: str) -> str:
    # A control character or ';' would end or split the escape sequence early.
    return _UNSAFE.sub(" ", text).strip()


def desktop_notification(title: str, body: str, tmux: bool = False) -> str:
    """OSC 777 (rxvt, foot, WezTerm...) and OSC 9 (iTerm2, Windows Terminal...)."""
    title, body = _safe(title), _safe(body)
    sequence = f"\x1b]777;notify;{title};{body}\x07\x1b]9;{title}: {body}\x07"
    if tmux:
        # tmux passes a sequence through only inside its DCS wrapper, with ESC doubled.
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence


def attention(
    title: str, body: str, bell: bool = True, desktop: bool = True, tmux: bool = False
) -> str:
    """Everything to write to the terminal to get attention, as one string."""
    out = BELL if bell else ""
    if desktop:
        out += desktop_notification(title, body, tmux)
    return out
