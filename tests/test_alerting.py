"""One way to get attention, for the program and for `unknot watch` alike."""

from __future__ import annotations

from unknot.core.words.alerts import Alert
from unknot.services.alerting import fan_out
from unknot.sound.attention import BELL
from unknot.store.config import Config

ALERT = Alert("Take the cold pack off now", "It is 1 minute over.", "critical", "pack")


def test_in_tmux_the_terminal_notification_is_wrapped_for_it(monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    written: list[str] = []
    fan_out(ALERT, Config(bell=True, desktop_notify=True), None, written.append)
    (sequence,) = written
    assert sequence.startswith(BELL + "\x1bPtmux;") and sequence.endswith("\x1b\\")
    assert "unknot: Take the cold pack off now" in sequence


def test_no_terminal_notification_when_they_are_off_and_no_bell_when_it_is(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    written: list[str] = []
    fan_out(ALERT, Config(bell=False, desktop_notify=False), None, written.append)
    assert written == []
    fan_out(ALERT, Config(bell=True, desktop_notify=False), None, written.append)
    assert written == [BELL]
