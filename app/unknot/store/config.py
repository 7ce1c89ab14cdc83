"""User settings from a small YAML file. Unknown keys and bad values are reported, never fatal.

Text settings are read with their raw text beside them: YAML 1.1 turns `000` into 0, `0112`
into 74 and `1:11` into 71, and an emergency number must never silently become another one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from unknot.core.format.yamlsafe import SafeLoader
from unknot.store.regular import NotAFile, read_regular

MAX_CONFIG_BYTES = 64 * 1024
STR_TAG = "tag:yaml.org,2002:str"

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
        raw = read_regular(path, MAX_CONFIG_BYTES)
        if len(raw) > MAX_CONFIG_BYTES:
            raise OSError(f"larger than {MAX_CONFIG_BYTES // 1024} KiB")
        text = raw.decode("utf-8")
    except FileNotFoundError:
        return config
    except NotAFile:
        config.problems.append(f"{path}: not a regular file; using the defaults")
        return config
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or exc
        config.problems.append(f"{path}: can't read the settings ({why}); using the defaults")
        return config
    try:
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        config.problems.append(f"{path}: not valid YAML ({exc}); using the defaults")
        return config
    if data is None:
        return config
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        config.problems.append(f"{path}: settings should be 'key: value' lines; using defaults")
        return config
    written = {
        key.value: value
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }
    for key, value in data.items():
        message = _apply(config, str(key), value, written.get(str(key)))
        if message:
            config.problems.append(f"{path}: {message}")
    return config


def _apply(
    config: Config, key: str, value: object, written: yaml.ScalarNode | None = None
) -> str | None:
    """Set one setting; a message if it can't be. `written` is the value's raw YAML."""
    if key not in KEYS:
        return f"unknown setting '{key}' (settings are: {', '.join(KEYS)})"
    if key in ("emergency_number", "region", "theme"):
        if written is not None and written.tag != STR_TAG and written.value.strip():
            # 000, 0112, 1:11 and NO are read as numbers and booleans: never guess which
            shown = written.value.replace("\\", "\\\\").replace('"', '\\"')
            return f'{key}: write it in quotes: "{shown}"'
        if not isinstance(value, str) or not value.strip():
            return f"{key}: should be text"
        setattr(config, key, value.strip())
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
