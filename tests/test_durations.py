import pytest
from hypothesis import given
from hypothesis import strategies as st

from unknot.core.durations import (
    DurationError,
    duration_words,
    format_clock,
    format_duration,
    format_stamp,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45),
        ("2m", 120),
        ("1m30s", 90),
        ("20min", 1200),
        ("1h", 3600),
        (30, 30),
        ("90", 90),
        ("1h2m3s", 3723),
        (" 10 s ", 10),
    ],
)
def test_parses_what_the_format_doc_lists(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["soon", "0s", "0", 0, -5, "-5s", "1m1m", "", True, 1.5, "5x"])
def test_refuses_what_is_not_a_duration(bad):
    with pytest.raises(DurationError):
        parse_duration(bad)


def test_error_says_how_to_write_one():
    with pytest.raises(DurationError, match=r"'soon' is not a duration; write it like 30s"):
        parse_duration("soon")


@given(st.integers(min_value=1, max_value=100_000))
def test_format_and_parse_round_trip(seconds):
    assert parse_duration(format_duration(seconds)) == seconds


def test_clock_faces():
    assert format_clock(0.2) == "00:01"
    assert format_clock(60) == "01:00"
    assert format_clock(0) == "00:00"
    assert format_clock(3725) == "1:02:05"
    assert format_stamp(20) == "00:20.0"
    assert format_stamp(62.25) == "01:02.2"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (6, "6 s"),
        (60, "1 min"),
        (90, "1 min 30 s"),
        (1200, "20 min"),
        (3600, "1 h"),
        (3629, "1 h 0 min 29 s"),
        (3660, "1 h 1 min"),
        (0, "0 s"),
    ],
)
def test_a_time_that_passed_reads_in_words(seconds, words):
    assert duration_words(seconds) == words
