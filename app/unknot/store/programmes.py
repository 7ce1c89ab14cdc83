"""Programme files on disk, and the one programme the person follows.

Programme files live in a `programmes/` folder beside routines: the bundled ones, the user's
(`~/.config/unknot/routines/programmes/`) and in each `--routines DIR`. Which programme is
followed, and since which day, is kept in the data folder (`programme.json`), read as hostile
like every other saved file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unknot.core.format.loader import ID_PATTERN, MAX_BYTES, Problem, file_too_big
from unknot.core.format.programme import Programme
from unknot.core.format.programme_reader import ProgrammeResult, load_programme_bytes
from unknot.core.format.routine import Routine
from unknot.core.savedstate import TEXT_MOST, SavedStateError
from unknot.store.library import Library, routine_files
from unknot.store.regular import NotAFile, read_regular
from unknot.store.statefile import StateFile

FOLDER = "programmes"
STATE_FILE = "programme.json"


def load_programme_file(
    path: Path, routines: dict[str, Routine | None] | None = None
) -> ProgrammeResult:
    """Read and check one programme file. Never raises for anything in the file or the path."""
    shown = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotAFile:
        return ProgrammeResult(
            None, [Problem(shown, 1, 1, "this is not a regular file; a programme is a .yaml file")]
        )
    except OSError as exc:
        return ProgrammeResult(
            None, [Problem(shown, 1, 1, f"can't read the file: {exc.strerror or exc}")]
        )
    if len(data) > MAX_BYTES:
        return ProgrammeResult(None, [file_too_big(shown, len(data))])
    return load_programme_bytes(data, shown, path.stem, routines)


def known_routines(library: Library) -> dict[str, Routine | None]:
    """Every routine id a programme may name (None for a file with errors)."""
    return {entry.id: entry.routine for entry in library.scan()}


@dataclass
class ProgrammeEntry:
    path: Path
    origin: str
    result: ProgrammeResult

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def programme(self) -> Programme | None:
        return self.result.programme


def programme_folders(library: Library) -> list[tuple[str, Path]]:
    return [(origin, folder / FOLDER) for origin, folder in library.folders]


def scan(library: Library) -> list[ProgrammeEntry]:
    """Every programme file, checked against the library's routines. A later folder's file of
    the same id shadows an earlier one, as with routines."""
    routines = known_routines(library)
    found: dict[str, ProgrammeEntry] = {}
    for origin, folder in programme_folders(library):
        for path in routine_files(folder):
            found[path.stem] = ProgrammeEntry(path, origin, load_programme_file(path, routines))
    return list(found.values())


def find(library: Library, programme_id: str) -> ProgrammeEntry | None:
    """One programme by id, read alone (not every file in the folders)."""
    found = None
    for origin, folder in programme_folders(library):
        for suffix in (".yaml", ".yml"):
            path = folder / f"{programme_id}{suffix}"
            if path.is_file():
                found = (origin, path)
    if found is None or not ID_PATTERN.match(programme_id):
        return None
    origin, path = found
    return ProgrammeEntry(path, origin, load_programme_file(path, known_routines(library)))


# --- the programme followed -------------------------------------------------------------------


@dataclass(frozen=True)
class Following:
    programme: str  # its id
    started: dt.date


def _check(data: dict[str, Any]) -> Following | None:
    if not data:
        return None
    programme, started = data.get("programme"), data.get("started")
    if (
        not isinstance(programme, str)
        or len(programme) > TEXT_MOST
        or not ID_PATTERN.match(programme)
    ):
        raise SavedStateError("programme is not a programme id")
    if not isinstance(started, str) or len(started) > 10:
        raise SavedStateError("started is not a date")
    try:
        day = dt.date.fromisoformat(started)
    except ValueError as exc:
        raise SavedStateError("started is not a date") from exc
    return Following(programme, day)


class FollowedProgramme:
    """`programme.json`: which programme, since which day. A file that is not what this
    program wrote is moved aside (see `problem`); no programme is followed then."""

    def __init__(self, data_dir: Path) -> None:
        self.file = StateFile(
            data_dir / STATE_FILE,
            "unknot no longer knows which programme you follow: start it again with "
            "'unknot programme start ID --on YYYY-MM-DD' (your history is kept)",
        )

    @property
    def problem(self) -> str | None:
        return self.file.problem

    def current(self) -> Following | None:
        data = self.file.read()
        try:
            return _check(data)
        except SavedStateError as exc:
            self.file.set_aside(str(exc))
            return None

    def follow(self, programme_id: str, started: dt.date) -> None:
        """Raises SaveFailed (one line) if it can't be kept."""
        self.file.write({"programme": programme_id, "started": started.isoformat()})

    def stop(self) -> None:
        self.file.remove()
