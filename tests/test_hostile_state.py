"""Every saved file read as hostile: fuzzed JSON values in real files never crash a start;
anything out of shape is moved aside with one line and a fresh start."""

import json
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from unknot.core.clock import FakeClock
from unknot.core.engine.therapy import Phase, Therapy, TherapySpec
from unknot.core.safety.daystop import DayStop
from unknot.store.checks import Remembered
from unknot.store.statefile import StateFile
from unknot.store.timers import TimerStore

CLOCK = FakeClock()
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**20, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=20))
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _valid_therapy() -> dict:
    therapy = Therapy(TherapySpec("ice", 1200, 1200, 2), CLOCK)
    therapy.start()
    return therapy.to_state()


def _valid_reminders() -> dict:
    return {
        "reminders": [
            {
                "id": 1,
                "text": "Move",
                "due": CLOCK.wall() + 60,
                "every": 2700.0,
                "routine": None,
                "paused_left": None,
            }
        ]
    }


def near(valid: dict):
    """A valid document with some of its values (at any depth of one) replaced."""
    return st.dictionaries(st.sampled_from(sorted(valid)), values, max_size=4).map(
        lambda changes: {**valid, **changes}
    )


def write_raw(path, document) -> None:
    # json.dumps writes NaN and Infinity as bare words, just as a damaged or edited file may
    path.write_text(json.dumps(document))


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(document=st.one_of(values, near(_valid_therapy())))
def test_a_fuzzed_timer_file_never_crashes_and_never_holds_a_pack_on_too_long(tmp_path, document):
    path = tmp_path / "therapy.json"
    write_raw(path, document)
    store = TimerStore(tmp_path)
    therapy = store.load_therapy(CLOCK)
    if therapy is None:
        if path.exists():  # kept only if it was a timer that had already finished
            assert store.problems == []
        else:
            assert len(store.problems) == 1 and "take it off now" in store.problems[0]
        for aside in tmp_path.glob("therapy.json.corrupt-*"):
            aside.unlink()
        store.acknowledge_lost()  # read: the next example starts with nothing to say
        return
    left = therapy.remaining()
    on = therapy.spec.on / therapy.spec.speed
    assert left is None or (math.isfinite(left) and 0 <= left <= on)
    if therapy.phase is Phase.REMOVE:
        assert therapy.next_deadline() <= CLOCK.now() + 30
    therapy.update()  # and it runs


@SETTINGS
@given(
    document=st.one_of(
        values, near(_valid_reminders()), st.builds(lambda item: {"reminders": [item]}, values)
    )
)
def test_a_fuzzed_reminders_file_never_crashes(tmp_path, document):
    write_raw(tmp_path / "reminders.json", document)
    store = TimerStore(tmp_path)
    book = store.load_reminders()
    for reminder in book.reminders:
        assert math.isfinite(reminder.due)
    book.next_due()
    book.due(CLOCK.wall())
    store.save_reminders(book)  # what was read can always be written back


@SETTINGS
@given(document=values)
def test_a_fuzzed_checks_file_never_crashes(tmp_path, document):
    write_raw(tmp_path / "checks.json", document)
    remembered = Remembered(tmp_path)
    remembered.daily_check_due(CLOCK_DATE)
    remembered.nudge_due(CLOCK.wall())
    remembered.theme()
    remembered.notice_due()


CLOCK_DATE = __import__("datetime").date(2026, 6, 1)


def _valid_day_stop() -> dict:
    return DayStop.reported("urgent", "Fever", "fever", "Stop.", CLOCK.wall()).to_state()


@SETTINGS
@given(document=st.one_of(values, near(_valid_day_stop())))
def test_a_fuzzed_stop_file_never_crashes_and_a_lost_stop_is_said(tmp_path, document):
    """The day's emergency or urgent stop: read back whole, or set aside with what to do."""
    path = tmp_path / "stop.json"
    write_raw(path, document)
    store = TimerStore(tmp_path)
    stop = store.load_day_stop(CLOCK.wall())
    if stop is not None:
        assert stop.level in ("emergency", "urgent") and stop.holds(CLOCK.wall())
        assert store.problems == []
        store.save_day_stop(stop)  # what was read can always be written back
    elif not path.exists():
        assert len(store.problems) == 1 and "do what the safety stop said" in store.problems[0]
        for aside in tmp_path.glob("stop.json.corrupt-*"):
            aside.unlink()


def test_state_files_that_are_not_plain_json_objects_are_moved_aside(tmp_path):
    cases = {
        "nan": '{"x": NaN}',
        "inf": '{"due": Infinity}',
        "deep": "[" * 100_000 + "]" * 100_000,
        "digits": '{"x": ' + "9" * 5000 + "}",
        "list": "[1, 2]",
        "binary": "\udcff",
    }
    for name, text in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, errors="surrogateescape")
        state = StateFile(path)
        assert state.read() == {}, name
        assert "it was damaged" in state.problem and "moved to" in state.problem, name
        assert not path.exists()
    big = tmp_path / "big.json"
    big.write_text('{"x": "' + "x" * (2 * 1024 * 1024) + '"}')
    state = StateFile(big)
    assert state.read() == {} and "larger than 1024 KiB" in state.problem
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    state = StateFile(fifo)
    assert state.read() == {} and "not a regular file" in state.problem


def test_a_reminders_file_with_infinity_does_not_stop_remind(tmp_path):
    bad = {"reminders": [{"id": 1, "text": "Move", "due": 1e308 * 10, "every": None}]}
    (tmp_path / "reminders.json").write_text(json.dumps(bad))
    result = run_cli("remind", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "reminders.json could not be used (it was damaged)" in result.stderr
    assert "No reminders" in result.stdout
    bad["reminders"][0]["due"] = 1e300  # finite, and far beyond any time
    (tmp_path / "reminders.json").write_text(json.dumps(bad))
    result = run_cli("remind", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert "reminders.json could not be used (due: 1e+300 is not a number" in result.stderr
    digits = run_cli("remind", "--every", "9" * 400 + "m", env={"UNKNOT_DATA_DIR": str(tmp_path)})
    assert digits.returncode == 2 and "too long to be a duration" in digits.stderr
    assert not (tmp_path / "reminders.json").exists()
