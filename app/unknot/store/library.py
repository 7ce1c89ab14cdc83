"""The routines a user can run: bundled ones, their own folder, and any extra folders."""

from __future__ import annotations

import os
import stat as statmode
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from unknot.core.engine.plan import routine_seconds
from unknot.core.format.loader import (
    ID_PATTERN,
    MAX_BYTES,
    LoadResult,
    Problem,
    file_too_big,
    load_bytes,
    routine_id_for,
)
from unknot.core.format.routine import Routine
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


class Entry:
    """A routine file in the library. Its routine is read when first asked for, not when the
    folder is listed: a folder of thousands lists in a moment, and `run ID` reads one file."""

    def __init__(
        self,
        path: Path,
        origin: str,
        result: LoadResult | None = None,
        mtime: float = 0.0,
        size: int = 0,
    ) -> None:
        self.path = path
        self.origin = origin
        self.mtime = mtime
        self.size = size
        if result is not None:
            self.result = result

    def __repr__(self) -> str:
        return f"Entry({str(self.path)!r}, {self.origin!r}, loaded={self.loaded})"

    @cached_property
    def result(self) -> LoadResult:
        return load_file(self.path)

    @property
    def loaded(self) -> bool:
        """Whether the file has been read (reading it is what `result` does)."""
        return "result" in self.__dict__

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


def found_file(folder: Path, name: str) -> Found | None:
    """The routine file `name` in `folder`, or None if there is no regular file by that name."""
    path = os.path.join(folder, name)
    try:
        info = os.stat(path)  # through a symlink, to what it names
        if not statmode.S_ISREG(info.st_mode):
            return None
        if os.path.islink(path):
            key = os.path.realpath(path)
        else:
            key = os.path.join(os.path.realpath(folder), name)
    except (OSError, ValueError):
        return None
    return Found(folder, name, info, key)


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
    """Lists routine files, and reads each when it is first needed and again only when its
    size or time changed since."""

    def __init__(self, folders: list[tuple[str, Path]]) -> None:
        self.folders = folders
        self._cache: dict[str, Entry] = {}

    def listing(self) -> list[Entry]:
        """Every routine file, by folder and name, without reading the ones not read before:
        an entry reads its file when its routine is first asked for."""
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

    def scan(self) -> list[Entry]:
        """Every routine file, read."""
        entries = self.listing()
        self.read(entries)
        return entries

    @staticmethod
    def read(
        entries: list[Entry], stop: Callable[[], bool] = lambda: False, lengths: bool = False
    ) -> bool:
        """Read the entries not read yet, and with `lengths` plan each routine for its length
        too, unless `stop` says to give up first. Whether any file was read (and none was
        given up on)."""
        unread = [entry for entry in entries if not entry.loaded]
        for entry in unread:
            if stop():
                return False
            if lengths:
                entry.seconds  # noqa: B018 - planning as it is read, off a face's event loop
            else:
                entry.result  # noqa: B018 - reading the file is the point
        return bool(unread)

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
        return Entry(found.path, origin, None, info.st_mtime, info.st_size)

    def find(self, wanted: str) -> Entry | None:
        """A routine by id (later folders win: a user's copy shadows a bundled one) or by path.
        A path that exists but is no routine file (a folder, a pipe) is an entry with that
        error; a path that does not exist is None. Only the file found is read."""
        if looks_like_a_path(wanted):
            as_path = Path(wanted).expanduser()
            if os.path.lexists(as_path):
                return Entry(as_path, "extra", load_file(as_path))
            return None
        if not ID_PATTERN.match(wanted):
            # Not an id a file name can give, yet a file may be named so (it is then listed
            # as broken, with the reason): look at every name, reading none of the files.
            named = [entry for entry in self.listing() if entry.id == wanted]
            return named[-1] if named else None
        # An id is its file's name: the file is looked up, not searched for.
        for origin, folder in reversed(self.folders):
            for suffix in (".yml", ".yaml"):  # as listed by name, .yml comes later and wins
                found = found_file(folder, wanted + suffix)
                if found is not None:
                    return self._entry(found, origin)
        return None
