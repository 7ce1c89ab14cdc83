"""Small JSON state files in the data folder, written so a crash never leaves half a file.

Reading treats the file as hostile (it may be damaged, hand-edited, huge, a FIFO, or hold
NaN): anything that isn't a plain JSON object is moved aside with a one-line message. Writing
has one failure contract: `SaveFailed`, with a one-line message, and nothing else.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

from unknot.store.paths import ensure_private_dir
from unknot.store.regular import NotAFile, open_private, read_regular

MAX_STATE_BYTES = 1024 * 1024  # the largest state file is a few kilobytes


class SaveFailed(Exception):
    """A state file could not be written (a full disk, a read-only folder...). The message is
    one line; whatever was in memory is still right, and the next save tries again."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"could not save {path}: {why}")
        self.path = path


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number a saved file may hold")


NOTES = "set-aside.txt"  # files moved aside that the person has not been told of yet


def note_set_aside(data_dir: Path, text: str) -> None:
    """Keep `text` to be said by the next command: the one that moved the file aside may
    have nowhere to say it (a status bar drops its stderr)."""
    with contextlib.suppress(OSError):
        fd = open_private(data_dir / NOTES, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, (" ".join(text.split()) + "\n").encode("utf-8", "replace"))
        finally:
            os.close(fd)


def take_notes(data_dir: Path) -> list[str]:
    """What was moved aside since it was last said, each once; said now, so forgotten."""
    path = data_dir / NOTES
    try:
        data = read_regular(path, MAX_STATE_BYTES)
    except OSError:
        return []
    with contextlib.suppress(OSError):
        path.unlink()
    lines = data.decode("utf-8", "replace").splitlines()
    return list(dict.fromkeys(line for line in lines if line.strip()))


class StateFile:
    """One JSON document. A file that can't be read is moved aside and reported, not fatal.
    `meaning`: what losing it means to the person, said with it; with `noted`, it is also
    kept to be said by the next command (see `take_notes`)."""

    def __init__(self, path: Path, meaning: str = "", noted: bool = True) -> None:
        self.path = path
        self.meaning = meaning
        self.noted = noted
        self.problem: str | None = None

    def read(self) -> dict[str, Any]:
        try:
            data = read_regular(self.path, MAX_STATE_BYTES)
        except FileNotFoundError:
            return {}
        except NotAFile:
            self.set_aside("it is not a regular file")
            return {}
        except OSError as exc:
            self.problem = f"can't read {self.path}: {exc.strerror or exc}"
            return {}
        if len(data) > MAX_STATE_BYTES:
            self.set_aside(f"it is larger than {MAX_STATE_BYTES // 1024} KiB")
            return {}
        try:
            value = json.loads(data.decode("utf-8"), parse_constant=_no_constants)
        except (ValueError, RecursionError):  # RecursionError: [[[[... nested a million deep
            self.set_aside("it was damaged")
            return {}
        if not isinstance(value, dict):
            self.set_aside("it was damaged")
            return {}
        return value

    def set_aside(self, why: str) -> None:
        """Move an unreadable file out of the way, keeping it for a look later."""
        stamp = f"{self.path.name}.corrupt-{int(time.time())}"
        aside = self.path.with_name(stamp)
        for more in range(1, 100):  # never over one set aside earlier in the same second
            if not os.path.lexists(aside):
                break
            aside = self.path.with_name(f"{stamp}-{more}")
        why = " ".join(why.split())
        meaning = f"; {self.meaning}" if self.meaning else ""
        try:
            os.replace(self.path, aside)
        except OSError:
            self.problem = f"{self.path} could not be used ({why}) or moved aside{meaning}"
            return
        self.problem = f"{self.path} could not be used ({why}); it was moved to {aside}{meaning}"
        if self.noted:
            note_set_aside(self.path.parent, self.problem)

    def version(self) -> tuple[int, int, int] | None:
        """Which version of the file is there, None if none: each save is a new file renamed
        over the old (a new inode, even within one clock tick at the same size), and a hand
        edit changes its time or size. One stat, so a copy can look every second."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def remove(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise SaveFailed(self.path, exc.strerror or str(exc)) from exc

    def write(self, data: dict[str, Any]) -> None:
        """Temp file, fsync, rename: the old or the new document, never a mix. Raises
        SaveFailed, and only that, if it can't."""
        try:
            text = json.dumps(data, indent=1, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise SaveFailed(self.path, f"not savable ({exc})") from exc
        try:
            self._write(text)
        except OSError as exc:
            raise SaveFailed(self.path, str(exc.strerror or exc)) from exc

    def _write(self, text: str) -> None:
        ensure_private_dir(self.path.parent)
        import tempfile  # only to write: `unknot status` reads and never pays for it

        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        try:
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            with contextlib.suppress(OSError):
                os.fsync(dir_fd)  # makes the rename itself durable; not every file system can
        finally:
            os.close(dir_fd)

    def update(self, **changes: Any) -> dict[str, Any]:
        data = self.read()
        data.update(changes)
        self.write(data)
        return data
