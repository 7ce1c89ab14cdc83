"""A stick figure: the bases a pose starts from, the joint angles that change it, and where its
joints end up (forward kinematics).

Lengths are in head heights (an adult stands about 7.5 tall); angles are in degrees. A pose is
drawn in one of two views. In the `side` view bending forward and back is in the picture: a
positive angle moves a part toward the figure's front (flexion), a knee's bends the shin back.
In the `front` view reaching out to the sides is in the picture: shoulders and hips move the
limb away from the body, elbows and knees bend it back toward the body, and the trunk and neck
lean toward the figure's left. A lying figure's front view is seen from above.

The trunk has two halves, the low back and the upper back, so a back can round or arch.
`trunk` leans the low back from the base's upright; `back` bends the upper back on it. Thighs
are measured from the base's own down, not from the trunk, so leaning back while standing
leaves the legs where they are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # x0, y0, x1, y1

# The poses that ship with the program, a pose library file read like any other.
BUNDLED_POSES = Path(__file__).with_name("poses.yaml")

HEAD_RADIUS = 0.5
NECK = 0.3
TRUNK = 2.4  # hip joints to the shoulder line: the low back and the upper back, half each
UPPER_ARM = 1.4
FOREARM = 1.3  # elbow to the palm
THIGH = 1.9
SHIN = 1.9  # knee to the floor under the heel
FOOT = 0.8
SHOULDER_HALF = 0.8  # front view: the neck to each shoulder
HIP_HALF = 0.45  # front view: the middle of the pelvis to each hip joint
SEAT = SHIN  # a chair as high as a shin: thighs level, feet flat

SIDES = ("left", "right")
LIMB_JOINTS = ("shoulder", "elbow", "hip", "knee", "ankle")
BODY_JOINTS = ("trunk", "back", "neck", "shrug")
JOINTS: tuple[str, ...] = BODY_JOINTS + tuple(f"{s}_{j}" for j in LIMB_JOINTS for s in SIDES)
VIEWS = ("side", "front")

# What each joint can do in each view. Generous: a wrong angle is caught, an odd one is allowed.
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "side": {
        "trunk": (-90, 180),
        "back": (-45, 90),
        "neck": (-70, 70),
        "shrug": (0, 40),
        "shoulder": (-90, 190),
        "elbow": (0, 160),
        "hip": (-60, 170),
        "knee": (0, 165),
        "ankle": (-40, 90),
    },
    "front": {
        "trunk": (-60, 60),
        "back": (-45, 45),
        "neck": (-60, 60),
        "shrug": (0, 40),
        "shoulder": (-60, 190),
        "elbow": (-160, 160),
        "hip": (-60, 100),
        "knee": (-160, 160),
        "ankle": (-40, 90),
    },
}

JOINT_WORDS = {
    "trunk": "lean of the low back from the base's upright (+ forward, - back; front view: + to "
    "the figure's left)",
    "back": "bend of the upper back on the low back (+ rounds it, - arches it)",
    "neck": "tilt of the head (+ chin down, - head back; front view: + to the left)",
    "shrug": "shoulders raised toward the ears",
    "shoulder": "the upper arm from hanging along the trunk (+ forward, 180 overhead; front "
    "view: + out to the side)",
    "elbow": "bend of the elbow (front view: + brings the hand in toward the body)",
    "hip": "the thigh from the base's straight down (+ forward; front view: + out to the side)",
    "knee": "bend of the knee (front view: + brings the foot in toward the body)",
    "ankle": "the foot from square to the shin (+ points the toes)",
}


def joint_kind(joint: str) -> str:
    """'left_knee' -> 'knee'; 'trunk' -> 'trunk'."""
    return joint.split("_", 1)[1] if joint.startswith(("left_", "right_")) else joint


def angle_range(joint: str, view: str) -> tuple[float, float]:
    return RANGES[view][joint_kind(joint)]


@dataclass(frozen=True)
class Base:
    """Where a pose starts: which way the body lies, and the angles it has unless told."""

    name: str
    words: str
    up: float  # the screen direction the head points, degrees (0 right, 90 up)
    facing: int  # +1: the figure's front is `up` turned clockwise; -1: counterclockwise
    defaults: Mapping[str, float] = field(default_factory=dict)
    views: tuple[str, ...] = VIEWS
    floor: bool = True  # a side view stands on a floor line; a view from above has none
    chair: bool = False

    def floor_in(self, view: str) -> bool:
        lying = self.name.startswith("lying-")
        return self.floor and not (lying and view == "front")


BASES: dict[str, Base] = {
    b.name: b
    for b in (
        Base(
            "standing",
            "standing, facing right (front view: facing you)",
            90,
            1,
            {"shoulders": 8, "elbows": 10},
        ),
        Base(
            "sitting",
            "sitting on a chair, thighs level, feet flat, hands on the thighs",
            90,
            1,
            {"hips": 90, "knees": 90, "shoulders": 15, "elbows": 40},
            chair=True,
        ),
        Base(
            "kneeling",
            "kneeling upright, shins and feet flat on the floor behind",
            90,
            1,
            {"knees": 90, "ankles": 90},
        ),
        Base(
            "all-fours",
            "on hands and knees, head to the right",
            0,
            1,
            {"trunk": -19, "neck": 14, "hips": 90, "knees": 90, "ankles": 90, "shoulders": 71},
            views=("side",),
        ),
        Base("lying-back", "lying on the back, head to the left, legs straight", 180, 1),
        Base(
            "lying-front",
            "lying face down, head to the left, arms by the sides",
            180,
            -1,
            {"ankles": 90},
        ),
        Base(
            "lying-side",
            "lying on one side, knees drawn up, seen from above, head to the left",
            180,
            -1,
            {"trunk": 10, "hips": 50, "knees": 70, "shoulders": 70, "elbows": 40, "ankles": 30},
            views=("side",),
            floor=False,
        ),
    )
}
# A base's defaults may name both sides at once: 'hips' means left_hip and right_hip.
BOTH = {f"{j}s": (f"left_{j}", f"right_{j}") for j in LIMB_JOINTS}


def _expand(angles: Mapping[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in angles.items():
        for joint in BOTH.get(key, (key,)):
            out[joint] = float(value)
    return out


@dataclass(frozen=True)
class Pose:
    """A base, a view, and the angles that differ from the base's. Hashable, so a drawing of
    it can be cached."""

    name: str
    base: str
    view: str = "side"
    angles: tuple[tuple[str, float], ...] = ()
    pack: bool = False  # a cold or heat pack on the low back
    mirrored: bool = False  # drawn flipped left to right (the other side, in a side view)

    @cached_property
    def effective(self) -> dict[str, float]:
        """Every joint's angle: the pose's own, else the base's, else 0."""
        out = dict.fromkeys(JOINTS, 0.0)
        out.update(_expand(BASES[self.base].defaults))
        out.update(self.angles)
        return out

    def angle(self, joint: str) -> float:
        return self.effective[joint]

    def mirror(self) -> Pose:
        """The same pose done with the other side of the body."""
        swapped = {_other_side(j): v for j, v in self.angles}  # a base is the same both sides
        if self.view == "front":
            # Seen from the front, swapping the sides is the mirror image already; what leans
            # to one side leans to the other.
            for j in ("trunk", "neck"):
                if self.angle(j):
                    swapped[j] = -self.angle(j)
            return make_pose(self.name, self.base, self.view, swapped, pack=self.pack)
        return make_pose(
            self.name, self.base, self.view, swapped, pack=self.pack, mirrored=not self.mirrored
        )


def _other_side(joint: str) -> str:
    if joint.startswith("left_"):
        return "right_" + joint[5:]
    if joint.startswith("right_"):
        return "left_" + joint[6:]
    return joint


def make_pose(
    name: str,
    base: str,
    view: str = "side",
    angles: Mapping[str, float] | None = None,
    *,
    pack: bool = False,
    mirrored: bool = False,
) -> Pose:
    """A pose from angles that may name both sides at once ('knees': 90)."""
    if base not in BASES:
        raise ValueError(f"unknown base {base!r}")
    if view not in BASES[base].views:
        raise ValueError(f"{base} has no {view} view")
    expanded = _expand(angles or {})
    unknown = set(expanded) - set(JOINTS)
    if unknown:
        raise ValueError(f"unknown joints: {', '.join(sorted(unknown))}")
    return Pose(name, base, view, tuple(sorted(expanded.items())), pack, mirrored)


def between(a: Pose, b: Pose, t: float) -> Pose:
    """The in-between of two poses of one base and view: `a` at t=0, `b` at t=1."""
    if (a.base, a.view, a.mirrored) != (b.base, b.view, b.mirrored):
        raise ValueError(f"can't move between {a.name!r} and {b.name!r}: base or view differ")
    t = min(1.0, max(0.0, t))
    ea, eb = a.effective, b.effective
    angles = {j: ea[j] + (eb[j] - ea[j]) * t for j in JOINTS}
    return Pose(
        f"{a.name}>{b.name}",
        a.base,
        a.view,
        tuple(sorted(angles.items())),
        a.pack if t < 0.5 else b.pack,
        a.mirrored,
    )


# --- forward kinematics ----------------------------------------------------------------------


@dataclass(frozen=True)
class Skeleton:
    """A pose placed on the floor: named joints, the lines to draw, and the head.

    y points up and the floor is y = 0. Strokes are polylines; a chair or a pack is drawn as
    strokes too."""

    joints: Mapping[str, Point]
    strokes: tuple[tuple[Point, ...], ...]
    head: Point
    head_radius: float
    floor: bool

    def bounds(self) -> Bounds:
        xs = [p[0] for s in self.strokes for p in s]
        ys = [p[1] for s in self.strokes for p in s]
        hx, hy = self.head
        r = self.head_radius
        x0, x1 = min([*xs, hx - r]), max([*xs, hx + r])
        y0, y1 = min([*ys, hy - r]), max([*ys, hy + r])
        if self.floor:
            y0 = min(y0, 0.0)
        return x0, y0, x1, y1

    def in_box(self, box: Bounds, frame: Bounds | None = None) -> Skeleton:
        """Scaled into `box` (x0, y0, x1, y1) keeping its proportions, centred. `frame` is the
        part of the figure's space to fit (its own bounds unless given)."""
        scale, ox, oy = fit(frame or self.bounds(), box)

        def move(p: Point) -> Point:
            return (ox + p[0] * scale, oy + p[1] * scale)

        return Skeleton(
            {k: move(p) for k, p in self.joints.items()},
            tuple(tuple(move(p) for p in s) for s in self.strokes),
            move(self.head),
            self.head_radius * scale,
            self.floor,
        )

    def in_unit_box(self) -> Skeleton:
        return self.in_box((0.0, 0.0, 1.0, 1.0))


def fit(frame: Bounds, box: Bounds) -> tuple[float, float, float]:
    """Scale and offsets (x' = ox + x * scale, likewise y) that put `frame` in the middle of
    `box` as large as it fits without changing its proportions."""
    fx0, fy0, fx1, fy1 = frame
    bx0, by0, bx1, by1 = box
    fw, fh = max(fx1 - fx0, 1e-9), max(fy1 - fy0, 1e-9)
    scale = min((bx1 - bx0) / fw, (by1 - by0) / fh)
    ox = bx0 + ((bx1 - bx0) - fw * scale) / 2 - fx0 * scale
    oy = by0 + ((by1 - by0) - fh * scale) / 2 - fy0 * scale
    return scale, ox, oy


def _at(p: Point, length: float, deg: float) -> Point:
    r = math.radians(deg)
    return (p[0] + length * math.cos(r), p[1] + length * math.sin(r))


def skeleton(pose: Pose) -> Skeleton:
    """Where every joint of `pose` is, standing, sitting or lying on the floor."""
    base = BASES[pose.base]
    a = pose.effective
    front = pose.view == "front"
    # The body's own frame: y toward the head, x toward the front (side view) or the
    # figure's left (front view); mapped onto the screen at the end.
    j: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    low = 90.0 - a["trunk"]
    j["waist"] = _at(j["pelvis"], TRUNK / 2, low)
    upper = low - a["back"]
    j["neck"] = _at(j["waist"], TRUNK / 2, upper)
    head_dir = upper - a["neck"]
    j["chin"] = _at(j["neck"], NECK, head_dir)
    j["head"] = _at(j["neck"], NECK + HEAD_RADIUS, head_dir)
    shrug = math.radians(a["shrug"])
    fold = -1.0 if front else 1.0
    strokes: list[list[str]] = [["pelvis", "waist", "neck", "chin"]]
    for side in SIDES:
        s = -1.0 if front and side == "right" else 1.0
        width = SHOULDER_HALF if front else 0.0
        across = _at((0.0, 0.0), s * width * math.cos(shrug), upper - 90)
        lift = _at((0.0, 0.0), SHOULDER_HALF * math.sin(shrug), upper)
        n = j["neck"]
        j[f"{side}_shoulder"] = (n[0] + across[0] + lift[0], n[1] + across[1] + lift[1])
        arm = upper + 180 + s * a[f"{side}_shoulder"]
        j[f"{side}_elbow"] = _at(j[f"{side}_shoulder"], UPPER_ARM, arm)
        forearm = arm + s * fold * a[f"{side}_elbow"]
        j[f"{side}_hand"] = _at(j[f"{side}_elbow"], FOREARM, forearm)
        j[f"{side}_hip"] = (s * (HIP_HALF if front else 0.0), 0.0)
        thigh = 270 + s * a[f"{side}_hip"]
        j[f"{side}_knee"] = _at(j[f"{side}_hip"], THIGH, thigh)
        shin = thigh - s * a[f"{side}_knee"]
        j[f"{side}_ankle"] = _at(j[f"{side}_knee"], SHIN, shin)
        foot = shin + s * (90 - a[f"{side}_ankle"])
        j[f"{side}_toe"] = _at(j[f"{side}_ankle"], FOOT * (0.5 if front else 1.0), foot)
        strokes.append(["neck", f"{side}_shoulder", f"{side}_elbow", f"{side}_hand"])
        strokes.append(["pelvis", f"{side}_hip", f"{side}_knee", f"{side}_ankle", f"{side}_toe"])
    extra: list[tuple[Point, ...]] = []
    if pose.pack:
        extra.append(_pack(j, front))
    # Onto the screen: the base turns the body; a mirrored pose is flipped left to right.
    ux, uy = _at((0.0, 0.0), 1.0, base.up)
    fx, fy = _at((0.0, 0.0), 1.0, base.up - 90 * base.facing)
    flip = -1.0 if pose.mirrored else 1.0

    def screen(p: Point) -> Point:
        return (flip * (p[0] * fx + p[1] * ux), p[0] * fy + p[1] * uy)

    placed = {k: screen(p) for k, p in j.items()}
    lines = [tuple(placed[k] for k in s) for s in strokes]
    lines += [tuple(screen(p) for p in s) for s in extra]
    if base.chair:
        lift_by = SEAT - placed["pelvis"][1]  # sitting: the pelvis rests on the seat
    else:
        lowest = min([p[1] for s in lines for p in s] + [placed["head"][1] - HEAD_RADIUS])
        lift_by = -lowest  # the lowest part of the body touches the floor
    moved = {k: (p[0], p[1] + lift_by) for k, p in placed.items()}
    drawn = [tuple((p[0], p[1] + lift_by) for p in s) for s in lines]
    if base.chair:
        drawn += _chair(moved["pelvis"][0], 0.0 if front else flip * fx, front)
    return Skeleton(moved, tuple(drawn), moved["head"], HEAD_RADIUS, base.floor_in(pose.view))


def _chair(x: float, forward: float, front: bool) -> list[tuple[Point, ...]]:
    """A plain chair under a sitting figure whose pelvis is at `x` (already on the seat)."""
    seat = SEAT - 0.3
    if front:
        return [((x - 1.1, 0.0), (x - 1.1, seat), (x + 1.1, seat), (x + 1.1, 0.0))]
    back, ahead = x - 0.7 * forward, x + 1.3 * forward
    return [
        ((ahead, 0.0), (ahead, seat), (back, seat), (back, 0.0)),
        ((back, seat), (back - 0.1 * forward, seat + 2.0)),
    ]


def _pack(j: Mapping[str, Point], front: bool) -> tuple[Point, ...]:
    """A pack on the low back: a small box behind the lower half of the trunk (on it, seen
    from the front or above)."""
    (px, py), (wx, wy) = j["pelvis"], j["waist"]
    dx, dy = wx - px, wy - py
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    nx, ny = (0.0, 0.0) if front else (-uy, ux)  # toward the back, in the body's frame
    near, far = (0.0, 0.45) if not front else (-0.25, 0.25)
    half = 0.45
    cx, cy = px + ux * 0.6, py + uy * 0.6
    corners = [
        (cx - ux * half + nx * near, cy - uy * half + ny * near),
        (cx + ux * half + nx * near, cy + uy * half + ny * near),
        (cx + ux * half + nx * far, cy + uy * half + ny * far),
        (cx - ux * half + nx * far, cy - uy * half + ny * far),
    ]
    if front:
        # Seen from the front the box lies across the trunk.
        wx2, wy2 = -uy * 0.5, ux * 0.5
        corners = [
            (cx - ux * 0.35 - wx2, cy - uy * 0.35 - wy2),
            (cx - ux * 0.35 + wx2, cy - uy * 0.35 + wy2),
            (cx + ux * 0.35 + wx2, cy + uy * 0.35 + wy2),
            (cx + ux * 0.35 - wx2, cy + uy * 0.35 - wy2),
        ]
    return (*corners, corners[0])


def frame_of(poses: Iterable[Pose]) -> Bounds:
    """The space every pose of a movement needs, and the halfway points between them, so a
    figure that moves keeps one scale and one place instead of swelling and shrinking."""
    chain = list(poses)
    if not chain:
        raise ValueError("no poses")
    shapes = [skeleton(p) for p in chain]
    for a, b in pairwise(chain):
        if (a.base, a.view, a.mirrored) == (b.base, b.view, b.mirrored):
            shapes.append(skeleton(between(a, b, 0.5)))
    boxes = [s.bounds() for s in shapes]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
