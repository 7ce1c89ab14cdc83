"""Small JSON state files in the data folder, written so a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from unknot.store.paths import ensure_private_dir


class StateFile:
    """One JSON document. A file that can't be read is moved aside and reported, not fatal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None

    def read(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self.problem = f"can't read {self.path}: {exc.strerror}"
            return {}
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except ValueError:
            self.set_aside("it was damaged")
            return {}
        return data

    def set_aside(self, why: str) -> None:
        """Move an unreadable file out of the way, keeping it for a look later."""
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
            self.problem = f"{self.path} could not be used ({why}); it was moved to {aside}"
        except OSError:
            self.problem = f"{self.path} could not be used ({why}) or moved aside"

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def write(self, data: dict[str, Any]) -> None:
        """Temp file, fsync, rename: the old or the new document, never a mix."""
        ensure_private_dir(self.path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, sort_keys=True)
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
