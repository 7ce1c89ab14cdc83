"""Desktop notifications against a real private D-Bus session bus and a small notification
server that records every Notify call; and no error, no delay, where there is no desktop."""

import html
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, need
from unknot.core.clock import FakeClock
from unknot.core.engine.therapy import Therapy, TherapySpec
from unknot.core.text import one_line
from unknot.core.words.alerts import therapy_alert
from unknot.sound.notify import Notifier, session_bus_address

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>{listen}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Bus:
    """A private session bus of its own (no service activation: nothing starts by itself)."""

    def __init__(self, folder: Path, listen: str | None = None) -> None:
        config = folder / "bus.conf"
        config.write_text(CONFIG.format(listen=listen or f"unix:tmpdir={folder}"))
        self.process = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # as root it says it can't raise its file limit
            text=True,
        )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        assert self.address.startswith("unix:"), self.address

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Server:
    """tests/notification_server.py on the bus; `received` is what it was sent."""

    def __init__(self, bus: Bus, record: Path, *flags: str) -> None:
        self.record = record
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "notification_server.py"),
                bus.address,
                str(record),
                *flags,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"

    def received(self) -> list[dict]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def folder() -> Iterator[Path]:
    # A short path: a socket's path must fit in about a hundred bytes.
    path = Path(tempfile.mkdtemp(prefix="unknot-bus-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def bus(folder) -> Iterator[Bus]:
    need(shutil.which("dbus-daemon") is not None, "dbus-daemon")
    running = Bus(folder)
    yield running
    running.stop()


@pytest.fixture
def server(bus, folder) -> Iterator[Server]:
    running = Server(bus, folder / "received.jsonl")
    yield running
    running.stop()


def notifier_on(bus: Bus, **kw) -> Notifier:
    return Notifier(env={"DBUS_SESSION_BUS_ADDRESS": bus.address}, **kw)


def test_a_notification_reaches_the_desktop(bus, server):
    notifier = notifier_on(bus)
    notifier.notify("Remove it now", "Take the cold pack off now.", "critical").result(10)
    notifier.notify("Reminder", "Time to move").result(10)
    assert server.received() == [
        {
            "app": "unknot",
            "replaces": 0,
            "summary": "Remove it now",
            "body": "Take the cold pack off now.",
            "actions": [],
            "urgency": 2,
            "expire": -1,
        },
        {
            "app": "unknot",
            "replaces": 0,
            "summary": "Reminder",
            "body": "Time to move",
            "actions": [],
            "urgency": 1,
            "expire": -1,
        },
    ]
    assert notifier.available is True
    notifier.close()


def test_a_repeating_pack_alarm_replaces_its_own_notification(bus, server):
    clock = FakeClock()
    spec = TherapySpec("heat", on=300, off=1200)
    therapy = Therapy(spec, clock)
    notifier = notifier_on(bus)
    therapy.subscribe(lambda e: (alert := therapy_alert(e, spec)) and notifier.send(alert))
    therapy.start()
    clock.advance(300)
    therapy.update()
    notifier.notify("Reminder", "Time to move")
    clock.advance(65)
    therapy.update()
    notifier.close(10)
    first, other, again = server.received()
    assert (first["summary"], first["urgency"], first["replaces"]) == ("Remove it now", 2, 0)
    assert other["replaces"] == 0
    assert again["replaces"] == notifier.sent[0].id != 0
    assert again["body"] == "Take the heat pack off now. Overdue by 1:05."


def test_text_stays_text_on_a_server_that_reads_markup(bus, folder):
    server = Server(bus, folder / "markup.jsonl", "--markup")
    try:
        notifier = notifier_on(bus)
        title, body = "<b>Re\x1b]0;x\x07minder", "Stretch <i>&</i> move\n\x1b[31mnow"
        notifier.notify(title, body).result(10)
        (got,) = server.received()
        assert got["summary"] == one_line(title)  # the title is never markup
        assert got["summary"].startswith("<b>Re") and "\x1b" not in got["summary"]
        assert got["body"] == html.escape(one_line(body), quote=False)
        assert got["body"].startswith("Stretch &lt;i&gt;&amp;&lt;/i&gt; move ")
    finally:
        server.stop()


def test_a_server_without_markup_gets_the_words_as_they_are(bus, server):
    notifier_on(bus).notify("Reminder", "Stretch <i>&</i> move").result(10)
    assert server.received()[0]["body"] == "Stretch <i>&</i> move"


def test_switched_off_by_the_setting_it_sends_nothing(bus, server):
    notifier = notifier_on(bus, enabled=False)
    assert notifier.notify("Reminder", "Time to move") is None
    assert notifier.check() is None
    probe = notifier_on(bus)
    probe.notify("Reminder", "probe").result(10)  # the server is there and answering
    assert [r["body"] for r in server.received()] == ["probe"]


def test_the_user_bus_under_xdg_runtime_dir_is_found(folder):
    need(shutil.which("dbus-daemon") is not None, "dbus-daemon")
    runtime = folder / "run"
    runtime.mkdir()
    bus = Bus(folder, listen=f"unix:path={runtime}/bus")
    server = Server(bus, folder / "xdg.jsonl")
    try:
        env = {"XDG_RUNTIME_DIR": str(runtime)}
        assert session_bus_address(env) == f"unix:path={runtime}/bus"
        Notifier(env=env).notify("Reminder", "Time to move").result(10)
        assert [r["body"] for r in server.received()] == ["Time to move"]
    finally:
        server.stop()
        bus.stop()


def test_with_no_bus_at_all_nothing_fails_and_nothing_waits(folder, capfd):
    notifier = Notifier(env={"XDG_RUNTIME_DIR": str(folder)})  # no bus socket in it
    assert session_bus_address({"XDG_RUNTIME_DIR": str(folder)}) is None
    started = time.perf_counter()
    future = notifier.notify("Remove it now", "Take the cold pack off now.", "critical")
    future.result(5)  # raises if the worker raised
    assert time.perf_counter() - started < 1.0
    assert notifier.available is False and notifier.sent == []
    notifier.notify("Reminder", "Time to move").result(5)  # remembered: not tried again
    assert capfd.readouterr() == ("", "")


def test_a_bus_with_no_notification_server_is_no_desktop(bus, capfd):
    notifier = notifier_on(bus)
    started = time.perf_counter()
    notifier.notify("Reminder", "Time to move").result(5)
    assert time.perf_counter() - started < 1.0  # the bus says at once that nobody is there
    assert notifier.available is False
    assert capfd.readouterr() == ("", "")


def test_a_server_that_never_answers_never_holds_up_the_caller(bus, folder):
    silent = Server(bus, folder / "silent.jsonl", "--silent")
    try:
        notifier = notifier_on(bus, timeout=0.3)
        started = time.perf_counter()
        futures = [notifier.notify("Reminder", f"Time to move {i}") for i in range(3)]
        assert time.perf_counter() - started < 0.1  # handed to the worker, not sent
        for future in futures:
            future.result(5)
        assert notifier.available is False
    finally:
        silent.stop()


def test_a_wedged_bus_that_never_answers_costs_only_the_time_limit(folder):
    """A socket that takes the connection and then says nothing (a stopped bus daemon)."""
    wedged = socket.socket(socket.AF_UNIX)
    wedged.bind(str(folder / "bus"))
    wedged.listen(4)
    try:
        notifier = Notifier(env={"XDG_RUNTIME_DIR": str(folder)}, timeout=0.3)
        started = time.perf_counter()
        future = notifier.notify("Reminder", "Time to move")
        assert time.perf_counter() - started < 0.1
        future.result(5)
        assert 0.25 < time.perf_counter() - started < 3
        assert notifier.available is False
        notifier.close(1)
    finally:
        wedged.close()


def test_a_bus_that_goes_away_is_no_error(bus, server):
    notifier = notifier_on(bus)
    notifier.notify("Reminder", "one").result(10)
    server.stop()
    bus.stop()
    notifier.notify("Reminder", "two").result(10)
    assert notifier.available is False
    assert [s.body for s in notifier.sent] == ["one"]


def test_check_finds_out_in_the_background(bus, server):
    notifier = notifier_on(bus)
    assert notifier.available is None
    notifier.check().result(10)
    assert notifier.available is True
    assert server.received() == []  # finding out shows nothing
