"""The pieces every face needs, built once from the command line and the environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.checks import Remembered
from app.config import Config
from app.core.clock import Clock, RealClock
from app.core.safety import Catalogue, EmergencyNumber, emergency_number, load_catalogue
from app.core.safety import region_from_locale as _region


@dataclass
class Context:
    config: Config
    catalogue: Catalogue
    number: EmergencyNumber
    data_dir: Path
    clock: Clock = field(default_factory=RealClock)
    mute: bool = False

    @property
    def remembered(self) -> Remembered:
        return Remembered(self.data_dir, self.config.check)

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock.wall()).date()


def build_context(
    config: Config,
    data_dir: str | os.PathLike[str] | None = None,
    clock: Clock | None = None,
    mute: bool = False,
    env: dict[str, str] | None = None,
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
    )
