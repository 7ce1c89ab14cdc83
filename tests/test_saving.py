"""The storage boundary on a real full disk: a failed save is SaveFailed with one line, and
nothing else; the alarm is said before any save is tried, and the timer runs on."""

import json

import pytest

from tests.conftest import make_plain
from tests.mounts import fill, tmpfs
from unknot.core.clock import FakeClock
from unknot.core.engine.reminders import ReminderBook
from unknot.core.engine.therapy import Phase, Therapy, TherapySpec
from unknot.store.checks import Remembered
from unknot.store.statefile import SaveFailed, StateFile
from unknot.store.timers import TimerStore


@pytest.fixture
def full(tmp_path):
    with tmpfs(tmp_path / "small") as folder:
        yield folder


def test_a_save_on_a_full_disk_is_save_failed_with_one_line_and_the_old_file_kept(full):
    state = StateFile(full / "therapy.json")
    state.write({"kept": 1})
    fill(full)
    with pytest.raises(SaveFailed) as failed:
        state.write({"kept": 2, "padding": "x" * 20000})
    message = str(failed.value)
    assert "\n" not in message
    assert message == f"could not save {full / 'therapy.json'}: No space left on device"
    assert json.loads((full / "therapy.json").read_text()) == {"kept": 1}
    assert sorted(p.name for p in full.iterdir()) == ["filler", "therapy.json"]  # no temp left


def test_values_json_cannot_hold_are_save_failed_too(tmp_path):
    state = StateFile(tmp_path / "x.json")
    for bad in ({"deadline": float("nan")}, {"every": float("inf")}, {"x": object()}):
        with pytest.raises(SaveFailed, match="not savable"):
            state.write(bad)
    assert not (tmp_path / "x.json").exists()


def test_timers_and_reminders_fail_only_with_save_failed_on_a_full_disk(full):
    clock = FakeClock()
    store = TimerStore(full)
    therapy = Therapy(TherapySpec("ice", 120), clock)
    therapy.start()
    fill(full)
    with pytest.raises(SaveFailed):
        store.save_therapy(therapy)
    book = ReminderBook()
    book.add_every(2700, clock.wall())
    with pytest.raises(SaveFailed):
        store.save_reminders(book)
    # the once-a-day notes are only noted as not kept: a question asked again tomorrow
    remembered = Remembered(full)
    remembered.notice_seen()
    assert "No space left on device" in remembered.problem


def test_plain_says_remove_it_now_on_a_full_disk_and_runs_to_the_end(full):
    clock = FakeClock()
    face, out = make_plain(full, clock, "o\ny\n")
    fill(full)
    face.visit.start_therapy(TherapySpec("ice", 120, 1200, 1))
    assert face.run(lambda: face.visit.therapy is None and face.visit.prompt is None) == 0
    text = out.getvalue()
    assert "02:00.0 REMOVE IT NOW: take the cold pack off" in text
    # said once, after the first thing it failed to keep, and never again while it still fails
    assert text.count("could not save its timers") == 1
    assert text.index("ice 1/1: ON") < text.index("could not save its timers")
    assert "No space left on device" in text
    assert text.rstrip().endswith("done: ice, 1 application")


def test_a_save_that_fails_never_keeps_the_alarm_from_the_other_listeners(full):
    clock = FakeClock()
    store = TimerStore(full)
    therapy = Therapy(TherapySpec("ice", 120), clock)
    therapy.subscribe(lambda event: store.save_therapy(therapy))  # the first to hear: fails
    heard = []
    therapy.subscribe(lambda event: heard.append(event.name.value))  # the sound, the screen
    therapy.start()
    fill(full)
    clock.advance(120)
    with pytest.raises(SaveFailed):
        therapy.update()
    assert heard == ["started", "remove"]
    assert therapy.phase is Phase.REMOVE
    clock.advance(30)
    with pytest.raises(SaveFailed):
        therapy.update()
    assert heard[-1] == "alarm"
