"""The benchmarks run (quickly) and print their table; their figures are not judged here."""

import shutil
import subprocess
import sys

from tests.conftest import ROOT, need


def test_benchmarks_run_in_quick_mode():
    need(shutil.which("tmux") is not None, "tmux")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows[1:]]
    expected = ["first frame", "memory", "timer lateness", "load 200 routine files",
                "CPU, 20-minute ice timer", "CPU, a routine step"]  # fmt: skip
    assert len(names) == len(expected)
    assert all(name.startswith(prefix) for name, prefix in zip(names, expected, strict=True))
    for row in rows[1:]:
        ratio = row.split("|")[4].strip()
        assert ratio.endswith("×") and float(ratio[:-1]) > 0
