"""User settings from a small YAML file. Unknown keys and bad values are reported, never fatal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from unknot.core.yamlsafe import SafeLoader

SOUND_BACKENDS = ("auto", "simpleaudio", "command", "bell", "off")
CHECK_MODES = ("daily", "every session")
KEYS = (
    "emergency_number",
    "region",
    "check",
    "sound",
    "volume",
    "bell",
    "desktop_notify",
    "voice",
    "theme",
)


@dataclass
class Config:
    emergency_number: str | None = None
    region: str | None = None
    check: str = "daily"
    sound: str = "auto"
    volume: int = 80
    bell: bool = True
    desktop_notify: bool = True
    voice: bool = False  # spoken guidance
    theme: str | None = None
    problems: list[str] = field(default_factory=list)


def load_config(path: Path) -> Config:
    """Settings from `path`; a missing file gives the defaults, a broken one a message too."""
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"{path}: can't read the settings ({exc}); using the defaults")
        return config
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        config.problems.append(f"{path}: not valid YAML ({exc}); using the defaults")
        return config
    if data is None:
        return config
    if not isinstance(data, dict):
        config.problems.append(f"{path}: settings should be 'key: value' lines; using defaults")
        return config
    for key, value in data.items():
        message = _apply(config, str(key), value)
        if message:
            config.problems.append(f"{path}: {message}")
    return config


def _apply(config: Config, key: str, value: object) -> str | None:
    if key not in KEYS:
        return f"unknown setting '{key}' (settings are: {', '.join(KEYS)})"
    if key in ("emergency_number", "region", "theme"):
        if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
            return f"{key}: should be text"
        setattr(config, key, str(value).strip())
    elif key == "check":
        if value not in CHECK_MODES:
            return f"check: should be one of {', '.join(CHECK_MODES)}"
        config.check = str(value)
    elif key == "sound":
        if value is False:
            value = "off"
        if value not in SOUND_BACKENDS:
            return f"sound: should be one of {', '.join(SOUND_BACKENDS)}"
        config.sound = str(value)
    elif key == "volume":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            return "volume: should be a whole number from 0 to 100"
        config.volume = value
    elif key == "voice":
        # YAML reads a bare on/off as true/false; quoted, it stays a word.
        if value in ("on", "off"):
            value = value == "on"
        if not isinstance(value, bool):
            return "voice: should be on or off"
        config.voice = value
    elif key in ("bell", "desktop_notify"):
        if not isinstance(value, bool):
            return f"{key}: should be true or false"
        setattr(config, key, value)
    return None
