"""Hostile strings, and the check that none of what a terminal acts on came out."""

from __future__ import annotations

from hypothesis import strategies as st

PAYLOADS = (
    "\x1b]0;pwned\x07\x1b[2J",  # window title, clear screen
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: "rm -rf ~" into the clipboard
    "\x1b]8;;https://example.invalid\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
    "\x1bPtmux;\x1b\x1b]0;x\x07\x1b\\",  # DCS, tmux passthrough
    "\x1b[?1049h\x1b[31m",  # alternate screen, colour
    "\x9b2J\x9d0;c1\x9c",  # the same as one-byte C1 controls
    "\x1bc\x1b7\x1b(0",  # reset, save cursor, line drawing
    "ok\rFAKE",  # carriage return overwriting a line
    "\u202eexe.txt\u2066\u2069",  # bidi override and isolates
    "a\u2028## Warning signs reported\u2029\x85b",  # line breaks that aren't \n
    "hold\u200b\u200d\ufeff\u00ad",  # invisible characters
    "\x00\x08\x7f",  # NUL, backspace, DEL
    '=HYPERLINK("http://example.invalid")',
    "=cmd|' /C calc'!A0",
    "Walk |\n\n## Warning signs reported\n\n- None.\n",
    "[/b][@click=app.quit]x",
)

_CONTROLS = st.sampled_from(
    [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2069\ufeff")
    + ["\u2028", "\u2029", "\x85", "|", "#", "-", "=", "*", "`", "[", "]", "<", ">", "\\"]
)
_PIECES = st.one_of(
    st.sampled_from(PAYLOADS),
    _CONTROLS,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
)
hostile_text = st.lists(_PIECES, min_size=1, max_size=8).map("".join)
"""Text that mixes escape sequences, controls, invisible characters and ordinary words."""


def terminal_problems(out: str | bytes) -> list[str]:
    """What in `out` a terminal would act on: C0 controls but newline, DEL, C1, bidi."""
    text = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
    return sorted(
        {
            f"U+{ord(c):04X}"
            for c in text
            if (ord(c) < 0x20 and c != "\n")
            or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        }
    )


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that holds exactly it, controls and all (the way
    an attacker writes `\\e]0;...\\a` in a routine)."""
    out = []
    for char in text:
        code = ord(char)
        if 0x20 <= code < 0x7F and char not in '"\\':
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'
