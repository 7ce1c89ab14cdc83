"""JSON Schema of the routine format, generated from the tables in `routine.py`.

Editors use it to complete and check keys as people type. It can't say everything the program
checks (a duration's range, a hold that may come from defaults), so the program stays the
judge; but anything the schema rejects, the program rejects too.
"""

from __future__ import annotations

import json
from typing import Any

from unknot.core import routine as model

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
