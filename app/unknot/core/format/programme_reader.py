"""Programme files -> `Programme`, or every problem with its file, line and column.

Read from the YAML node tree by the routine loader's own reader, so a programme gets the same
messages as a routine: unknown keys with "did you mean", numbers bounded as written, one line
of text where one line is meant. A file is a programme when it has a top-level `programme:` key
(where a routine has `name:`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from unknot.core.durations import DurationError, format_duration, parse_duration
from unknot.core.format import routine as model
from unknot.core.format.loader import (
    _MISSING,
    ID_PATTERN,
    MAX_BYTES,
    Problem,
    Problems,
    _close,
    _compose,
    _decode,
    _is_empty,
    _Reader,
    _show,
    _Stop,
    file_too_big,
    suggest_id,
)
from unknot.core.format.programme import (
    DAY_WORDS,
    EVERY_DAY,
    HOLD_MOST,
    TIMES_LIMITS,
    WEEKDAYS,
    WEEKS_LIMITS,
    PlannedRoutine,
    Programme,
    Progression,
    progressed,
)
from unknot.core.format.routine import Routine
from unknot.core.text import quoted

KIND_KEY = "programme"
TOP_LEVEL_KEYS = (
    "version",
    "programme",
    "description",
    "source",
    "weeks",
    "stop_if",
    "sessions",
    "progression",
)
SESSION_KEYS = ("routine", "days", "times", "from_week")
PROGRESSION_KEYS = ("week", "routine", "hold", "reps")
MAX_SESSIONS = 20
MAX_PROGRESSION = 52
REPS_STEP_MOST = 50  # reps added by one entry; the total is clamped to the format's limits
_SNIFF = re.compile(rb"^programme[ \t]*:", re.MULTILINE)
_PLUS_WHOLE = re.compile(r"\s*\+?\s*[0-9]{1,9}\s*")

# What each top-level key holds, for the reader and the JSON Schema.
NAME = model.Text(1, 80, one_line=True)
DOCS = {
    "version": "format version: 1",
    "programme": "the programme's name, shown in the library and by 'unknot today'",
    "description": "one paragraph",
    "source": "who prescribed it or where it comes from",
    "weeks": f"how many weeks it lasts, {WEEKS_LIMITS[0]}-{WEEKS_LIMITS[1]}",
    "stop_if": "warning signs added to every routine of the programme",
    "sessions": "the routines, each on its days and times a day",
    "progression": "from a week on: longer holds (hold: +10s) and more reps (reps: +2)",
}


def looks_like_a_programme(data: bytes) -> bool:
    """Whether a file is a programme rather than a routine: a `programme:` key at the top."""
    return _SNIFF.search(data[:MAX_BYTES]) is not None


@dataclass
class ProgrammeResult(Problems):
    programme: Programme | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.programme is not None


def load_programme_text(
    text: str,
    path: str = "<text>",
    programme_id: str | None = None,
    routines: Mapping[str, Routine | None] | None = None,
) -> ProgrammeResult:
    return load_programme_bytes(text.encode("utf-8", "surrogatepass"), path, programme_id, routines)


def load_programme_bytes(
    data: bytes,
    path: str = "<text>",
    programme_id: str | None = None,
    routines: Mapping[str, Routine | None] | None = None,
) -> ProgrammeResult:
    """Check one programme's text. `routines` are the routines it may name (None for a broken
    file); without them, routine ids are only checked for their form."""
    if len(data) > MAX_BYTES:
        return ProgrammeResult(None, [file_too_big(path, len(data))])
    reader = _ProgrammeReader(path, routines)
    programme = None
    try:
        root = _compose(_decode(data, reader), reader)
        programme = reader.programme(root, programme_id or "programme")
    except _Stop:
        pass
    if reader.errors:
        programme = None
    reader.problems.sort(key=lambda p: (p.line, p.col))
    return ProgrammeResult(programme, reader.problems)


class _ProgrammeReader(_Reader):
    def __init__(self, path: str, routines: Mapping[str, Routine | None] | None) -> None:
        super().__init__(path, None)
        self.routines = routines

    def programme(self, root: yaml.Node, programme_id: str) -> Programme | None:
        if not isinstance(root, yaml.MappingNode):
            self.fail(
                root,
                "a programme file is a mapping of 'key: value' lines starting with "
                "'version: 1' and 'programme: NAME'",
            )
        typos: set[str] = set()
        keys = self.mapping(root, TOP_LEVEL_KEYS, "the programme", typos)
        values: dict[str, Any] = {}
        scalar_types: dict[str, model.FieldType] = {
            "version": model.Version(),
            "programme": NAME,
            "description": model.Text(),
            "source": model.Text(),
            "weeks": model.Int(*WEEKS_LIMITS),
            "stop_if": model.TextList(),
        }
        for key, ftype in scalar_types.items():
            if key in keys:
                got = self.value(keys[key][1], key, ftype)
                if got is not _MISSING:
                    values[key] = got
        for key in ("version", "programme", "weeks", "sessions"):
            if key not in keys and key not in typos:
                self.error(
                    root,
                    f"missing '{key}:'; a programme has 'version: 1', 'programme: NAME', "
                    "'weeks:' and 'sessions:'",
                )
        if not ID_PATTERN.match(programme_id):
            self.error(
                root,
                f"the file name {quoted(programme_id)} can't be a programme id; rename the file "
                f"'{suggest_id(programme_id)}.yaml' (lowercase letters, digits and '-')",
            )
        weeks = values.get("weeks")
        sessions = self.sessions(keys["sessions"][1], weeks) if "sessions" in keys else []
        steps = (
            self.progression(keys["progression"][1], weeks, sessions)
            if "progression" in keys
            else []
        )
        if self.errors:
            return None
        programme = Programme(
            id=programme_id,
            name=values["programme"],
            weeks=values["weeks"],
            sessions=tuple(sessions),
            progression=tuple(steps),
            description=values.get("description", ""),
            source=values.get("source", ""),
            stop_if=values.get("stop_if", ()),
            version=values["version"],
            path=self.path,
        )
        self.clamps(programme, keys.get("progression"))
        return programme

    # -- sessions --

    def sessions(self, node: yaml.Node, weeks: int | None) -> list[PlannedRoutine]:
        items = self.list_of(node, "sessions", MAX_SESSIONS, "- routine: gentle-floor")
        out = []
        for item in items:
            entry = self.session(item, weeks)
            if entry is not None:
                out.append(entry)
        return out

    def list_of(self, node: yaml.Node, key: str, most: int, example: str) -> list[yaml.Node]:
        if _is_empty(node) or (isinstance(node, yaml.SequenceNode) and not node.value):
            self.error(node, f"{key}: is empty; list them under it, like '{example}'")
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{key}: should be a list, each item starting '{example}'")
            return []
        if len(node.value) > most:
            self.error(node, f"{key}: has {len(node.value)} items; a programme has at most {most}")
            return []
        return list(node.value)

    def session(self, node: yaml.Node, weeks: int | None) -> PlannedRoutine | None:
        keys = self.mapping(node, SESSION_KEYS, "a session")
        if not keys:
            return None
        routine = self.routine_id(keys, node, "a session")
        days = self.days(keys["days"][1]) if "days" in keys else EVERY_DAY
        times = (
            self.value(keys["times"][1], "times", model.Int(*TIMES_LIMITS))
            if "times" in keys
            else 1
        )
        from_week = self.week(keys, "from_week", weeks) if "from_week" in keys else 1
        if _MISSING in (routine, days, times, from_week) or routine is None:
            return None
        return PlannedRoutine(routine, days, times, from_week, node.start_mark.line + 1)

    def routine_id(
        self, keys: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node, where: str
    ) -> Any:
        """The routine a session or a progression names; None when not given."""
        if "routine" not in keys:
            if where == "a session":
                self.error(node, "a session needs 'routine:', the id of a routine to do")
                return _MISSING
            return None
        value_node = keys["routine"][1]
        raw = self.scalar(value_node, "routine")
        if raw is _MISSING:
            return raw
        text = value_node.value.strip() if isinstance(value_node, yaml.ScalarNode) else ""
        if raw is None or not ID_PATTERN.match(text):
            self.error(
                value_node,
                f"routine: {_show(value_node)} is not a routine id (a routine's file name "
                "without .yaml: lowercase letters, digits and '-')",
            )
            return _MISSING
        if self.routines is not None:
            if text not in self.routines:
                close = _close(text, tuple(self.routines))
                hint = f"; did you mean '{close}'?" if close else "; 'unknot list' shows them"
                self.error(value_node, f"routine: there is no routine {quoted(text)}{hint}")
                return _MISSING
            if self.routines[text] is None:
                self.error(
                    value_node,
                    f"routine: {quoted(text)} has errors in its file; fix them first "
                    f"('unknot validate' shows them)",
                )
                return _MISSING
        return text

    def days(self, node: yaml.Node) -> Any:
        words = "daily, weekdays, or a list of days like [mon, wed, fri]"
        if isinstance(node, yaml.ScalarNode) and not _is_empty(node):
            word = node.value.strip().lower()
            if word in ("daily", "every day"):
                return EVERY_DAY
            if word == "weekdays":
                return WEEKDAYS
            if word in DAY_WORDS:
                return frozenset({DAY_WORDS[word]})
            self.error(node, f"days: {_show(node)} should be {words}")
            return _MISSING
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.error(node, f"days: should be {words}")
            return _MISSING
        out: set[int] = set()
        for item in node.value:
            word = item.value.strip().lower() if isinstance(item, yaml.ScalarNode) else ""
            if word not in DAY_WORDS:
                close = _close(word, tuple(DAY_WORDS)) if word else None
                hint = (
                    f"; did you mean '{close}'?"
                    if close
                    else " (mon, tue, wed, thu, fri, sat, sun)"
                )
                self.error(item, f"days: {_show(item)} is not a day{hint}")
                return _MISSING
            if DAY_WORDS[word] in out:
                self.error(item, f"days: {_show(item)} is listed twice")
                return _MISSING
            out.add(DAY_WORDS[word])
        return frozenset(out)

    def week(
        self, keys: dict[str, tuple[yaml.Node, yaml.Node]], key: str, weeks: int | None
    ) -> Any:
        node = keys[key][1]
        week = self.value(node, key, model.Int(1, weeks or WEEKS_LIMITS[1]))
        return week

    # -- progression --

    def progression(
        self, node: yaml.Node, weeks: int | None, sessions: list[PlannedRoutine]
    ) -> list[Progression]:
        items = self.list_of(node, "progression", MAX_PROGRESSION, "- week: 2")
        out = []
        named = {s.routine for s in sessions}
        for item in items:
            keys = self.mapping(item, PROGRESSION_KEYS, "a progression step")
            if not keys:
                continue
            if "week" not in keys:
                self.error(item, "a progression step needs 'week:', the week it starts in")
                continue
            week = self.week(keys, "week", weeks)
            routine = self.routine_id(keys, item, "a progression step")
            if isinstance(routine, str) and sessions and routine not in named:
                self.error(
                    keys["routine"][1],
                    f"routine: {quoted(routine)} is not one of this programme's sessions",
                )
                continue
            hold = self.more_time(keys["hold"][1]) if "hold" in keys else 0.0
            reps = self.more_reps(keys["reps"][1]) if "reps" in keys else 0
            if "hold" not in keys and "reps" not in keys:
                self.error(item, "a progression step says what grows: 'hold: +10s' or 'reps: +2'")
                continue
            if _MISSING in (week, routine, hold, reps):
                continue
            out.append(Progression(week, hold, reps, routine, item.start_mark.line + 1))
        return out

    def more_time(self, node: yaml.Node) -> Any:
        raw = self.scalar(node, "hold")
        if raw is _MISSING:
            return raw
        text = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        if raw is None or not text:
            self.error(node, "hold: is empty; write how much longer each hold gets, like +10s")
            return _MISSING
        if text.startswith("-"):
            self.error(node, f"hold: {_show(node)} is less; a programme only builds up (+10s)")
            return _MISSING
        try:
            seconds = parse_duration(text.removeprefix("+").strip())
        except DurationError as exc:
            self.error(node, f"hold: {exc}")
            return _MISSING
        if seconds > HOLD_MOST:
            self.error(
                node,
                f"hold: {_show(node)} is more than {format_duration(HOLD_MOST)}, the longest a "
                "hold can be",
            )
            return _MISSING
        return seconds

    def more_reps(self, node: yaml.Node) -> Any:
        raw = self.scalar(node, "reps")
        if raw is _MISSING:
            return raw
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        if text.strip().startswith("-"):
            self.error(node, f"reps: {_show(node)} is less; a programme only builds up (+2)")
            return _MISSING
        number = int(text.replace("+", "", 1)) if _PLUS_WHOLE.fullmatch(text) else None
        if raw is None or number is None or not 1 <= number <= REPS_STEP_MOST:
            self.error(
                node, f"reps: {_show(node)} should be more reps, +1 to +{REPS_STEP_MOST}, like +2"
            )
            return _MISSING
        return number

    def clamps(self, programme: Programme, progression: tuple[yaml.Node, yaml.Node] | None) -> None:
        """Warn where progression would pass the format's limits: it stops at them."""
        if self.routines is None or progression is None:
            return
        items = progression[1].value if isinstance(progression[1], yaml.SequenceNode) else []
        by_line = {item.start_mark.line + 1: item for item in items}
        said: set[tuple[str, str, str]] = set()
        for routine_id in programme.routine_ids:
            routine = self.routines.get(routine_id)
            if routine is None:
                continue
            for entry in sorted(programme.progression, key=lambda e: e.week):
                if entry.routine not in (None, routine_id):
                    continue
                _, clamps = progressed(programme, routine, entry.week)
                for clamp in clamps:
                    key = (clamp.routine, clamp.step, clamp.what)
                    if key in said:
                        continue
                    said.add(key)
                    where = _value_node(by_line.get(entry.line), clamp.what)
                    if where is not None:
                        self.error(where, f"{clamp.what}: {clamp.words()}", severity="warning")


def _value_node(item: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(item, yaml.MappingNode):
        return None
    for k, v in item.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            found: yaml.Node = v
            return found
    return item
