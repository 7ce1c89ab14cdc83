"""Getting a person's attention from a terminal: the bell, desktop notifications through
the terminal (OSC 777 and OSC 9, wrapped so tmux passes them on), and the terminal title."""

from __future__ import annotations

import re
from collections.abc import Callable

from unknot.core.text import one_line

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


# --- the terminal title ------------------------------------------------------------------

TITLE_LIMIT = 80  # characters; a tab or a tmux window list shows far fewer
SAVE_TITLE = "\x1b[22;0t"  # XTWINOPS: push the window and icon titles on the title stack
RESTORE_TITLE = "\x1b[23;0t"  # XTWINOPS: pop them back


def set_title(text: str, icon: bool = True) -> str:
    """The sequence that shows `text` as the terminal's title: OSC 0 (the window and icon
    title, which is what most tabs show) or, with `icon=False`, OSC 2 (the window title).

    tmux takes either as the pane title, and shows it outside with `set-titles on`.
    """
    # one_line drops every C0 and C1 control (ESC, BEL, ST among them) and the bidi
    # overrides, so the text can neither end the sequence early nor start another one.
    shown = one_line(text)[:TITLE_LIMIT]
    return f"\x1b]{0 if icon else 2};{shown}\x07"


class TerminalTitle:
    """Shows titles on one terminal and puts the person's own title back at the end.

    `write` sends text to the terminal (the face's driver, or stdout). Nothing is written
    until the first title, a title is written only when it changes, and `restore` is safe to
    call any number of times.
    """

    def __init__(self, write: Callable[[str], None]) -> None:
        self._write = write
        self._shown: str | None = None
        self._saved = False

    @property
    def shown(self) -> str | None:
        return self._shown

    def show(self, text: str | None) -> None:
        """Show `text`; None puts the saved title back (and a later text saves it again)."""
        if text is None:
            self.restore()
            return
        if text == self._shown:
            return
        out = "" if self._saved else SAVE_TITLE
        self._saved = True
        self._shown = text
        self._write(out + set_title(text))

    def restore(self) -> None:
        if self._saved:
            self._saved = False
            self._shown = None
            self._write(RESTORE_TITLE)
