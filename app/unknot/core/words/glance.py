"""What a glance shows of the timers: the pack's time left and the next reminder.

Read from elsewhere (a tab, a tmux status bar, a shell prompt), so short and led by a symbol:
❄ cold, ♨ heat, ⚠ act now, ⏰ a reminder, ▲ the day's emergency or urgent stop. Nothing here reads a clock of its own. `unknot
status` runs this on every prompt, so it needs only the timers, never a routine's session.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass

from unknot.core.durations import format_clock
from unknot.core.engine.reminders import Reminder, ReminderBook
from unknot.core.engine.therapy import Phase, Therapy, skin_rest_left
from unknot.core.safety.daystop import DayStop
from unknot.core.text import one_line

TEXT_LIMIT = 40  # a name is cut to this many characters
SYMBOLS = {"ice": "❄", "heat": "♨"}
REMOVE_PACK = "⚠ REMOVE PACK"
MAY_BE_ON = "⚠ PACK MAY BE ON"  # a saved timer could not be read and nobody has read that


def short_clock(seconds: float) -> str:
    """A countdown that reads at a glance: '0:23', '14:05', '1:02:03' (whole seconds, up)."""
    face = format_clock(seconds)
    return face[1:] if len(face) == 5 and face.startswith("0") else face


def short_wait(seconds: float) -> str:
    """Time until something, to the minute, rounded up: '1m', '12m', '1h05m'."""
    minutes = max(1, math.ceil(seconds / 60 - 1e-9))
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text` on one line, cut with '…' to at most `limit` characters."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def therapy_glance(therapy: Therapy) -> str | None:
    """'❄ 14:05 left', '⚠ REMOVE PACK', '♨ skin rest 18:00'...; None when nothing runs."""
    symbol = SYMBOLS.get(therapy.spec.kind, "")
    phase = therapy.phase
    if phase is Phase.REMOVE:
        return REMOVE_PACK
    left = therapy.remaining()
    if phase is Phase.ON and left is not None:
        return f"{symbol} {short_clock(left)} left"
    if phase is Phase.REST and left is not None:
        return f"{symbol} skin rest {short_clock(left)}"
    if phase is Phase.SKIN_CHECK:
        return f"{symbol} look at your skin"
    if phase is Phase.NEXT:
        return f"{symbol} you may reapply"
    return None


@dataclass(frozen=True)
class StatusPieces:
    """The pieces of `unknot status`, each empty when there is nothing to say."""

    stop: str = ""  # '▲▲▲ Call 999 now.' all the day of an emergency or urgent stop
    pack: str = ""  # '❄ 14:05 left', '⚠ REMOVE PACK', 'no pack today', 'skin rest until 14:35'
    pack_left: str = ""  # '14:05' while the pack is on, 'now' when it must come off
    kind: str = ""  # 'ice' or 'heat'
    reminder: str = ""  # '⏰ Time to move in 12m', '⏰ Time to move now'
    reminder_text: str = ""
    reminder_in: str = ""  # '12m', '1h05m', 'now'

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def next_reminder(book: ReminderBook) -> Reminder | None:
    waiting = [r for r in book.reminders if not r.paused]
    return min(waiting, key=lambda r: r.due, default=None)


NO_PACK_TODAY = "no pack today"  # a skin check was not normal: none until midnight


def skin_rest_glance(skin_off: float | None, now: float) -> str | None:
    """'skin rest until 14:35' while the skin rests after the last pack came off (no new one
    starts until then); None once it has rested."""
    left = skin_rest_left(skin_off, now)
    if left <= 0:
        return None
    return f"skin rest until {dt.datetime.fromtimestamp(now + left):%H:%M}"


def status_pieces(
    therapy: Therapy | None,
    book: ReminderBook,
    now: float,
    held: DayStop | None = None,
    lost: bool = False,
    skin_off: float | None = None,
    skin_hurt: bool = False,
) -> StatusPieces:
    """What the status line can show: the day's stop, the pack, then the next reminder (none
    while the day's stop holds: the program holds reminders back until then).

    `therapy` should be brought up to `now` first (its update()), so a pack whose time ran
    out while nothing was watching shows as one to take off. `lost`: a saved timer could
    not be read, so a pack may be on that no timer counts. `skin_off`: wall time the last
    pack came off, for the skin rest after a timer that is over. `skin_hurt`: a skin check
    was not normal today, so no new pack starts until midnight.
    """
    pack = pack_left = kind = ""
    if therapy is None and lost:
        pack, pack_left = MAY_BE_ON, "now"
    if therapy is not None:
        pack = therapy_glance(therapy) or ""
        kind = therapy.spec.kind if pack else ""
        left = therapy.remaining()
        if therapy.phase is Phase.REMOVE:
            pack_left = "now"
        elif therapy.phase is Phase.ON and left is not None:
            pack_left = short_clock(left)
    if not pack and skin_hurt:
        pack = NO_PACK_TODAY
    if not pack:
        pack = skin_rest_glance(skin_off, now) or ""
    reminder = reminder_text = reminder_in = ""
    stop = ""
    if held is not None:
        # only then: the warning signs' module brings the routine model, too slow for a prompt
        from unknot.core.safety.signs import LEVEL_SYMBOLS

        # Without its aside ('(112 in much of the world)'), so what to do is never cut short.
        headline = re.sub(r"\s*\([^)]*\)", "", held.headline)
        stop = f"{LEVEL_SYMBOLS[held.level]} {cut(headline)}"
    upcoming = next_reminder(book) if held is None else None
    if upcoming is not None:
        reminder_text = cut(upcoming.text) or "Reminder"
        reminder_in = "now" if upcoming.due <= now else short_wait(upcoming.due - now)
        when = "now" if reminder_in == "now" else f"in {reminder_in}"
        reminder = f"⏰ {reminder_text} {when}"
    return StatusPieces(stop, pack, pack_left, kind, reminder, reminder_text, reminder_in)
