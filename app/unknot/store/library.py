"""The routines a user can run: bundled ones, their own folder, and any extra folders."""

from __future__ import annotations

import os
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


def routine_files(folder: Path) -> list[Path]:
    try:
        files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
    except OSError:
        return []
    return sorted(files)


class Library:
    """Loads routine files, and reloads only those whose size or time changed since."""

    def __init__(self, folders: list[tuple[str, Path]]) -> None:
        self.folders = folders
        self._cache: dict[Path, Entry] = {}

    def scan(self) -> list[Entry]:
        entries: list[Entry] = []
        seen: set[Path] = set()
        for origin, folder in self.folders:
            for path in routine_files(folder):
                key = path.resolve()
                if key in seen:
                    continue
                seen.add(key)
                entries.append(self._entry(path, key, origin))
        self._cache = {e.path.resolve(): e for e in entries}
        return entries

    def _entry(self, path: Path, key: Path, origin: str) -> Entry:
        try:
            stat = path.stat()
        except OSError:
            stat = None
        cached = self._cache.get(key)
        if (
            cached is not None
            and stat is not None
            and cached.mtime == stat.st_mtime
            and cached.size == stat.st_size
            and cached.origin == origin
        ):
            return cached
        return Entry(
            path=path,
            origin=origin,
            result=load_file(path),
            mtime=stat.st_mtime if stat else 0.0,
            size=stat.st_size if stat else 0,
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
