"""JSON Schema of the routine format, generated from the tables in `routine.py`.

Editors use it to complete and check keys as people type. It can't say everything the program
checks (a duration's range, a hold that may come from defaults), so the program stays the
judge; but anything the schema rejects, the program rejects too.
"""

from __future__ import annotations

import json
from typing import Any

from unknot.core.format import programme_reader as reader
from unknot.core.format import routine as model
from unknot.core.format.programme import DAY_WORDS, TIMES_LIMITS, WEEKS_LIMITS

SCHEMA_ID = "https://unknot.invalid/routine.schema.json"


def _field(f: model.Field) -> dict[str, Any]:
    out = f.type.schema()
    if f.doc:
        out = {**out, "description": f.doc}
    return out


def _step(kind: model.StepKind) -> dict[str, Any]:
    props: dict[str, Any] = {kind.name: {**kind.title.schema(), "description": kind.doc}}
    for f in kind.fields:
        props[f.key] = _field(f)
    return {
        "type": "object",
        "title": kind.name,
        "properties": props,
        "required": [kind.name, *(f.key for f in kind.fields if f.required)],
        "additionalProperties": False,
    }


def routine_schema() -> dict[str, Any]:
    props: dict[str, Any] = {f.key: _field(f) for f in model.TOP_LEVEL}
    props["defaults"] = {
        "type": "object",
        "description": "values for stretch and exercise steps that don't give their own",
        "properties": {f.key: _field(f) for f in model.DEFAULT_KEYS},
        "additionalProperties": False,
    }
    props["steps"] = {
        "type": "array",
        "minItems": 1,
        "maxItems": model.MAX_STEPS,
        "items": {"oneOf": [_step(k) for k in model.STEP_KINDS.values()]},
    }
    ordered = {key: props[key] for key in model.TOP_LEVEL_KEYS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "unknot routine",
        "description": "A stretching or cold/heat routine for unknot (format version 1).",
        "type": "object",
        "properties": ordered,
        "required": [f.key for f in model.TOP_LEVEL if f.required] + ["steps"],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(routine_schema(), indent=2, ensure_ascii=False) + "\n"


PROGRAMME_SCHEMA_ID = "https://unknot.invalid/programme.schema.json"
# A duration to add: "+10s", "+1m", or seconds.
MORE_TIME_PATTERN = (
    r"^\s*\+?\s*(?:\d+(?:\.\d+)?\s*(?:[hH]|[mM][iI][nN]|[mM]|[sS][eE][cC]|[sS])\s*)+$"
    r"|^\s*\+?\s*\d+\s*$"
)


def programme_schema() -> dict[str, Any]:
    """The programme format (see `programme_reader`), for editors."""
    routine_id = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}
    day = {"enum": sorted(DAY_WORDS)}
    more_time = {
        "anyOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": MORE_TIME_PATTERN},
        ]
    }
    props: dict[str, Any] = {
        "version": model.Version().schema(),
        "programme": reader.NAME.schema(),
        "description": model.Text().schema(),
        "source": model.Text().schema(),
        "weeks": model.Int(*WEEKS_LIMITS).schema(),
        "stop_if": model.TextList().schema(),
        "sessions": {
            "type": "array",
            "minItems": 1,
            "maxItems": reader.MAX_SESSIONS,
            "items": {
                "type": "object",
                "properties": {
                    "routine": routine_id,
                    "days": {
                        "anyOf": [
                            {"enum": ["daily", "every day", "weekdays", *sorted(DAY_WORDS)]},
                            {"type": "array", "items": day, "minItems": 1, "maxItems": 7},
                        ]
                    },
                    "times": model.Int(*TIMES_LIMITS).schema(),
                    "from_week": model.Int(1, WEEKS_LIMITS[1]).schema(),
                },
                "required": ["routine"],
                "additionalProperties": False,
            },
        },
        "progression": {
            "type": "array",
            "maxItems": reader.MAX_PROGRESSION,
            "items": {
                "type": "object",
                "properties": {
                    "week": model.Int(1, WEEKS_LIMITS[1]).schema(),
                    "routine": routine_id,
                    "hold": more_time,
                    "reps": {
                        "anyOf": [
                            {"type": "integer", "minimum": 1, "maximum": reader.REPS_STEP_MOST},
                            {"type": "string", "pattern": r"^\s*\+?\s*[0-9]+\s*$"},
                        ]
                    },
                },
                "required": ["week"],
                "additionalProperties": False,
            },
        },
    }
    for key, doc in reader.DOCS.items():
        props[key] = {**props[key], "description": doc}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": PROGRAMME_SCHEMA_ID,
        "title": "unknot programme",
        "description": "Routines on days over weeks, building up, for unknot (format version 1).",
        "type": "object",
        "properties": {key: props[key] for key in reader.TOP_LEVEL_KEYS},
        "required": ["version", "programme", "weeks", "sessions"],
        "additionalProperties": False,
    }


def programme_schema_text() -> str:
    return json.dumps(programme_schema(), indent=2, ensure_ascii=False) + "\n"
