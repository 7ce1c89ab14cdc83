"""YAML's own errors, told in the words of someone writing a routine, with the fix.

PyYAML (and libyaml, which words the same errors differently) says what its parser expected;
a person needs to hear which mistake they made. The common ones (tabs, a quote or bracket
left open, a line indented wrong, a ': ' inside a value) are recognised from the text around
the error, so both parsers get the same message.
"""

from __future__ import annotations

import re

import yaml

from unknot.core.text import quoted

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as a new line

INDENTATION = (
    "this line is not indented like the lines around it; keys that belong together start "
    "in the same column, and what belongs under a key is indented further, with spaces"
)


def explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column (both from 1) and message for a YAML error in `text`."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    lines = _LINE_BREAKS.split(text)
    here = lines[line] if line < len(lines) else ""
    at = here[col] if col < len(here) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]

    if "another document" in problem:
        return line + 1, col + 1, "a routine file holds one document; remove the second '---'"
    if "\t" in indent:
        return (
            line + 1,
            indent.index("\t") + 1,
            "this line is indented with a tab; use spaces, not tabs",
        )
    if at == "\t" or "tab" in problem:
        tab = here.find("\t")
        return line + 1, (tab if tab >= 0 else col) + 1, "a tab here; use spaces, not tabs"
    if "quoted scalar" in context and exc.context_mark is not None:
        start = exc.context_mark
        if "end of stream" in problem:
            quote = _char(lines, start.line, start.column) or '"'
            return (
                start.line + 1,
                start.column + 1,
                f"the quote {quote} that starts here is never closed; end the text with {quote}",
            )
        if "escape" in problem or "hexadecimal" in problem or "hexdecimal" in problem:
            return (
                line + 1,
                col + 1,
                "a backslash in double quotes starts an escape like \\n; write \\\\ for a "
                "backslash, or put the text in single quotes",
            )
    if "flow sequence" in context or "flow mapping" in context:
        opening = exc.context_mark or mark
        opened, closing = ("[", "]") if "sequence" in context else ("{", "}")
        if opening is not None:
            return (
                opening.line + 1,
                opening.column + 1,
                f"the {opened} here is never closed; end the list with {closing} (or remove "
                f"the {opened} and write one item per line)",
            )
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        start = exc.context_mark
        return (
            start.line + 1,
            start.column + 1,
            "a key needs a ':' after it, like 'steps:' or 'hold: 20s'",
        )
    if "mapping values are not allowed" in problem:
        before = here[:col]
        if ": " in before.strip():
            key, value = here.strip().split(": ", 1)
            return (
                line + 1,
                col + 1,
                f"a second ': ' in one line; put the value in quotes, like "
                f'{_bare(key.lstrip("- "), 20)}: "{_bare(value, 30)}"',
            )
        return line + 1, len(indent) + 1, INDENTATION
    if "cannot start any token" in problem and at in ("@", "`"):
        return line + 1, col + 1, f"a value can't start with {at}; put the value in quotes"
    if "undefined alias" in problem:
        return line + 1, col + 1, "this '*' names an anchor ('&name') that is not defined above"
    if "expected <block end>" in problem or "did not find expected" in problem:
        before = here[:col].rstrip()
        if before.endswith(("'", '"')) and before.count(before[-1]) >= 2:
            return (
                line + 1,
                col + 1,
                "text after the closing quote; put all of the value inside the quotes",
            )
        if here.lstrip().startswith("-"):
            return (
                line + 1,
                len(indent) + 1,
                "a list item where a 'key:' line was expected; put the list under its key "
                "(like 'steps:') and indent it the same as the items around it",
            )
        return line + 1, len(indent) + 1, INDENTATION
    return line + 1, col + 1, f"YAML: {problem or context or 'this is not valid YAML'}"


def _char(lines: list[str], line: int, col: int) -> str:
    here = lines[line] if line < len(lines) else ""
    return here[col] if col < len(here) else ""


def _bare(text: str, limit: int) -> str:
    """The user's words as `quoted` shows them, without its quotes."""
    return quoted(text, limit)[1:-1]
