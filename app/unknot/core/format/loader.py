"""YAML routine files -> `Routine`, or every problem in the file with its line and column.

Only the node graph is built (`yaml.compose`), never Python objects, so no tag in a file can
run anything; values are read from the nodes against the tables in `routine.py`.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import yaml

from unknot.core.durations import MAX_TEXT, DurationError, format_duration, parse_duration
from unknot.core.figures.pose import BUNDLED_POSES, Pose
from unknot.core.format import routine as model
from unknot.core.format.pose_reader import read_figure, read_poses
from unknot.core.format.yaml_errors import explain
from unknot.core.format.yamlsafe import SafeLoader
from unknot.core.limits import THERAPY_ON_ADVISED
from unknot.core.text import clean, quoted, terminal_safe

MAX_BYTES = 256 * 1024
MAX_NODES = 10_000
MAX_DEPTH = 64  # a routine is a few levels deep; libyaml itself stops at 1,000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BUNDLED_SOUNDS = (
    "tick",
    "start",
    "switch",
    "breathe-in",
    "breathe-out",
    "countdown",
    "end",
    "done",
    "alarm",
    "reminder",
    "safety",
    "chime",
)

_T = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTAINER_TAGS = {_T + "map", _T + "seq"}
_ALLOWED_TAGS = frozenset(_PLAIN_TAGS | _CONTAINER_TAGS)
_MERGE = _T + "merge"
_constructor = yaml.constructor.SafeConstructor()
# Numbers as a person writes them. YAML 1.1 would also read 010 as 8, 0x10 as 16 and 1:30 as
# 90; here 010 is ten, the others are refused with a message.
_WHOLE = re.compile(r"\s*\+?[0-9]{1,9}\s*")
_CLOCK = re.compile(r"\s*[0-9]{1,4}(?::[0-5]?[0-9]){1,2}\s*")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # One line, whatever the file's name or the message quotes: tools split on it.
        where = terminal_safe(self.path, newlines=False)
        return f"{where}:{self.line}:{self.col}: {self.severity}: " + terminal_safe(
            self.message, newlines=False
        )


class Problems:
    """What a file's reading found, by severity (for results that keep `problems`)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class LoadResult(Problems):
    routine: model.Routine | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.routine is not None


class _Stop(Exception):
    """A problem after which the rest of the file can't be read sensibly."""


def routine_id_for(path: str | Path) -> str:
    return Path(path).stem


def suggest_id(name: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-") or "routine"


def load_text(text: str, path: str = "<text>", routine_id: str | None = None) -> LoadResult:
    return load_bytes(text.encode("utf-8", "surrogatepass"), path, routine_id)


SoundFileCheck = Callable[[str], "str | None"]


def load_bytes(
    data: bytes,
    path: str = "<text>",
    routine_id: str | None = None,
    sound_file: SoundFileCheck | None = None,
    poses: Mapping[str, Pose] | None = None,
) -> LoadResult:
    """Check one routine's text. `sound_file` says what is wrong with a .wav named in
    `sounds:` (None when it is fine); without it such names are only checked for their form.
    `poses` are those a step's figure may name besides the file's own (the bundled ones)."""
    if len(data) > MAX_BYTES:
        return LoadResult(None, [file_too_big(path, len(data))])
    reader = _Reader(path, sound_file, bundled_poses() if poses is None else poses)
    routine = None
    try:
        text = _decode(data, reader)
        root = _compose(text, reader)
        routine = reader.routine(root, routine_id if routine_id is not None else "routine")
    except _Stop:
        pass
    if reader.errors:
        routine = None
    reader.problems.sort(key=lambda p: (p.line, p.col))
    return LoadResult(routine, reader.problems)


def file_too_big(path: str, size: int) -> Problem:
    return Problem(
        path, 1, 1, f"the file is {size // 1024} KiB; a routine file can be at most 256 KiB"
    )


def _decode(data: bytes, reader: _Reader) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data[: exc.start].decode("utf-8", "replace"))
        reader.fail_at(line, col, "this is not UTF-8 text (is it a binary file?); save it as UTF-8")
    if "\x00" in text:
        line, col = _line_col(text[: text.index("\x00")])
        reader.fail_at(line, col, "the file contains binary data (a NUL byte); is it a routine?")
    return text


def _line_col(before: str) -> tuple[int, int]:
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def _compose(text: str, reader: _Reader) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        reader.fail_at(*explain(text, exc))
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text[: exc.position])
        char = exc.character  # a str from the Python reader, a code point from libyaml's
        code = ord(char) if isinstance(char, str) and len(char) == 1 else None
        if isinstance(char, int) and not isinstance(char, bool):
            code = char
        what = f"the character U+{code:04X}" if code is not None else "a character"
        reader.fail_at(line, col, f"{what} is not allowed in a YAML file; remove it")
    except yaml.YAMLError as exc:
        reader.fail_at(1, 1, f"YAML: {exc}")
    except RecursionError:  # the pure-Python parser, on lists inside lists inside lists...
        reader.fail_at(1, 1, "the file is nested too deeply to be a routine")
    if root is None:
        reader.fail_at(1, 1, "the file is empty; a routine starts with 'version: 1' and 'name:'")
    _check_graph(root, reader)
    return root


def _check_graph(root: yaml.Node, reader: _Reader) -> None:
    """Refuse foreign tags, aliases that refer to themselves, and alias bombs."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()
    scalar = yaml.ScalarNode
    allowed = _ALLOWED_TAGS

    def size(node: yaml.Node, depth: int) -> int:
        if node.tag not in allowed:
            if node.tag == _MERGE:
                reader.fail(
                    node,
                    "'<<' (a YAML merge key) is not supported in a routine; write the keys "
                    "out, or put shared values in 'defaults:'",
                )
            tag = quoted(node.tag.replace(_T, "!!"))
            reader.fail(node, f"the tag {tag} is not allowed; write plain text, numbers and lists")
        if node.__class__ is scalar:
            return 1
        if depth > MAX_DEPTH:
            reader.fail(node, f"lists and mappings are nested more than {MAX_DEPTH} deep here")
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in busy:
            reader.fail(node, "an alias refers to the list or mapping it is inside")
        busy.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
        else:
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        busy.discard(key)
        sizes[key] = total
        return total

    total = size(root, 0)
    if total > MAX_NODES:
        reader.fail(
            root,
            f"aliases expand this file to {total:,} values; the limit is {MAX_NODES:,}",
        )


_MISSING = object()


class _Reader:
    """Reads nodes into the model, collecting problems instead of stopping at the first.

    One message per cause: a typo'd key is reported as unknown, and what follows from it
    (a missing 'hold:', a missing 'name:') is not reported again.
    """

    def __init__(
        self,
        path: str,
        sound_file: SoundFileCheck | None,
        poses: Mapping[str, Pose] | None = None,
    ) -> None:
        self.path = path
        self.sound_file = sound_file
        self.problems: list[Problem] = []
        # Keys a typo may have meant, in 'defaults:' ("*": defaults itself was misspelt).
        self.default_typos: set[str] = set()
        # What a figure may name: the known poses, then the file's own once they are read.
        self.poses: Mapping[str, Pose] = poses or {}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    # -- reporting --

    def error(self, node: yaml.Node, message: str, severity: str = "error") -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, severity))

    def fail(self, node: yaml.Node, message: str) -> NoReturn:
        self.error(node, message)
        raise _Stop

    def fail_at(self, line: int, col: int, message: str) -> NoReturn:
        self.problems.append(Problem(self.path, line, col, message))
        raise _Stop

    # -- structure --

    def mapping(
        self,
        node: yaml.Node,
        allowed: tuple[str, ...],
        where: str,
        typos: set[str] | None = None,
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Keys of a mapping node -> (key node, value node); reports duplicates and unknowns.
        `typos` gathers the allowed keys that unknown ones come close to."""
        if not isinstance(node, yaml.MappingNode):
            if _is_empty(node):
                self.error(node, f"{where}: is empty; write its 'key: value' lines under it")
            else:
                self.error(node, f"{where} should be a mapping of 'key: value' lines")
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _T + "null":
                self.error(key_node, f"a key in {where} should be a plain word")
                continue
            key = key_node.value
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.error(key_node, f"duplicate key {quoted(key)} (first given on line {first})")
                continue
            if key not in allowed:
                close = _close(key, allowed)
                if close and typos is not None:
                    typos.add(close)
                self.error(key_node, _unknown_key(key, allowed, where, close))
                continue
            out[key] = (key_node, value_node)
        return out

    def scalar(self, node: yaml.Node, key: str) -> Any:
        """A scalar's value: None for an empty one, True/False, else its text as written.
        Numbers stay text here, so each reader bounds them before converting."""
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.error(node, f"{key}: expected a single value, found {kind}")
            return _MISSING
        if node.tag == _T + "null":
            return None
        if node.tag == _T + "bool":
            return _constructor.construct_yaml_bool(node)
        return node.value

    def value(self, node: yaml.Node, key: str, ftype: model.FieldType) -> Any:
        """A field's value read as `ftype`, or _MISSING after reporting why not."""
        if isinstance(ftype, model.TextList | model.Words):
            return self.text_list(node, key, words=isinstance(ftype, model.Words))
        if isinstance(ftype, model.Asks):
            return self.asks(node, key)
        if isinstance(ftype, model.Sides):
            return self.sides(node, key)
        if isinstance(ftype, model.Sounds):
            return self.sounds(node, key)
        if isinstance(ftype, model.Poses):
            own = read_poses(self, node, key, self.poses)
            self.poses = {**self.poses, **own}
            return own
        if isinstance(ftype, model.Figure):
            figure = read_figure(self, node, key, self.poses)
            return _MISSING if figure is None else figure
        raw = self.scalar(node, key)
        if raw is _MISSING:
            return raw
        if isinstance(ftype, model.Text):
            return self.text(node, key, raw, ftype)
        if isinstance(ftype, model.Int):
            return self.integer(node, key, raw, ftype)
        if isinstance(ftype, model.Duration):
            return self.duration(node, key, raw, ftype)
        if isinstance(ftype, model.Version):
            return self.version(node, raw)
        raise AssertionError(f"no reader for {ftype!r}")

    def version(self, node: yaml.Node, raw: Any) -> Any:
        known = ", ".join(str(v) for v in model.FORMAT_VERSIONS)
        if raw is None:
            self.error(node, f"version: is empty; write version: {known}")
            return _MISSING
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        number = int(text) if _WHOLE.fullmatch(text) else None
        if number not in model.FORMAT_VERSIONS:
            shown = str(number) if number is not None else quoted(text)
            self.error(node, f"version {shown} is not one this program reads; it reads {known}")
            return _MISSING
        return number

    def text(self, node: yaml.Node, key: str, raw: Any, ftype: model.Text) -> Any:
        if raw is None:
            self.error(node, f"{key}: is empty; write some text after the colon")
            return _MISSING
        text = clean(node.value if isinstance(node, yaml.ScalarNode) else str(raw)).strip()
        if len(text) < ftype.min_len:
            self.error(node, f"{key}: is empty; write some text after the colon")
            return _MISSING
        if ftype.one_line and "\n" in text:
            self.error(
                node,
                f"{key}: is more than one line; keep it to one line "
                "(put more in 'description' or 'how')",
            )
            return _MISSING
        if ftype.max_len and len(text) > ftype.max_len:
            self.error(
                node,
                f"{key}: is {len(text)} characters long; keep it to {ftype.max_len} "
                "(put more in 'description' or 'how')",
            )
            return _MISSING
        return text

    def integer(self, node: yaml.Node, key: str, raw: Any, ftype: model.Int) -> Any:
        span = f"a whole number from {ftype.lo} to {ftype.hi}"
        if raw is None:
            self.error(node, f"{key}: is empty; write {span}")
            return _MISSING
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        number = int(text) if _WHOLE.fullmatch(text) else None
        if number is None or not ftype.lo <= number <= ftype.hi:
            self.error(node, f"{key}: {_show(node)} should be {span}")
            return _MISSING
        return number

    def duration(self, node: yaml.Node, key: str, raw: Any, ftype: model.Duration) -> Any:
        if raw is None:
            self.error(node, f"{key}: is empty; write a duration like 30s")
            return _MISSING
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        try:
            if _CLOCK.fullmatch(text):
                # YAML 1.1 reads an unquoted 1:30 as 90 (base 60): say so, never take 90s.
                seconds = sum(int(p) * 60**i for i, p in enumerate(reversed(text.split(":"))))
                raise DurationError(
                    f"{quoted(text.strip())} is not a duration here; "
                    f"write {format_duration(seconds)}"
                )
            if node.tag == _T + "float" and len(text) <= MAX_TEXT:
                raise DurationError(
                    f"{quoted(text.strip())} is not a whole number of seconds; write it like 30s"
                )
            seconds = parse_duration(text)
        except DurationError as exc:
            self.error(node, f"{key}: {exc}")
            return _MISSING
        if seconds < ftype.lo:
            self.error(
                node,
                f"{key}: {_show(node)} is shorter than {format_duration(ftype.lo)}, "
                f"the least it can be here",
            )
            return _MISSING
        if ftype.hi is not None and seconds > ftype.hi:
            self.error(
                node,
                f"{key}: {_show(node)} is longer than {format_duration(ftype.hi)}, "
                f"the most it can be here",
            )
            return _MISSING
        return seconds

    def text_list(self, node: yaml.Node, key: str, words: bool = False) -> Any:
        items: list[str] = []
        for item in self.items(node, key):
            raw = self.scalar(item, key)
            if raw is _MISSING:
                continue
            text = self.line_of_text(item, key, raw)
            if text is _MISSING:
                continue
            if words and not re.fullmatch(r"[\w-]+", text):
                self.error(item, f"{key}: {quoted(text)} should be one word (letters, digits, '-')")
            else:
                items.append(text)
        return tuple(items) if isinstance(node, yaml.SequenceNode) else _MISSING

    def items(self, node: yaml.Node, key: str) -> list[yaml.Node]:
        """The items of a list field, after reporting a value that is not a list."""
        if isinstance(node, yaml.ScalarNode) and node.tag != _T + "null":
            shown = terminal_safe(node.value, newlines=False, reveal=True)[:40]
            self.error(node, f"{key}: should be a list, like [{shown}] or '- {shown}'")
            return []
        if _is_empty(node):
            self.error(node, f"{key}: is empty; list the items under it, each starting '- '")
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{key}: should be a list of text, one item per line starting '- '")
            return []
        return list(node.value)

    def line_of_text(self, item: yaml.Node, key: str, raw: Any) -> Any:
        text = clean(item.value).strip() if raw is not None else ""
        if not text:
            self.error(item, f"{key}: an item is empty")
            return _MISSING
        if "\n" in text:
            self.error(item, f"{key}: an item is more than one line; keep each to one line")
            return _MISSING
        return text

    def asks(self, node: yaml.Node, key: str) -> Any:
        """A check's questions: text (yes means stop), or {ask: TEXT, stop_if: yes|no}."""
        questions: list[model.Question] = []
        for item in self.items(node, key):
            if isinstance(item, yaml.MappingNode):
                fields = self.mapping(item, ("ask", "stop_if"), f"a question in {key}")
                if "ask" not in fields:
                    if fields or not item.value:
                        self.error(item, f"{key}: a question needs 'ask:', the question itself")
                    continue
                ask_node = fields["ask"][1]
                raw = self.scalar(ask_node, f"{key}.ask")
                text = _MISSING if raw is _MISSING else self.line_of_text(ask_node, key, raw)
                stops_on = True
                if "stop_if" in fields:
                    answer_node = fields["stop_if"][1]
                    answer = (
                        answer_node.value.strip().lower()
                        if isinstance(answer_node, yaml.ScalarNode)
                        else ""
                    )
                    if answer not in model.STOP_ANSWERS:
                        self.error(
                            answer_node,
                            f"{key}.stop_if: {_show(answer_node)} should be yes or no, the "
                            "answer that stops the routine",
                        )
                        continue
                    stops_on = model.STOP_ANSWERS[answer]
                if isinstance(text, str):
                    questions.append(model.Question(text, stops_on))
                continue
            raw = self.scalar(item, key)
            if raw is _MISSING:
                continue
            text = self.line_of_text(item, key, raw)
            if isinstance(text, str):
                questions.append(model.Question(text))
        return tuple(questions) if isinstance(node, yaml.SequenceNode) else _MISSING

    def sides(self, node: yaml.Node, key: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.value == "none":
                return ()
            if node.value == "both":
                return model.SIDE_NAMES
            if node.value in model.SIDE_NAMES:
                return (node.value,)
            if _is_empty(node):
                self.error(node, f"{key}: is empty; write none, both, or a list like [left, right]")
                return _MISSING
            self.error(
                node, f"{key}: {_show(node)} should be none, both, or a list like [left, right]"
            )
            return _MISSING
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.error(node, f"{key}: should be none, both, or a list like [left, right]")
            return _MISSING
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or item.value not in model.SIDE_NAMES:
                self.error(item, f"{key}: {_show(item)} is not a side; use left or right")
                return _MISSING
            out.append(item.value)
        if len(out) > 4:
            self.error(node, f"{key}: list at most 4 sides")
            return _MISSING
        return tuple(out)

    def sounds(self, node: yaml.Node, key: str) -> Any:
        entries = self.mapping(node, model.SOUND_EVENTS, key)
        out: dict[str, str] = {}
        for event, (_, value_node) in entries.items():
            raw = self.scalar(value_node, f"{key}.{event}")
            if raw is _MISSING:
                continue
            if not isinstance(raw, str) or not raw.strip():
                self.error(value_node, f"{key}.{event}: name a bundled sound or a .wav file")
                continue
            message = self.sound_problem(raw.strip())
            if message:
                self.error(value_node, f"{key}.{event}: {message}")
            else:
                out[event] = raw.strip()
        return out

    def sound_problem(self, name: str) -> str | None:
        if name in BUNDLED_SOUNDS:
            return None
        bundled = ", ".join(BUNDLED_SOUNDS)
        shown = quoted(name)
        if os.path.isabs(name) or name.startswith("~"):
            return f"{shown} is an absolute path; put the .wav beside the routine file"
        if ".." in Path(name).parts or "\\" in name:
            return f"{shown} leaves the routine's folder; put the .wav beside the routine file"
        if not name.lower().endswith(".wav"):
            return f"{shown} is neither a bundled sound ({bundled}) nor a .wav file"
        return self.sound_file(name) if self.sound_file is not None else None

    # -- the document --

    def routine(self, root: yaml.Node, routine_id: str) -> model.Routine | None:
        if not isinstance(root, yaml.MappingNode):
            self.fail(
                root,
                "a routine file is a mapping of 'key: value' lines starting with 'version: 1'",
            )
        typos: set[str] = set()
        keys = self.mapping(root, model.TOP_LEVEL_KEYS, "the routine", typos)
        values: dict[str, Any] = {}
        for f in model.TOP_LEVEL:
            if f.key in keys:
                got = self.value(keys[f.key][1], f.key, f.type)
                if got is not _MISSING:
                    values[f.key] = got
            elif f.required and f.key not in typos:
                self.error(
                    root,
                    f"missing '{f.key}:'; every routine starts with 'version: 1' and a 'name:'",
                )
        if not ID_PATTERN.match(routine_id):
            self.error(
                root,
                f"the file name {quoted(routine_id)} can't be a routine id; rename the file "
                f"'{suggest_id(routine_id)}.yaml' (lowercase letters, digits and '-')",
            )
        if "defaults" in typos:
            self.default_typos.add("*")
        defaults = self.defaults(keys["defaults"][1]) if "defaults" in keys else {}
        steps: list[model.Step] = []
        if "steps" in keys:
            steps = self.steps(keys["steps"][1], defaults)
        elif "steps" not in typos:
            self.error(root, "missing 'steps:'; list the steps, each starting with '- '")
        if self.errors:
            return None
        return model.Routine(
            id=routine_id,
            name=values["name"],
            steps=tuple(steps),
            version=values["version"],
            description=values.get("description", ""),
            tags=values.get("tags", ()),
            source=values.get("source", ""),
            stop_if=values.get("stop_if", ()),
            rounds=values.get("rounds", 1),
            sounds=values.get("sounds", {}),
            path=self.path,
        )

    def defaults(self, node: yaml.Node) -> dict[str, tuple[Any, yaml.Node]]:
        allowed = tuple(f.key for f in model.DEFAULT_KEYS)
        keys = self.mapping(node, allowed, "defaults", self.default_typos)
        out = {}
        for f in model.DEFAULT_KEYS:
            if f.key in keys:
                got = self.value(keys[f.key][1], f"defaults.{f.key}", f.type)
                if got is not _MISSING:
                    out[f.key] = (got, keys[f.key][1])
                else:
                    self.default_typos.add(f.key)  # a broken default: its steps say no more
        return out

    def steps(
        self, node: yaml.Node, defaults: dict[str, tuple[Any, yaml.Node]]
    ) -> list[model.Step]:
        if _is_empty(node):
            self.error(node, "steps: is empty; list the steps under it, each starting with '- '")
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "steps: should be a list of steps, each starting with '- '")
            return []
        if not node.value:
            self.error(node, "steps: has no steps; list them, each starting with '- '")
            return []
        if len(node.value) > model.MAX_STEPS:
            self.error(
                node, f"steps: {len(node.value)} steps; a routine has at most {model.MAX_STEPS}"
            )
            return []
        steps = []
        for item in node.value:
            step = self.step(item, defaults)
            if step is not None:
                steps.append(step)
        return steps

    def step(self, node: yaml.Node, defaults: dict[str, tuple[Any, yaml.Node]]) -> Any:
        kinds = ", ".join(model.STEP_KINDS)
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"a step should be a mapping that starts with its kind ({kinds})")
            return None
        kind_keys = [
            (k, v)
            for k, v in node.value
            if isinstance(k, yaml.ScalarNode) and k.value in model.STEP_KINDS
        ]
        if len(kind_keys) > 1 and kind_keys[0][0].value == "rest":
            kind_keys.append(kind_keys.pop(0))  # 'rest' beside another kind is that kind's rest
        if not kind_keys:
            self.no_kind(node, kinds)
            return None
        kind_node, title_node = kind_keys[0]
        kind = model.STEP_KINDS[kind_node.value]
        for extra, _ in kind_keys[1:]:
            if extra.value == "rest" and kind.field("rest"):
                continue
            self.error(
                extra,
                f"a step has one kind; '{extra.value}' is a second kind after "
                f"'{kind.name}' (make it a step of its own)",
            )
        kind_names = {
            k.value for k, _ in kind_keys[1:] if not (k.value == "rest" and kind.field("rest"))
        }
        allowed = (kind.name, *(f.key for f in kind.fields), *kind_names)
        typos: set[str] = set()
        keys = self.mapping(node, allowed, f"a {kind.name} step", typos)
        title = self.value(title_node, kind.name, kind.title)
        values: dict[str, Any] = {}
        for f in kind.fields:
            if f.key in keys:
                got = self.value(keys[f.key][1], f.key, f.type)
                if got is not _MISSING:
                    values[f.key] = got
        if title is _MISSING:
            return None
        return self.build(kind, kind_node, title, values, keys, defaults, typos)

    def no_kind(self, node: yaml.MappingNode, kinds: str) -> None:
        """A step without a kind key: name the key that was meant to be one, if any."""
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in _STEP_KEYS:
                continue
            close = _close(key_node.value, tuple(model.STEP_KINDS))
            self.error(
                key_node,
                f"{quoted(key_node.value)} is not a step kind; the kinds are {kinds}"
                + (f"; did you mean '{close}'?" if close else ""),
            )
            return
        self.error(node, f"this step has no kind; start it with one of {kinds}")

    def build(
        self,
        kind: model.StepKind,
        kind_node: yaml.Node,
        title: Any,
        values: dict[str, Any],
        keys: dict[str, tuple[yaml.Node, yaml.Node]],
        defaults: dict[str, tuple[Any, yaml.Node]],
        typos: set[str],
    ) -> model.Step | None:
        common = {
            "line": kind_node.start_mark.line + 1,
            "how": values.get("how", ""),
            "stop_if": values.get("stop_if", ()),
            "sounds": values.get("sounds", {}),
            "figure": values.get("figure", ()),
        }
        name = kind.name

        def explained(key: str) -> bool:
            """Whether a missing `key` is already explained by a typo or a broken default."""
            return key in typos or key in self.default_typos or "*" in self.default_typos

        def pick(key: str, ftype: model.Int | None = None) -> Any:
            if key in keys:
                return values.get(key, _MISSING)
            if key in defaults:
                got, where = defaults[key]
                if ftype is not None and not ftype.lo <= got <= ftype.hi:
                    self.error(
                        where,
                        f"defaults.{key}: {got} is more than a {name} step takes "
                        f"({ftype.lo} to {ftype.hi})",
                    )
                    return _MISSING
                return got
            return _MISSING if explained(key) else None

        if name == "stretch":
            hold = pick("hold")
            if hold is None:
                self.error(
                    kind_node,
                    "a stretch step needs 'hold:' (or a hold in defaults), like hold: 20s",
                )
                return None
            reps, sides, rest = pick("reps", model.Int(1, 50)), pick("sides"), pick("rest")
            if _MISSING in (hold, reps, sides, rest):
                return None
            return model.Stretch(
                kind=name,
                title=title,
                hold=hold,
                reps=reps or 1,
                sides=sides or (),
                rest=rest or 0.0,
                **common,
            )
        if name == "exercise":
            reps, pace, sides, rest = pick("reps"), pick("pace"), pick("sides"), pick("rest")
            if reps is None:
                self.error(kind_node, "an exercise step needs 'reps:' (how many), like reps: 10")
                return None
            if _MISSING in (reps, pace, sides, rest):
                return None
            return model.Exercise(
                kind=name,
                title=title,
                reps=reps,
                pace=pace,
                sides=sides or (),
                rest=rest or 0.0,
                **common,
            )
        if name == "rest":
            return model.Rest(kind=name, title=format_duration(title), duration=title, **common)
        if name == "breathe":
            if "for" not in keys:
                if "for" not in typos:
                    self.error(
                        kind_node, "a breathe step needs 'for:' (how long in all), like for: 2m"
                    )
                return None
            if "for" not in values:
                return None
            inhale, exhale = values.get("in", 4.0), values.get("out", 6.0)
            return model.Breathe(
                kind=name,
                title=title,
                duration=values["for"],
                inhale=inhale,
                exhale=exhale,
                pause=values.get("hold", 0.0),
                **common,
            )
        if name in ("ice", "heat"):
            on = values.get("on", 1200.0)
            if on > THERAPY_ON_ADVISED and "on" in keys:
                self.error(
                    keys["on"][1],
                    f"on: {format_duration(on)} is longer than the 20 minutes most guidance "
                    "advises; 20m is safer (30m is the most unknot allows)",
                    severity="warning",
                )
            return model.Therapy(
                kind=name,
                title=title,
                on=on,
                off=values.get("off", 1200.0),
                cycles=values.get("cycles", 1),
                **common,
            )
        if name == "check":
            return model.Check(kind=name, title=title, ask=values.get("ask", ()), **common)
        return model.Note(kind=name, title=title, **common)


# Every key a step may have: the kinds and each kind's other keys.
_STEP_KEYS = frozenset(
    [*model.STEP_KINDS, *(f.key for k in model.STEP_KINDS.values() for f in k.fields)]
)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _T + "null"


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return quoted(node.value)
    return "this"


def _close(key: str, allowed: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(key[:40], allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key(key: str, allowed: tuple[str, ...], where: str, close: str | None) -> str:
    if close:
        return f"unknown key {quoted(key)}; did you mean '{close}'?"
    return f"unknown key {quoted(key)} in {where}; the keys here are: {', '.join(allowed)}"


# --- pose libraries: files of poses, read the same way -----------------------------------


@dataclass
class PoseLibrary:
    poses: dict[str, Pose]
    problems: list[Problem] = field(default_factory=list)


def load_pose_library(data: bytes, path: str = "<text>") -> PoseLibrary:
    """A file of 'version: 1' and 'poses:', checked like a routine. No poses if any is wrong."""
    if len(data) > MAX_BYTES:
        return PoseLibrary({}, [file_too_big(path, len(data))])
    reader = _Reader(path, None)
    poses: dict[str, Pose] = {}
    try:
        root = _compose(_decode(data, reader), reader)
        keys = reader.mapping(root, ("version", "poses"), "the pose library")
        if "version" in keys:
            reader.value(keys["version"][1], "version", model.Version())
        if "poses" in keys:
            poses = read_poses(reader, keys["poses"][1], "poses", {})
        else:
            reader.error(root, "missing 'poses:'; a pose library is 'version: 1' and 'poses:'")
    except _Stop:
        pass
    reader.problems.sort(key=lambda p: (p.line, p.col))
    return PoseLibrary({} if reader.errors else poses, reader.problems)


@cache
def bundled_poses() -> dict[str, Pose]:
    """The poses that ship with the program. A problem in them is a bug for the tests."""
    library = load_pose_library(BUNDLED_POSES.read_bytes(), str(BUNDLED_POSES))
    if library.problems:
        raise ValueError("the bundled poses have problems: " + str(library.problems[0]))
    return library.poses
