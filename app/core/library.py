"""The routines a user can run: bundled ones, their own folder, and any extra folders."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from app.core.loader import LoadResult, Problem, load_file
from app.core.plan import routine_seconds
from app.core.routine import Routine

ORIGINS = ("bundled", "user", "extra")


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
        """A routine by id (later folders win: a user's copy shadows a bundled one) or by path."""
        as_path = Path(wanted).expanduser()
        if as_path.suffix in (".yaml", ".yml") or "/" in wanted:
            if as_path.is_file():
                return Entry(as_path, "extra", load_file(as_path), 0.0, 0)
            return None
        found = None
        for entry in self.scan():
            if entry.id == wanted:
                found = entry
        return found
