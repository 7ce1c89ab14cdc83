"""A real process whose wall clock is set back or forward while a pack is on (libfaketime,
driven through its timestamp file): the remove-it-now alarm still comes on time."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, need

FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


@pytest.mark.parametrize(("offset", "way"), [("-1h", "back"), ("+1h", "forward")])
def test_a_wall_clock_set_while_a_pack_is_on_never_moves_the_alarm(tmp_path, offset, way):
    need(FAKETIME.exists(), "libfaketime (the faketime package)")
    setting = tmp_path / "faketime"
    setting.write_text("+0\n")
    env = {
        **os.environ,
        "LD_PRELOAD": str(FAKETIME),
        "FAKETIME_TIMESTAMP_FILE": str(setting),
        "FAKETIME_NO_CACHE": "1",
        "DONT_FAKE_MONOTONIC": "1",  # the boot clock stays true, as it does on a real machine
        "UNKNOT_DATA_DIR": str(tmp_path / "data"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "unknot", "ice", "--on", "1m", "--speed", "60", "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert "not medical advice" in process.stdout.readline()
        assert "sound: muted" in process.stdout.readline()
        assert "ice 1/1: ON for 1m" in process.stdout.readline()
        began = time.monotonic()
        setting.write_text(f"{offset}\n")  # one second of pack time left, at ×60
        jumped = process.stdout.readline()
        remove = process.stdout.readline()
        took = time.monotonic() - began
    finally:
        process.kill()
        process.wait(timeout=10)
    assert f"The computer's clock was set {way} by 1:00:00" in jumped
    # Not overdue by the jump: at ×60 a machine busy for a few hundredths of a second may
    # make it a pack-second or two late, never the hour the clock moved.
    late = re.search(
        r"REMOVE IT NOW: take the cold pack off(?: \(overdue by 00:(\d\d)\))?$", remove
    )
    assert late is not None, remove
    assert int(late[1] or 0) < 30, remove
    assert took < 10, took  # an hour late before, or overdue by an hour at once
