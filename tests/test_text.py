"""The one sanitizer: what reaches a screen or a terminal from a file, a file name or a setting."""

import sys
import unicodedata

import pytest
from hypothesis import given

from tests.hostile_text import PAYLOADS, hostile_text, terminal_problems
from unknot.core.text import clean, one_line, quoted, terminal_safe

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(
    ("raw", "content", "terminal"),
    [
        ("a\x1b]0;pwned\x07\x1b[2Jb", "ab", "a\\x1b]0;pwned\\x07\\x1b[2Jb"),
        ("x\x1b]52;c;cm0gLXJmIH4=\x07y", "xy", "x\\x1b]52;c;cm0gLXJmIH4=\\x07y"),
        ("x\x1b]52;c;cm0=\x1b\\y", "xy", "x\\x1b]52;c;cm0=\\x1b\\y"),
        ("d\x1bPq#0;2;0;0;0\x1b\\e", "de", "d\\x1bPq#0;2;0;0;0\\x1b\\e"),
        ("lone\x1b", "lone", "lone\\x1b"),
        ("reset\x1bcdone", "resetdone", "reset\\x1bcdone"),
        ("\x9b31mred", "red", "\\x9b31mred"),
        ("bell\x07", "bell", "bell\\x07"),
        ("tab\there", "tab here", "tab here"),
        ("over\rwrite", "over\nwrite", "over\\rwrite"),
        ("evil\u202ecod.exe", "evilcod.exe", "evil<U+202E>cod.exe"),
        ("not utf-8 \udcff", "not utf-8 ", "not utf-8 \\xff"),
    ],
)
def test_sequences_are_removed_from_content_and_shown_on_the_terminal(raw, content, terminal):
    assert clean(raw) == content
    assert terminal_safe(raw) == terminal


def test_line_breaks_of_every_kind():
    text = "a\nb\r\nc\rd\x85e\u2028f\u2029g\x0bh\x0ci"
    assert clean(text) == "a\nb\nc\nd\ne\nf\ng\nh\ni"
    assert one_line(text) == "a b c d e f g h i"
    assert terminal_safe("a\nb", newlines=False) == "a\\nb"
    assert terminal_safe("a\u2028b", reveal=True) == "a<U+2028>b"


def test_invisible_characters_are_kept_in_content_and_shown_in_errors():
    assert clean("🧘\u200d♀️") == "🧘\u200d♀️"  # a joiner is part of the emoji
    assert terminal_safe("hold\u200b") == "hold\u200b"
    assert terminal_safe("hold\u200b", reveal=True) == "hold<U+200B>"
    assert quoted("hold\u200b") == "'hold<U+200B>'"
    assert quoted("1" + "0" * 400) == "'1" + "0" * 39 + "…'"


def test_the_list_of_format_characters_is_every_one_unicode_has():
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and "<U+" not in terminal_safe(chr(code), reveal=True)
    ]
    assert missed == []


@given(hostile_text)
def test_nothing_a_terminal_acts_on_survives(text):
    for shown in (clean(text), one_line(text), terminal_safe(text), quoted(text)):
        assert terminal_problems(shown.replace("\n", "")) == []
    assert "\n" not in one_line(text) and "\n" not in quoted(text)
    assert "\n" not in terminal_safe(text, newlines=False)
    assert not any(c in BIDI for c in clean(text) + terminal_safe(text))


@given(hostile_text)
def test_the_sanitizer_is_idempotent(text):
    once = terminal_safe(text, reveal=True)
    assert terminal_safe(once, reveal=True) == once
    assert clean(clean(text)) == clean(text)


def test_payloads_cover_each_kind_of_sequence():
    kinds = {"\x1b[", "\x1b]", "\x1bP", "\x9b", "\x07", "\u202e", "\u2028", "\x85"}
    assert all(any(k in p for p in PAYLOADS) for k in kinds)
