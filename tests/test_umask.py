"""Under any umask (000 included) the folders unknot makes are its owner's alone: the
config folder and the data folder, and any folder above them it had to make."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from tests.conftest import ROOT


def run_with_umask_000(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "unknot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=str(ROOT),
        preexec_fn=lambda: os.umask(0),  # a real umask in the real process
    )


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_made_under_umask_000_are_private(isolated_home):
    env = {
        k: v for k, v in os.environ.items() if k not in ("UNKNOT_ROUTINES_DIR", "UNKNOT_DATA_DIR")
    }
    made = run_with_umask_000("new", "my-back", env=env)
    assert made.returncode == 0, made.stderr
    config = isolated_home / ".config"
    for folder in (config, config / "unknot", config / "unknot" / "routines"):
        assert mode(folder) == 0o700, folder
    assert mode(config / "unknot" / "routines" / "my-back.yaml") == 0o600
    saved = run_with_umask_000("history", env=env)
    assert saved.returncode == 0, saved.stderr
    share = isolated_home / ".local" / "share"
    for folder in (isolated_home / ".local", share, share / "unknot"):
        assert mode(folder) == 0o700, folder
