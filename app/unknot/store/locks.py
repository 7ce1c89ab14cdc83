"""Locks that say which running copy of the program owns something: an fcntl lock on a file
in the data folder, holding the owner's pid. The lock goes with the process, so a killed owner
hands over to the next copy that starts."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from unknot.store.paths import DataDirError
from unknot.store.regular import NotAFile, open_private


def _no_lock(path: Path, exc: OSError) -> None:
    # logging is imported only here: the status line takes this lock's module on every refresh
    import logging

    logging.getLogger("unknot.locks").warning("no lock on %s: %s", path, exc)


# Locks this process holds, by lock file: two users of the same lock in one process (the
# command line's and the full-screen app's) share the claim rather than fight themselves.
_held: dict[Path, int] = {}


class ProcessLock:
    def __init__(self, path: Path) -> None:
        self.path = path.absolute()

    def claim(self) -> bool:
        """Own it: True if this process does now (or already did), False if another running
        copy holds it. Where locks can't be taken at all (a folder that refuses the file, a
        file system without locks) it claims nothing and says True: what the lock guards then
        says what is wrong itself. DataDirError, saying what is there, when the lock's path is
        not a file (a symbolic link, a folder, a FIFO)."""
        if self.path in _held:
            return True
        try:
            fd = open_private(self.path, os.O_RDWR)
        except NotAFile as exc:
            # Something put where the lock goes (a link, a folder, a FIFO): never written
            # through, and never passed over in silence as a lock that "can't be taken".
            raise DataDirError(exc.errno, str(exc.strerror)) from exc
        except OSError as exc:
            _no_lock(self.path, exc)
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as exc:
            os.close(fd)
            _no_lock(self.path, exc)
            return True
        _held[self.path] = fd
        with contextlib.suppress(OSError):  # the pid is for messages; a full disk may refuse it
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return True

    def owner_pid(self) -> int | None:
        """This process's pid if it owns it, another's, 0 if another holds it but has not
        written its pid yet, None if no running copy owns it."""
        if self.path in _held:
            return os.getpid()
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                return int(text) if text.isdigit() else 0
            except OSError:
                return None
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def held_elsewhere(self) -> bool:
        pid = self.owner_pid()
        return pid is not None and pid != os.getpid()

    def release(self) -> None:
        fd = _held.pop(self.path, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
