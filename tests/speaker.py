"""A stand-in speech engine for the voice tests: a real process that reads its words from
standard input as espeak-ng does, and writes what happens to it to a log.

    python tests/speaker.py LOG FIFO

Words that contain "hold" keep it speaking until a line arrives on FIFO (so a test decides
when it finishes, without waiting on a clock); anything else finishes at once. Being stopped
(SIGTERM) is logged as "cut".
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path


def main(log: Path, fifo: Path) -> int:
    words = sys.stdin.readline().strip()

    def write(what: str) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{what} {words}\n")

    def cut(signum: int, frame: object) -> None:
        write("cut")
        sys.exit(0)

    signal.signal(signal.SIGTERM, cut)
    write("start")
    if "hold" in words:
        with fifo.open(encoding="utf-8") as release:
            release.readline()
    write("end")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
