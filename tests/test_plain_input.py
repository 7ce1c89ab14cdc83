"""Plain mode's input: one long line in linear time, and input closed before the start."""

import io
import os
import subprocess
import time

from tests.conftest import ROOT, TEST_ROUTINES
from unknot.core.clock import RealClock
from unknot.plain.lines import LineIO

MB = 1024 * 1024
QUICK = str(TEST_ROUTINES / "quick.yaml")


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_a_ten_megabyte_line_is_read_in_linear_time(tmp_path):
    path = tmp_path / "input"
    path.write_bytes(b"x" * (10 * MB) + b"\nnext\n")

    def plain_split() -> None:
        fd = os.open(path, os.O_RDONLY)
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        os.close(fd)
        assert len(b"".join(chunks).split(b"\n")) == 3

    lines: list[str | None] = []

    def line_io() -> None:
        with path.open() as handle:
            reader = LineIO(RealClock(), io.StringIO(), handle)
            lines[:] = [reader.read_line(), reader.read_line(), reader.read_line()]

    baseline = min(_timed(plain_split) for _ in range(3))
    took = min(_timed(line_io) for _ in range(2))
    assert len(lines[0]) == 10 * MB and lines[1:] == ["next", None]
    # Quadratic reading took over a hundred times as long as this baseline.
    assert took < 10 * baseline, (took, baseline)


def test_lines_split_across_reads_and_typed_ahead_come_out_whole(tmp_path):
    read, write = os.pipe()
    with os.fdopen(read) as inp:
        reader = LineIO(RealClock(), io.StringIO(), inp)
        os.write(write, b"first\nsec")
        assert reader.read_line() == "first"
        assert reader.read_line(deadline=RealClock().now()) is None  # half a line: not yet
        os.write(write, b"ond\nthird\n")
        assert reader.read_line() == "second"
        assert reader.read_line() == "third"
        os.write(write, b"last without newline")
        os.close(write)
        assert reader.read_line() == "last without newline"
        assert reader.read_line() is None and reader.eof


def test_a_run_with_input_closed_completes():
    # `<&-`: the program starts with no file descriptor 0 at all, so sys.stdin is None
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m unknot run "$1" --plain --speed 100 <&-', _python(), QUICK],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "done: Quick test routine completed" in result.stdout
    assert "(end of input: continuing)" in result.stdout  # a preview asks no pain


def _python() -> str:
    import sys

    return sys.executable
