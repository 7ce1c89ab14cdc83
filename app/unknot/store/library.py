"""The routines a user can run: bundled ones, their own folder, and any extra folders."""

from __future__ import annotations

import os
import stat as statmode
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from unknot.core.loader import (
    MAX_BYTES,
    LoadResult,
    Problem,
    file_too_big,
    load_bytes,
    routine_id_for,
)
from unknot.core.plan import routine_seconds
from unknot.core.routine import Routine
from unknot.core.text import quoted
from unknot.store.regular import NotAFile, open_regular, read_regular

ORIGINS = ("bundled", "user", "extra")
MAX_SOUND_BYTES = 2 * 1024 * 1024


def load_file(path: str | Path) -> LoadResult:
    """Read and check one routine file. Never raises for anything in the file or the path."""
    path = Path(path)
    shown = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotAFile:
        return LoadResult(
            None,
            [
                Problem(
                    shown,
                    1,
                    1,
                    "this is not a regular file (a pipe, a "
                    "device or a folder?); a routine is a .yaml file",
                )
            ],
        )
    except OSError as exc:
        why = exc.strerror or str(exc)
        return LoadResult(None, [Problem(shown, 1, 1, f"can't read the file: {why}")])
    if len(data) > MAX_BYTES:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(data)
        return LoadResult(None, [file_too_big(shown, size)])
    return load_bytes(data, shown, routine_id_for(path), sound_file=wav_check(path.parent))


def wav_check(folder: Path) -> Callable[[str], str | None]:
    """What is wrong with a .wav that a routine in `folder` names, or None if it is fine."""

    def check(name: str) -> str | None:
        shown = quoted(name)
        target = folder / name
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return f"{shown} was not found beside the routine file"
        if not real.is_relative_to(folder.resolve()):
            return f"{shown} is a link that leads outside the routine's folder"
        try:
            with open_regular(real) as fd:
                size = os.fstat(fd).st_size
                head = os.read(fd, 12)
        except NotAFile:
            return f"{shown} is not a regular file"
        except OSError as exc:
            return f"{shown} can't be read: {exc.strerror or exc}"
        if size > MAX_SOUND_BYTES:
            return f"{shown} is larger than {MAX_SOUND_BYTES // (1024 * 1024)} MiB; use a short cue"
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return f"{shown} is not a WAV file"
        return None

    return check


@dataclass
class Entry:
    path: Path
    origin: str
    result: LoadResult
    mtime: float
    size: int

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def routine(self) -> Routine | None:
        return self.result.routine

    @property
    def broken(self) -> bool:
        return self.result.routine is None

    @property
    def first_error(self) -> Problem | None:
        errors = self.result.errors
        return errors[0] if errors else None

    @cached_property
    def seconds(self) -> float:
        """Planned once per loaded file; the library redraws its list from cached entries."""
        return routine_seconds(self.routine) if self.routine else 0.0


def looks_like_a_path(wanted: str) -> bool:
    """Whether a routine was named by its file rather than its id."""
    return wanted.endswith((".yaml", ".yml")) or "/" in wanted or wanted.startswith("~")


@dataclass(frozen=True)
class Found:
    """A routine file as a folder lists it: its name, its status, and the key that tells two
    names for one file apart (the real path, looked up only for a symlink). Strings, not
    Paths: a folder of thousands is looked at every few seconds."""

    folder: Path
    name: str
    stat: os.stat_result
    key: str

    @property
    def path(self) -> Path:
        return self.folder / self.name


def found_files(folder: Path) -> list[Found]:
    """The routine files in `folder`, by name, with one status call each."""
    found = []
    try:
        real = str(folder.resolve())
        with os.scandir(folder) as listing:
            for item in listing:
                if os.path.splitext(item.name)[1] not in (".yaml", ".yml"):
                    continue
                try:
                    info = item.stat()  # through a symlink, to what it names
                except OSError:
                    continue
                if not statmode.S_ISREG(info.st_mode):
                    continue
                if item.is_symlink():
                    key = os.path.realpath(item.path)
                else:
                    key = os.path.join(real, item.name)
                found.append(Found(folder, item.name, info, key))
    except OSError:
        return []
    return sorted(found, key=lambda f: f.name)


def routine_files(folder: Path) -> list[Path]:
    return [f.path for f in found_files(folder)]


class Library:
    """Loads routine files, and reloads only those whose size or time changed since."""

    def __init__(self, folders: list[tuple[str, Path]]) -> None:
        self.folders = folders
        self._cache: dict[str, Entry] = {}

    def scan(self) -> list[Entry]:
        entries: list[Entry] = []
        cache: dict[str, Entry] = {}
        for origin, folder in self.folders:
            for found in found_files(folder):
                if found.key in cache:
                    continue
                entry = self._entry(found, origin)
                cache[found.key] = entry
                entries.append(entry)
        self._cache = cache
        return entries

    def _entry(self, found: Found, origin: str) -> Entry:
        info = found.stat
        cached = self._cache.get(found.key)
        if (
            cached is not None
            and cached.mtime == info.st_mtime
            and cached.size == info.st_size
            and cached.origin == origin
        ):
            return cached
        return Entry(
            path=found.path,
            origin=origin,
            result=load_file(found.path),
            mtime=info.st_mtime,
            size=info.st_size,
        )

    def find(self, wanted: str) -> Entry | None:
        """A routine by id (later folders win: a user's copy shadows a bundled one) or by path.
        A path that exists but is no routine file (a folder, a pipe) is an entry with that
        error; a path that does not exist is None."""
        if looks_like_a_path(wanted):
            as_path = Path(wanted).expanduser()
            if os.path.lexists(as_path):
                return Entry(as_path, "extra", load_file(as_path), 0.0, 0)
            return None
        found = None
        for entry in self.scan():
            if entry.id == wanted:
                found = entry
        return found
