"""Getting the person's attention for an alert, the one way every part of the program does it
(the program with a face open, and `unknot watch`): the desktop's notification where there is a
desktop, else the terminal's own (OSC 777/9, wrapped for tmux), never both (a terminal may turn
OSC into one too), and the bell if the settings ring it."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from unknot.core.words.alerts import Alert
from unknot.sound.attention import attention

if TYPE_CHECKING:
    from unknot.sound.notify import Notifier
    from unknot.store.config import Config

log = logging.getLogger("unknot.alerting")


def fan_out(
    alert: Alert,
    config: Config,
    notifier: Notifier | None,
    write: Callable[[str], object] | None,
) -> None:
    """`write`: to the terminal, when there is one to write to."""
    desktop = notifier is not None and notifier.available is True
    if notifier is not None:
        notifier.send(alert)
    if write is None:
        return
    sequence = attention(
        f"unknot: {alert.title}",
        alert.body,
        config.bell,
        config.desktop_notify and not desktop,
        bool(os.environ.get("TMUX")),
    )
    if sequence:
        try:
            write(sequence)
        except OSError as exc:  # a closed terminal must not stop the timer
            log.warning("could not write to the terminal: %s", exc)
