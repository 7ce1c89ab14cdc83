"""Opening files that should be regular files: never a hang on a FIFO or a device.

A FIFO named like a routine, a sound or a saved timer would block an ordinary open() until
something writes to it; opened without blocking and checked with fstat, it is an error on that
name alone.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class NotAFile(OSError):
    """A path that is a FIFO, a device or a folder where a file was expected."""


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
