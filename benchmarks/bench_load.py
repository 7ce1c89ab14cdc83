"""Loading and validating routine files, against PyYAML's C loader just parsing them."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.common import Result, interleaved
from unknot.store.library import load_file

BUNDLED = Path(__file__).resolve().parent.parent / "routines"


def make_files(folder: Path, count: int) -> list[Path]:
    sources = [p.read_text() for p in sorted(BUNDLED.glob("*.yaml"))]
    paths = []
    for i in range(count):
        text = sources[i % len(sources)].replace("name: ", f"name: R{i} ", 1)
        path = folder / f"routine-{i:04d}.yaml"
        path.write_text(text)
        paths.append(path)
    return paths


def run(quick: bool = False) -> Result:
    count = 200 if quick else 2000
    runs = 1 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), count)

        def bare() -> float:
            start = time.perf_counter()
            for path in paths:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
            return time.perf_counter() - start

        def ours() -> float:
            start = time.perf_counter()
            for path in paths:
                assert load_file(path).ok
            return time.perf_counter() - start

        ours_s, bare_s = interleaved(runs, ours, bare)
    return Result(
        f"load {count} routine files",
        ours_s * 1000,
        bare_s * 1000,
        "ms",
        1.5,
        "unknot loads and fully validates; the baseline only parses with yaml.CSafeLoader",
    )
