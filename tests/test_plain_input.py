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


def test_at_a_terminal_a_line_that_answers_nothing_is_said_not_kept(tmp_path):
    """A person at a terminal answers a question once it is asked: a stray word typed while
    nothing is asked is told as unknown at once, never kept to answer the next question (a
    stray 'o' must not become "the pack is off" when the alarm comes)."""
    from tests.conftest import BUNDLED, make_context
    from unknot.core.clock import FakeClock
    from unknot.plain.face import PlainFace
    from unknot.services.runtime import VisitRuntime
    from unknot.store.library import Library

    main, person = os.openpty()
    os.write(main, b"o\n")
    clock = FakeClock()
    out = io.StringIO()
    with os.fdopen(person, "r") as terminal:
        line_io = LineIO(clock, out, terminal)
        assert line_io.interactive
        runtime = VisitRuntime(
            make_context(tmp_path, clock), Library([("bundled", BUNDLED)]), line_io.signal
        )
        face = PlainFace(runtime, line_io)
        face.run(lambda: "unknown key" in out.getvalue() or bool(line_io.pending))
        assert line_io.pending == []
    os.close(main)
    assert "unknown key 'o'" in out.getvalue()
