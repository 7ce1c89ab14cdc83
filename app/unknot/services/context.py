"""The pieces every face needs, built once from the command line and the environment."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from unknot.core.clock import Clock, RealClock
from unknot.core.safety.signs import Catalogue, EmergencyNumber, emergency_number, load_catalogue
from unknot.core.safety.signs import region_from_locale as _region
from unknot.store import paths
from unknot.store.checks import Remembered
from unknot.store.config import Config

if TYPE_CHECKING:  # imported when first used: most commands never need them
    from unknot.sound.player import Backend, CuePlayer
    from unknot.store.history import Store
    from unknot.store.recorder import Recorder


@dataclass
class Context:
    config: Config
    catalogue: Catalogue
    number: EmergencyNumber
    data_dir: Path
    clock: Clock = field(default_factory=RealClock)
    mute: bool = False
    sound: str | None = None  # None: the config's choice; tests say "off"
    ring: Callable[[], None] | None = None  # the face's terminal bell, once it has one
    voice: bool = False  # spoken guidance (the setting, or --voice)

    @cached_property
    def player(self) -> CuePlayer:
        """Chosen on first use, so commands that never play a cue never probe for sound."""
        from unknot.sound.player import CuePlayer, choose_backend

        _log_to(self.data_dir)
        preference = self.sound or self.config.sound

        def choose() -> Backend:
            backend = choose_backend(
                preference, lambda: self.ring and self.ring(), paths.bundled_sounds() / "tick.wav"
            )
            logging.getLogger("unknot.sound").info("sound: %s", backend.description)
            return backend

        return CuePlayer(
            choose,
            paths.bundled_sounds(),
            self.config.volume,
            self.mute,
            ring=lambda: self.ring and self.ring(),
        )

    @cached_property
    def store(self) -> Store:
        """The history, opened on first use. Sessions a killed program left open are marked
        interrupted, and a damaged file is moved aside (see `store.problem`)."""
        from unknot.store.history import Store

        _log_to(self.data_dir)  # its trouble goes to the log, never raw to the terminal
        store = Store(self.data_dir)
        store.mark_interrupted()
        return store

    @cached_property
    def recorder(self) -> Recorder:
        from unknot.store.recorder import Recorder

        return Recorder(self.store)

    @property
    def remembered(self) -> Remembered:
        return Remembered(self.data_dir, self.config.check, self.clock.wall)

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock.wall()).date()


class QuietFileHandler(logging.FileHandler):
    """A log that can't be written (a full disk) is given up silently: logging's own way is
    to print a traceback to stderr, which is the person's terminal."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _open(self) -> io.TextIOWrapper:
        # 0600, and never through a symbolic link (it would append to what the link names).
        from unknot.store.regular import open_private

        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def _log_to(data_dir: Path) -> None:
    """Notes that are not worth the screen (a cue that could not play) go to a log file."""
    root = logging.getLogger("unknot")
    if root.handlers:
        return
    try:
        paths.ensure_private_dir(data_dir)
        # the log is health data too: opened 0600 (see QuietFileHandler._open)
        handler: logging.Handler = QuietFileHandler(data_dir / "unknot.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False


def log_file(data_dir: Path) -> Path | None:
    """The log file, set up if it wasn't yet; None when it can't be written."""
    _log_to(data_dir)
    for handler in logging.getLogger("unknot").handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def plain_bell() -> None:
    if sys.stdout.isatty():
        sys.stdout.write("\a")
        sys.stdout.flush()


def build_context(
    config: Config,
    data_dir: str | os.PathLike[str] | None = None,
    clock: Clock | None = None,
    mute: bool = False,
    env: dict[str, str] | None = None,
    sound: str | None = None,
    voice: bool = False,
) -> Context:
    env = dict(os.environ) if env is None else env
    region = config.region or _region(env)
    return Context(
        config=config,
        catalogue=load_catalogue(),
        number=emergency_number(config.emergency_number, region),
        data_dir=paths.data_dir(data_dir),
        clock=clock or RealClock(),
        mute=mute,
        sound=sound,
        voice=voice or config.voice,
    )
