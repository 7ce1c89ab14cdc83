"""Poses written in YAML: a `poses:` mapping (in a routine file, or the bundled pose library)
and a step's `figure:`.

They are read from the node tree by the routine loader's own reader, so every problem has its
file, line and column, and unknown keys get the same "did you mean" as everywhere else.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from unknot.core.figures.pose import (
    BASES,
    BODY_JOINTS,
    BOTH,
    JOINT_WORDS,
    JOINTS,
    RANGES,
    VIEWS,
    Pose,
    angle_range,
    joint_kind,
    make_pose,
)
from unknot.core.text import quoted

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_FIGURE = 6  # poses one step moves between
SHAPE_KEYS = ("like", "base", "view", "pack")
POSE_KEYS: tuple[str, ...] = SHAPE_KEYS + BODY_JOINTS + tuple(BOTH) + JOINTS[len(BODY_JOINTS) :]


class NodeReader(Protocol):
    """What the routine loader's reader offers: report at a node, read a mapping, a value."""

    def error(self, node: yaml.Node, message: str, severity: str = "error") -> None: ...

    def mapping(
        self, node: yaml.Node, allowed: tuple[str, ...], where: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]: ...

    def scalar(self, node: yaml.Node, key: str) -> Any: ...


@dataclass
class _Draft:
    """One pose as written, before `like` is followed."""

    name: str
    node: yaml.Node  # the name's node, where problems of the whole pose are reported
    like: tuple[str, yaml.Node] | None = None
    base: tuple[str, yaml.Node] | None = None
    view: tuple[str, yaml.Node] | None = None
    pack: bool | None = None
    angles: dict[str, tuple[float, yaml.Node]] = field(default_factory=dict)


def pose_names(names: Mapping[str, Pose] | list[str], wrong: str) -> str:
    """' did you mean X?' for a name that is not a pose, or '' when nothing is close."""
    close = difflib.get_close_matches(wrong, list(names), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def read_poses(
    reader: NodeReader, node: yaml.Node, key: str, known: Mapping[str, Pose]
) -> dict[str, Pose]:
    """The poses of a `poses:` mapping, each resolved: a pose may be `like` another of them or
    any pose in `known`. Poses with problems are left out, after reporting them."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return {}
    names: tuple[str, ...] = ()
    if isinstance(node, yaml.MappingNode):
        names = tuple(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode))
    entries = reader.mapping(node, names, key)
    drafts: dict[str, _Draft] = {}
    for name, (name_node, value_node) in entries.items():
        if not NAME_PATTERN.match(name):
            reader.error(
                name_node,
                f"{key}: the pose name '{name}' should be lowercase letters, digits and '-'",
            )
            continue
        draft = _read_draft(reader, name, name_node, value_node, key)
        if draft is not None:
            drafts[name] = draft
    out: dict[str, Pose] = {}
    failed: set[str] = set()
    said: set[frozenset[str]] = set()
    for name in drafts:
        _resolve(reader, name, drafts, known, out, failed, said)
    return {name: out[name] for name in drafts if name in out}


def _read_draft(
    reader: NodeReader, name: str, name_node: yaml.Node, node: yaml.Node, key: str
) -> _Draft | None:
    where = f"pose '{name}'"
    if not isinstance(node, yaml.MappingNode):
        reader.error(
            node if not _is_null(node) else name_node,
            f"{key}.{name}: should be a mapping like 'base: lying-back' with the angles "
            "that differ from it",
        )
        return None
    keys = reader.mapping(node, POSE_KEYS, where)
    draft = _Draft(name, name_node)
    ok = True
    for word in ("like", "base", "view"):
        if word in keys:
            value = _word(reader, keys[word][1], f"{name}.{word}")
            if value is None:
                ok = False
                continue
            setattr(draft, word, (value, keys[word][1]))
    if draft.base and draft.base[0] not in BASES:
        value, at = draft.base
        reader.error(
            at,
            f"{name}.base: '{value}' is not a base{pose_names(list(BASES), value)} "
            f"(the bases: {', '.join(BASES)})",
        )
        ok = False
    if draft.view and draft.view[0] not in VIEWS:
        value, at = draft.view
        reader.error(at, f"{name}.view: '{value}' should be side or front")
        ok = False
    if "pack" in keys:
        raw = reader.scalar(keys["pack"][1], f"{name}.pack")
        if isinstance(raw, bool):
            draft.pack = raw
        else:
            reader.error(keys["pack"][1], f"{name}.pack: should be true or false")
            ok = False
    # Both sides first ('knees: 90'), then one side ('left_knee: 120') wins over it.
    ordered = [k for k in keys if k in BOTH] + [k for k in keys if k in JOINTS]
    for word in ordered:
        value_node = keys[word][1]
        number = _number(reader, value_node, f"{name}.{word}")
        if number is None:
            ok = False
            continue
        for joint in BOTH.get(word, (word,)):
            draft.angles[joint] = (number, value_node)
    return draft if ok else None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _word(reader: NodeReader, node: yaml.Node, key: str) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        reader.scalar(node, key)  # says what was found instead
        return None
    raw = reader.scalar(node, key)
    if not isinstance(raw, str) or not raw.strip():
        reader.error(node, f"{key}: should be a name")
        return None
    return raw.strip()


_ANGLE = re.compile(r"[+-]?[0-9]{1,4}(?:\.[0-9]{1,3})?")


def _number(reader: NodeReader, node: yaml.Node, key: str) -> float | None:
    if not isinstance(node, yaml.ScalarNode):
        reader.scalar(node, key)
        return None
    raw = reader.scalar(node, key)
    # Numbers come as the text written, bounded here before any conversion: an angle is a
    # few digits, maybe signed, maybe with a fraction.
    if not isinstance(raw, str) or not _ANGLE.fullmatch(raw.strip()):
        shown = quoted(node.value[:20])
        reader.error(node, f"{key}: {shown} should be an angle in degrees, like 90 or -15")
        return None
    return float(raw)


def _circle(name: str, drafts: Mapping[str, _Draft]) -> list[str] | None:
    """The poses round the circle when following `like` from `name` through the file's own
    poses comes back to it ([name, ..., name]); None when it leads anywhere else."""
    path, draft = [name], drafts[name]
    while draft.like is not None:
        wanted = draft.like[0]
        if wanted == name:
            return [*path, name]
        if wanted not in drafts or wanted in path:
            return None
        path.append(wanted)
        draft = drafts[wanted]
    return None


def _resolve(
    reader: NodeReader,
    name: str,
    drafts: Mapping[str, _Draft],
    known: Mapping[str, Pose],
    out: dict[str, Pose],
    failed: set[str],
    said: set[frozenset[str]],
) -> Pose | None:
    """The finished pose `name`, following `like` through the drafts and then `known`.

    A `like` that would come back round to the pose it is written in (itself, or a -> b -> a)
    names the bundled pose of that name, so a file can change a bundled pose starting from
    it; with no bundled pose of that name it is an error, said once for each circle."""
    if name in out:
        return out[name]
    if name in failed:
        return None
    draft = drafts[name]
    parent: Pose | None = None
    if draft.like is not None:
        wanted, at = draft.like
        circle = _circle(name, drafts)
        if circle is not None:
            parent = known.get(wanted)
            if parent is None:
                _no_way_round(reader, circle, drafts, known, said)
                failed.add(name)
                return None
        elif wanted in drafts:
            parent = _resolve(reader, wanted, drafts, known, out, failed, said)
            if parent is None:
                failed.add(name)  # the other pose's own problem is reported already
                return None
        elif wanted in known:
            parent = known[wanted]
        else:
            everything = [*drafts, *known]
            reader.error(at, f"{name}.like: no pose '{wanted}'{pose_names(everything, wanted)}")
            failed.add(name)
            return None
    base = draft.base[0] if draft.base else parent.base if parent else None
    if base is None:
        reader.error(
            draft.node,
            f"pose '{name}' needs 'base:' (one of {', '.join(BASES)}) or 'like:' another pose",
        )
        failed.add(name)
        return None
    view = draft.view[0] if draft.view else parent.view if parent else "side"
    if view not in BASES[base].views:
        at = draft.view[1] if draft.view else draft.node
        reader.error(at, f"{name}: a {base} pose is drawn in a side view only")
        failed.add(name)
        return None
    angles: dict[str, float] = dict(parent.angles) if parent else {}
    ok = True
    for joint, (value, at) in draft.angles.items():
        lo, hi = angle_range(joint, view)
        if not lo <= value <= hi:
            reader.error(at, _out_of_range(name, joint, value, view))
            ok = False
        angles[joint] = value
    for joint, value in angles.items():
        lo, hi = angle_range(joint, view)
        if joint not in draft.angles and not lo <= value <= hi:
            reader.error(draft.node, _out_of_range(name, joint, value, view) + " (from 'like')")
            ok = False
    if not ok:
        failed.add(name)
        return None
    pack = draft.pack if draft.pack is not None else parent.pack if parent else False
    pose = make_pose(name, base, view, angles, pack=pack)
    out[name] = pose
    return pose


def _no_way_round(
    reader: NodeReader,
    circle: list[str],
    drafts: Mapping[str, _Draft],
    known: Mapping[str, Pose],
    said: set[frozenset[str]],
) -> None:
    """Say, once for the circle, at its last `like` that has no bundled pose to go to."""
    if frozenset(circle) in said:
        return
    said.add(frozenset(circle))
    stuck = [p for p, wanted in itertools.pairwise(circle) if wanted not in known]
    last = stuck[-1]
    like = drafts[last].like
    assert like is not None
    wanted, at = like
    if wanted == last:
        reader.error(at, f"{last}.like: is this pose itself, and there is no bundled pose '{last}'")
    else:
        loop = " -> ".join(circle)
        reader.error(
            at,
            f"{last}.like: the poses are like each other in a circle ({loop}), and there is "
            f"no bundled pose '{wanted}' to start from",
        )


def _out_of_range(name: str, joint: str, value: float, view: str) -> str:
    lo, hi = angle_range(joint, view)
    return (
        f"{name}.{joint}: {value:g} is outside {lo:g} to {hi:g}, what a "
        f"{joint_kind(joint)} can do in a {view} view ({JOINT_WORDS[joint_kind(joint)]})"
    )


def read_figure(
    reader: NodeReader, node: yaml.Node, key: str, known: Mapping[str, Pose]
) -> tuple[Pose, ...] | None:
    """A step's `figure:`: one pose name, or a list of the poses the step moves between.
    None after reporting a problem."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    if isinstance(node, yaml.SequenceNode) and not 1 <= len(items) <= MAX_FIGURE:
        reader.error(node, f"{key}: name one pose, or a list of up to {MAX_FIGURE} poses")
        return None
    if isinstance(node, yaml.MappingNode) or _is_null(node):
        reader.error(node, f"{key}: name a pose, like 'figure: hook-lying', or a list of poses")
        return None
    poses: list[Pose] = []
    for item in items:
        name = _word(reader, item, key)
        if name is None:
            return None
        if name not in known:
            reader.error(item, f"{key}: no pose '{name}'{pose_names(known, name)}")
            return None
        pose = known[name]
        if poses and (pose.base, pose.view) != (poses[0].base, poses[0].view):
            first = poses[0]
            reader.error(
                item,
                f"{key}: '{name}' is {pose.base} ({pose.view} view) but '{first.name}' is "
                f"{first.base} ({first.view} view); the poses a step moves between share a "
                "base and a view",
            )
            return None
        poses.append(pose)
    return tuple(poses)


def schema_of_pose() -> dict[str, Any]:
    """JSON Schema of one pose: the widest range of each angle over both views (the program
    checks each view's own)."""
    props: dict[str, Any] = {
        "like": {"type": "string", "pattern": NAME_PATTERN.pattern},
        "base": {"enum": list(BASES)},
        "view": {"enum": list(VIEWS)},
        "pack": {"type": "boolean", "description": "a cold or heat pack on the low back"},
    }
    for word in POSE_KEYS[len(SHAPE_KEYS) :]:
        kind = joint_kind(BOTH[word][0]) if word in BOTH else joint_kind(word)
        lo = min(RANGES[v][kind][0] for v in VIEWS)
        hi = max(RANGES[v][kind][1] for v in VIEWS)
        words = JOINT_WORDS[kind] + (" (both sides)" if word in BOTH else "")
        props[word] = {"type": "number", "minimum": lo, "maximum": hi, "description": words}
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "anyOf": [{"required": ["base"]}, {"required": ["like"]}],
    }
