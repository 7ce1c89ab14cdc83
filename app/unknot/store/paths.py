"""Where things live: bundled routines and sounds, and the user's folders."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "unknot"
_PACKAGE = Path(__file__).resolve().parent.parent  # the unknot package


def _bundled(name: str) -> Path:
    # An installed wheel carries them inside the package; a source checkout (and an editable
    # install) has them at the top of the project, two levels above the package (app/unknot).
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.is_dir() else _PACKAGE.parent.parent / name


def bundled_routines() -> Path:
    return _bundled("routines")


def bundled_sounds() -> Path:
    return _bundled("sounds")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """History and timer state: --data-dir, else $UNKNOT_DATA_DIR, else the platform's place."""
    chosen = override or os.environ.get("UNKNOT_DATA_DIR")
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP))


def user_routines() -> Path:
    env = os.environ.get("UNKNOT_ROUTINES_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "routines"


def config_file() -> Path:
    env = os.environ.get("UNKNOT_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.yaml"


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
