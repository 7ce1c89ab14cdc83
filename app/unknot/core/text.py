"""Text from a user's file (or a file name, a setting, an answer) made safe to show.

One set of rules, applied in two ways. The rules sort every character that is not plainly
printable into one of these groups:

- escape sequences (CSI `ESC [ ... m`, OSC `ESC ] ... BEL` including OSC 52, DCS, SOS, PM,
  APC, a lone ESC with its next character, and their one-byte C1 forms);
- line breaks: `\\n`, `\\r\\n`, a lone `\\r`, `\\v`, `\\f`, NEL (U+0085), U+2028 and U+2029;
- the tab;
- other control characters: C0, DEL and C1;
- bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can reorder
  what a terminal line seems to say;
- other invisible format characters (zero-width space, joiners, soft hyphen, BOM, ...);
- lone surrogates: bytes of a file name that were not UTF-8.

`clean` and `one_line` are for text shown as content (a screen, a plain line, a list): what a
terminal would act on is removed. `terminal_safe` is for every line written to stdout or
stderr: nothing is silently dropped, every control is shown as an escape (`\\x1b`), so a file
name with an escape in it can still be found; with `reveal` (error messages) invisible
characters are shown as `<U+200B>` too.
"""

from __future__ import annotations

import re

# Whole escape sequences, so that clean text loses `[2J` along with the ESC before it.
_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # strings
    r"|\x1b[ -/]*[0-~]"  # two-character escapes (an unterminated string loses its opener)
)
_LINE_BREAK = r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]"
_CONTROL = r"[\x00-\x1f\x7f-\x9f]"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Unicode's format characters (category Cf) outside the bidi ones; a test checks this list
# against unicodedata, so a newer Unicode can't slip one past.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_SURROGATE = "\ud800-\udfff"

_FOR_CONTENT = re.compile(f"{_SEQUENCE}|{_LINE_BREAK}|{_CONTROL}|[{_BIDI}{_SURROGATE}]")
_FOR_TERMINAL = re.compile(f"{_CONTROL}|[{_BIDI}{_SURROGATE}]")
_FOR_ERRORS = re.compile(f"{_CONTROL}|[{_BIDI}{_SURROGATE}{_FORMAT}\u2028\u2029]")
_BREAKS = frozenset(("\r\n", *"\r\n\x0b\x0c\x85\u2028\u2029"))


def clean(text: str) -> str:
    """`text` as content: escape sequences, controls, bidi overrides and undecodable bytes
    removed; every kind of line break becomes `\\n`; a tab becomes a space."""
    if text.isprintable():  # the common case: no character of any group above is printable
        return text
    return _FOR_CONTENT.sub(_content_part, text)


def _content_part(match: re.Match[str]) -> str:
    found = match.group()
    if found in _BREAKS:
        return "\n"
    if found == "\t":
        return " "
    return ""


def counted(number: int, word: str, words: str | None = None) -> str:
    """'1 day', '2 days': a count with its noun, singular only for exactly one."""
    return f"{number} {word if number == 1 else (words or word + 's')}"


def one_line(text: str) -> str:
    """`text` cleaned and folded onto one line, for names, lists and event lines."""
    return " ".join(clean(text).split())


def terminal_safe(text: str, *, newlines: bool = True, reveal: bool = False) -> str:
    """`text` ready to write to a terminal: every control character shown as an escape
    (`\\x1b`, `\\r`; `\\n` too unless `newlines`), a tab as a space, bidi overrides as
    `<U+202E>`, bytes that were not UTF-8 as `\\xff`. With `reveal`, every other invisible
    character (zero-width space, joiners, line separators) is shown as `<U+200B>` too."""
    if text.isprintable():
        return text
    pattern = _FOR_ERRORS if reveal else _FOR_TERMINAL
    return pattern.sub(lambda m: _shown_char(m.group(), newlines), text)


def _shown_char(char: str, newlines: bool) -> str:
    code = ord(char)
    if char == "\n":
        return "\n" if newlines else "\\n"
    if char == "\t":
        return " "
    if char == "\r":
        return "\\r"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def quoted(text: str, limit: int = 40) -> str:
    """`text` in quotes for an error message: on one line, every invisible character shown,
    and at most `limit` characters of it (a 5,000-digit number is shown by its start)."""
    cut = text[:limit] + "…" if len(text) > limit else text
    return "'" + terminal_safe(cut, newlines=False, reveal=True) + "'"
