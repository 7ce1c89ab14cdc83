"""Run every benchmark and print a table of ratios against baselines measured in the same run.

python -m benchmarks.run           the full run (a few minutes)
python -m benchmarks.run --quick   a short run that only proves the benchmarks work
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from benchmarks import (
    bench_cli,
    bench_cpu,
    bench_library,
    bench_load,
    bench_start,
    bench_status,
    bench_timing,
)
from benchmarks.common import precompile, table

BENCHMARKS = [
    bench_start.run,
    bench_timing.run,
    bench_load.run,
    bench_library.run,
    bench_status.run,
    bench_cli.run,
    partial(bench_cpu.run, what="ice"),
    partial(bench_cpu.run, what="routine"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run; figures are rough")
    args = parser.parse_args(argv)
    precompile()
    results = []
    for bench in BENCHMARKS:
        target = bench.func if isinstance(bench, partial) else bench
        print(
            f"running {target.__module__} {bench.keywords if isinstance(bench, partial) else ''}",
            file=sys.stderr,
            flush=True,
        )
        got = bench(quick=args.quick)
        results.extend(got if isinstance(got, list) else [got])
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
