"""The typed model of a routine, and the table of keys that defines the file format.

`STEP_KINDS`, `TOP_LEVEL` and `DEFAULT_KEYS` are the one definition of the format: the loader
checks files against them and `schema.py` turns them into JSON Schema, so the program and
editors agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unknot.core.figures.pose import Pose
from unknot.core.limits import THERAPY_OFF_MIN, THERAPY_ON_LIMITS

FORMAT_VERSIONS = (1,)
SIDE_NAMES = ("left", "right")
SOUND_EVENTS = ("start", "switch", "countdown", "end", "done", "alarm", "reminder")

# Limits from the format doc; the cold/heat ones (the safety floor in safety.md) are in limits.
HOLD_LIMITS = (1.0, 600.0)
BREATHE_LIMITS = (10.0, 1800.0)
MAX_STEPS = 500


# --- field types -------------------------------------------------------------------------

# Text on one line: no line break of any kind (a name can't forge a line of the report).
ONE_LINE_PATTERN = r"^[^\n\r\u000b\u000c\u0085\u2028\u2029]*$"
# A whole number may be written in quotes ('10'); the program reads it as the number.
WHOLE_NUMBER_PATTERN = r"^\s*\+?[0-9]+\s*$"


@dataclass(frozen=True)
class Text:
    min_len: int = 0
    max_len: int | None = None
    one_line: bool = False

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.min_len:
            out["minLength"] = self.min_len
        if self.max_len:
            out["maxLength"] = self.max_len
        if self.one_line:
            out["pattern"] = ONE_LINE_PATTERN
        return out


@dataclass(frozen=True)
class TextList:
    """A list of warning signs or questions: each item one line of text."""

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "pattern": ONE_LINE_PATTERN},
        }


STOP_ANSWERS = {"yes": True, "true": True, "no": False, "false": False}


@dataclass(frozen=True)
class Asks:
    """A check's questions: text (yes means stop) or {ask: TEXT, stop_if: yes|no}."""

    def schema(self) -> dict[str, Any]:
        text = {"type": "string", "minLength": 1, "pattern": ONE_LINE_PATTERN}
        # Editors read YAML 1.2, where `no` is text; the program reads YAML 1.1, where it is
        # false. Both spellings mean the same answer.
        answer = {"enum": ["yes", "no", True, False], "description": "the answer that stops"}
        return {
            "type": "array",
            "items": {
                "anyOf": [
                    text,
                    {
                        "type": "object",
                        "properties": {"ask": text, "stop_if": answer},
                        "required": ["ask"],
                        "additionalProperties": False,
                    },
                ]
            },
        }


@dataclass(frozen=True)
class Words:
    """Tags: single words of letters, digits, '-' and '_'."""

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "pattern": r"^[\w-]+$"}}


@dataclass(frozen=True)
class Int:
    lo: int
    hi: int

    def schema(self) -> dict[str, Any]:
        # A quoted number's range can't be expressed for strings; the program checks it.
        return {
            "anyOf": [
                {"type": "integer", "minimum": self.lo, "maximum": self.hi},
                {"type": "string", "pattern": WHOLE_NUMBER_PATTERN},
            ]
        }


DURATION_PATTERN = (
    r"^\s*(?:\d+(?:\.\d+)?\s*(?:[hH]|[mM][iI][nN]|[mM]|[sS][eE][cC]|[sS])\s*)+$|^\s*\d+\s*$"
)


@dataclass(frozen=True)
class Duration:
    lo: float
    hi: float | None = None

    def schema(self) -> dict[str, Any]:
        # A duration's range can't be expressed for strings; the program checks it.
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": DURATION_PATTERN},
            ]
        }


@dataclass(frozen=True)
class Sides:
    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"enum": ["none", "both"]},
                {
                    "type": "array",
                    "items": {"enum": list(SIDE_NAMES)},
                    "minItems": 1,
                    "maxItems": 4,
                },
            ]
        }


@dataclass(frozen=True)
class Version:
    def schema(self) -> dict[str, Any]:
        return {"enum": [*FORMAT_VERSIONS, *(str(v) for v in FORMAT_VERSIONS)]}


@dataclass(frozen=True)
class Sounds:
    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"enum": list(SOUND_EVENTS)},
            "additionalProperties": {"type": "string", "minLength": 1},
        }


@dataclass(frozen=True)
class Figure:
    """A step's figure: a pose name, or a list of the poses the step moves between."""

    def schema(self) -> dict[str, Any]:
        # The pose reader reads YAML nodes: loaded only when a schema is asked for.
        from unknot.core.format.pose_reader import MAX_FIGURE, NAME_PATTERN

        name = {"type": "string", "pattern": NAME_PATTERN.pattern}
        return {
            "anyOf": [
                name,
                {"type": "array", "items": name, "minItems": 1, "maxItems": MAX_FIGURE},
            ]
        }


@dataclass(frozen=True)
class Poses:
    """A routine's own poses: name -> a base and the angles that differ from it."""

    def schema(self) -> dict[str, Any]:
        from unknot.core.format.pose_reader import NAME_PATTERN, schema_of_pose

        return {
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN.pattern},
            "additionalProperties": schema_of_pose(),
        }


FieldType = (
    Text | TextList | Asks | Words | Int | Duration | Sides | Version | Sounds | Figure | Poses
)


@dataclass(frozen=True)
class Field:
    key: str
    type: FieldType
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class StepKind:
    """A step kind: its kind key's value type and the other keys it takes."""

    name: str
    title: FieldType
    fields: tuple[Field, ...]
    doc: str

    def field(self, key: str) -> Field | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


_HOW = Field("how", Text(), doc="instructions, one action per line")
_STOP_IF = Field("stop_if", TextList(), doc="warning signs for this step")
_SOUNDS = Field("sounds", Sounds(), doc="event -> bundled sound name or .wav beside the file")
_FIGURE = Field("figure", Figure(), doc="a pose, or a list of poses the step moves between")
_TITLE = Text(1, 80, one_line=True)

STEP_KINDS: dict[str, StepKind] = {
    k.name: k
    for k in (
        StepKind(
            "stretch",
            _TITLE,
            (
                _HOW,
                Field("hold", Duration(*HOLD_LIMITS), doc="how long each hold lasts"),
                Field("reps", Int(1, 50), doc="holds per side (default 1)"),
                Field("sides", Sides(), doc="none, both, or a list like [left, right]"),
                Field("rest", Duration(*HOLD_LIMITS), doc="rest between reps and sides"),
                _STOP_IF,
                _SOUNDS,
                _FIGURE,
            ),
            "a timed hold, per rep and per side",
        ),
        StepKind(
            "exercise",
            _TITLE,
            (
                _HOW,
                Field("reps", Int(1, 200), doc="repetitions in the set (required)"),
                Field("pace", Duration(*HOLD_LIMITS), doc="time per rep; absent = press a key"),
                Field("sides", Sides(), doc="none, both, or a list like [left, right]"),
                Field("rest", Duration(*HOLD_LIMITS), doc="rest between sides"),
                _STOP_IF,
                _SOUNDS,
                _FIGURE,
            ),
            "a counted set, timed by pace or finished by hand",
        ),
        StepKind(
            "rest", Duration(*HOLD_LIMITS), (_HOW, _STOP_IF, _SOUNDS, _FIGURE), "a timed rest"
        ),
        StepKind(
            "breathe",
            _TITLE,
            (
                Field("for", Duration(*BREATHE_LIMITS), required=True, doc="how long in all"),
                Field("in", Duration(*HOLD_LIMITS), doc="breathing in (default 4s)"),
                Field("out", Duration(*HOLD_LIMITS), doc="breathing out (default 6s)"),
                Field("hold", Duration(*HOLD_LIMITS), doc="pause after breathing in"),
                _HOW,
                _STOP_IF,
                _SOUNDS,
                _FIGURE,
            ),
            "paced breathing",
        ),
        *(
            StepKind(
                name,
                _TITLE,
                (
                    Field("on", Duration(*THERAPY_ON_LIMITS), doc="application (default 20m)"),
                    Field("off", Duration(THERAPY_OFF_MIN), doc="skin rest (default 20m)"),
                    Field("cycles", Int(1, 6), doc="applications (default 1)"),
                    _HOW,
                    _STOP_IF,
                    _SOUNDS,
                    _FIGURE,
                ),
                f"a {word} application with skin rest between",
            )
            for name, word in (("ice", "cold"), ("heat", "heat"))
        ),
        StepKind(
            "check",
            _TITLE,
            (
                Field("ask", Asks(), doc="yes/no questions: text (yes = stop) or {ask, stop_if}"),
                _STOP_IF,
                _SOUNDS,
                _FIGURE,
            ),
            "a check-in: pain 0-10 and the warning signs",
        ),
        StepKind(
            "note", Text(1), (_STOP_IF, _SOUNDS, _FIGURE), "text to read; continue with a key"
        ),
    )
}

DEFAULT_KEYS: tuple[Field, ...] = (
    Field("hold", Duration(*HOLD_LIMITS)),
    Field("rest", Duration(*HOLD_LIMITS)),
    Field("reps", Int(1, 200)),
    Field("sides", Sides()),
    Field("pace", Duration(*HOLD_LIMITS)),
)

TOP_LEVEL: tuple[Field, ...] = (
    Field("version", Version(), required=True, doc="format version: 1"),
    Field("name", Text(1, 80, one_line=True), required=True, doc="shown in the library"),
    Field("description", Text(), doc="one paragraph"),
    Field("tags", Words(), doc="words for filtering"),
    Field("source", Text(), doc="who prescribed it or where it comes from"),
    # defaults and steps are structured; the loader and schema treat them specially.
    Field("stop_if", TextList(), doc="warning signs added to the built-in ones"),
    Field("rounds", Int(1, 20), doc="times to run the step list (default 1)"),
    Field("sounds", Sounds(), doc="event -> sound"),
    Field("poses", Poses(), doc="this routine's own poses for its steps' figures"),
)
TOP_LEVEL_KEYS = (
    "version",
    "name",
    "description",
    "tags",
    "source",
    "defaults",
    "stop_if",
    "rounds",
    "sounds",
    "poses",
    "steps",
)


# --- the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    kind: str
    title: str
    line: int = 0
    how: str = ""
    stop_if: tuple[str, ...] = ()
    sounds: dict[str, str] = field(default_factory=dict)
    figure: tuple[Pose, ...] = ()  # one pose, or the poses the step moves between


@dataclass(frozen=True)
class Stretch(Step):
    hold: float = 20.0
    reps: int = 1
    sides: tuple[str, ...] = ()
    rest: float = 0.0


@dataclass(frozen=True)
class Exercise(Step):
    reps: int = 1
    pace: float | None = None
    sides: tuple[str, ...] = ()
    rest: float = 0.0


@dataclass(frozen=True)
class Rest(Step):
    duration: float = 10.0


@dataclass(frozen=True)
class Breathe(Step):
    duration: float = 60.0
    inhale: float = 4.0
    exhale: float = 6.0
    pause: float = 0.0


@dataclass(frozen=True)
class Therapy(Step):
    """An ice or heat application: `kind` is 'ice' or 'heat'."""

    on: float = 1200.0
    off: float = 1200.0
    cycles: int = 1


@dataclass(frozen=True)
class Question:
    """A check's own yes/no question. `stops_on` is the answer that stops the routine: True
    for "Did the pain spread down a leg?", False for "Did the skin look normal?"."""

    text: str
    stops_on: bool = True


@dataclass(frozen=True)
class Check(Step):
    ask: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Note(Step):
    pass


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    steps: tuple[Step, ...]
    version: int = 1
    description: str = ""
    tags: tuple[str, ...] = ()
    source: str = ""
    stop_if: tuple[str, ...] = ()
    rounds: int = 1
    sounds: dict[str, str] = field(default_factory=dict)
    path: str | None = None
