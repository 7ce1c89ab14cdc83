"""Run every benchmark and print a table of ratios against baselines measured in the same run.

python -m benchmarks.run           the full run (a few minutes)
python -m benchmarks.run --quick   a short run that only proves the benchmarks work
"""

from __future__ import annotations

import argparse
import sys

from benchmarks import bench_load
from benchmarks.common import table

BENCHMARKS = [bench_load.run]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run; figures are rough")
    args = parser.parse_args(argv)
    results = []
    for bench in BENCHMARKS:
        print(f"running {bench.__module__} ...", file=sys.stderr, flush=True)
        results.append(bench(quick=args.quick))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
