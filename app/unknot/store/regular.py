"""Opening files that should be regular files: never a hang on a FIFO or a device, and never
writing through a symbolic link.

A FIFO named like a routine, a sound or a saved timer would block an ordinary open() until
something writes to it; opened without blocking and checked with fstat, it is an error on that
name alone. A file the program writes in its own folders (a lock, the log, the history) is
opened without following a symbolic link: a link there would have the program truncate,
append to or change the mode of whatever it points at.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class NotAFile(OSError):
    """A path that is a FIFO, a device, a folder or (to write) a symbolic link where a file
    was expected. The message says which, and what to do."""


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[int]:
    """A descriptor for a regular file, opened read-only without blocking."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(f"{path.name} is not a regular file")
        yield fd
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file (one more than allowed tells "too big")."""
    with open_regular(path) as fd:
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((word for test, word in _KINDS if test(mode)), "a device")


def open_private(path: Path, flags: int = os.O_WRONLY) -> int:
    """A descriptor to write `path`, created if missing, as a regular file only its owner can
    read (0600; tightened if looser). Never follows a symbolic link and never blocks: a link,
    a folder, a FIFO or a device there is NotAFile, saying what it is. The caller closes it."""
    flags |= os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(
                exc.errno,
                f"{path} is a symbolic link; unknot does not write through links: move it away",
            ) from exc
        if exc.errno in (errno.EISDIR, errno.ENXIO):  # ENXIO: a FIFO nobody reads
            try:
                what = _kind(os.lstat(path).st_mode)
            except OSError:
                raise exc from None
            raise NotAFile(exc.errno, f"{path} is {what}, not a file: move it away") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(
                errno.EINVAL, f"{path} is {_kind(info.st_mode)}, not a file: move it away"
            )
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd
