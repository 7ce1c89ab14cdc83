"""The status line: one short line from the saved timers, for a status bar or a prompt.

It runs on every refresh of someone's status bar, so it reads the saved timers, when the last
pack came off and whether the skin was not normal after one today, and nothing else (no
settings, no history, no Textual, no command line), and writes nothing, bar setting a damaged
file aside.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unknot.core.clock import Clock

DEFAULT = "{stop}  {pack}  {reminder}"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class UnknownPlaceholder(ValueError):
    """A --format with a placeholder there is no piece for; the message names the pieces."""


def status_line(
    data_dir: Path, template: str = DEFAULT, clock: Clock | None = None
) -> tuple[str, list[str]]:
    """The line (empty when there is nothing to show) and the problems met reading the state.
    Whichever copy of the program holds the timer, a pack past its time reads as one."""
    from unknot.core.clock import RealClock
    from unknot.core.words.glance import StatusPieces, status_pieces
    from unknot.store.checks import Remembered
    from unknot.store.timers import TimerStore

    names = set(StatusPieces().as_dict())
    unknown = [m[1] for m in _PLACEHOLDER.finditer(template) if m[1] not in (None, *names)]
    if unknown:
        there = ", ".join(f"{{{n}}}" for n in sorted(names))
        raise UnknownPlaceholder(f"no placeholder {{{unknown[0]}}}; there are: {there}")
    clock = clock or RealClock()
    store = TimerStore(data_dir)
    therapy = store.load_therapy(clock)
    if therapy is not None:
        therapy.update()  # a pack whose time ran out while nothing watched: take it off
    wall = clock.wall()
    held = store.load_day_stop(wall)
    lost = store.lost is not None
    remembered = Remembered(data_dir, wall=clock.wall)  # when the last pack came off
    skin_off, hurt = remembered.skin()
    skin_hurt = hurt is not None and hurt.holds(wall)
    pieces = status_pieces(
        therapy, store.load_reminders(), wall, held, lost, skin_off, skin_hurt
    ).as_dict()

    def fill(match: re.Match[str]) -> str:
        return match[0][0] if match[1] is None else pieces[match[1]]

    problems = [*store.problems, *([remembered.problem] if remembered.problem else [])]
    return _PLACEHOLDER.sub(fill, template).strip(), problems
