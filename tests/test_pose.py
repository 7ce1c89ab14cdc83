"""The pose model: angles in, joint positions out, placed on the floor sensibly for each base."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unknot.core.figures import pose as P
from unknot.core.figures.pose import BASES, JOINTS, between, frame_of, make_pose, skeleton


def close(a, b, tol=1e-9):
    return math.isclose(a[0], b[0], abs_tol=tol) and math.isclose(a[1], b[1], abs_tol=tol)


def test_standing_straight_puts_each_joint_where_the_lengths_say():
    j = skeleton(make_pose("s", "standing", angles={"shoulders": 0, "elbows": 0})).joints
    leg = P.THIGH + P.SHIN
    assert close(j["left_toe"], (P.FOOT, 0.0))  # the foot points forward along the floor
    assert close(j["left_ankle"], (0.0, 0.0))
    assert close(j["left_knee"], (0.0, P.SHIN))
    assert close(j["pelvis"], (0.0, leg))
    assert close(j["neck"], (0.0, leg + P.TRUNK))
    assert close(j["head"], (0.0, leg + P.TRUNK + P.NECK + P.HEAD_RADIUS))
    assert close(j["left_hand"], (0.0, leg + P.TRUNK - P.UPPER_ARM - P.FOREARM))


def test_a_bent_knee_and_hip_turn_the_shin_back_and_the_thigh_forward():
    j = skeleton(make_pose("m", "standing", angles={"left_hip": 90, "left_knee": 90})).joints
    hip, knee, ankle = j["left_hip"], j["left_knee"], j["left_ankle"]
    assert close(knee, (hip[0] + P.THIGH, hip[1]))  # thigh level, pointing forward (right)
    assert close(ankle, (knee[0], knee[1] - P.SHIN))  # shin straight down from the knee


def test_arms_overhead_point_up_and_forward_flexion_points_forward():
    up = skeleton(make_pose("u", "standing", angles={"shoulders": 180, "elbows": 0})).joints
    assert close(up["left_hand"], (0.0, up["neck"][1] + P.UPPER_ARM + P.FOREARM))
    ahead = skeleton(make_pose("a", "standing", angles={"shoulders": 90, "elbows": 0})).joints
    assert close(ahead["left_hand"], (P.UPPER_ARM + P.FOREARM, ahead["neck"][1]))


def test_leaning_back_standing_leaves_the_legs_where_they_are():
    still = skeleton(make_pose("s", "standing")).joints
    arched = skeleton(make_pose("a", "standing", angles={"trunk": -20, "back": -10})).joints
    for name in ("left_knee", "left_ankle", "pelvis"):
        assert close(still[name], arched[name])
    assert arched["neck"][0] < still["neck"][0]  # the shoulders went back (left)


def test_lying_on_the_back_the_head_rests_on_the_floor_and_the_body_lies_along_it():
    shape = skeleton(make_pose("l", "lying-back"))
    j = shape.joints
    assert math.isclose(j["head"][1] - P.HEAD_RADIUS, 0.0, abs_tol=1e-9)
    assert j["head"][0] < j["pelvis"][0] < j["left_ankle"][0]  # head left, feet right
    assert math.isclose(j["pelvis"][1], j["left_ankle"][1], abs_tol=1e-9)  # flat
    assert j["left_toe"][1] > j["left_ankle"][1]  # toes point at the ceiling
    assert shape.floor


def test_lying_face_down_faces_the_floor_and_points_the_toes_back():
    j = skeleton(make_pose("p", "lying-front", angles={"shoulders": 90, "elbows": 0})).joints
    assert j["left_hand"][1] < j["neck"][1]  # arms forward = toward the floor
    assert math.isclose(j["left_toe"][1], j["left_ankle"][1], abs_tol=1e-9)


def test_sitting_puts_the_pelvis_on_a_chair_seat_and_the_feet_on_the_floor():
    shape = skeleton(make_pose("s", "sitting"))
    j = shape.joints
    assert math.isclose(j["pelvis"][1], P.SEAT)
    assert math.isclose(j["left_ankle"][1], 0.0, abs_tol=1e-9)
    assert len(shape.strokes) > len(skeleton(make_pose("t", "standing")).strokes)  # the chair


def test_the_lowest_point_touches_the_floor_for_every_base():
    for name, base in BASES.items():
        shape = skeleton(make_pose(name, name))
        if base.chair:
            continue
        lowest = min([p[1] for s in shape.strokes for p in s] + [shape.head[1] - P.HEAD_RADIUS])
        assert math.isclose(lowest, 0.0, abs_tol=1e-9), name


def test_a_front_view_of_a_lying_figure_is_from_above_and_has_no_floor():
    assert not skeleton(make_pose("k", "lying-back", "front")).floor
    assert skeleton(make_pose("k", "standing", "front")).floor
    with pytest.raises(ValueError):
        make_pose("x", "all-fours", "front")


def test_front_view_limbs_move_out_to_their_own_side():
    j = skeleton(make_pose("t", "standing", "front", {"shoulders": 90, "elbows": 0})).joints
    # A T pose: the figure's left hand on the viewer's right, both at shoulder height.
    assert j["left_hand"][0] > j["neck"][0] > j["right_hand"][0]
    assert math.isclose(j["left_hand"][1], j["right_hand"][1])
    assert math.isclose(j["left_hand"][0] - j["neck"][0], j["neck"][0] - j["right_hand"][0])


def test_mirroring_a_side_view_flips_it_and_swaps_the_sides():
    hug = make_pose("hug", "lying-back", angles={"left_hip": 120, "left_knee": 120})
    a, b = skeleton(hug).joints, skeleton(hug.mirror()).joints
    assert close(b["right_knee"], (-a["left_knee"][0], a["left_knee"][1]))
    assert hug.mirror().mirror() == hug


def test_mirroring_a_front_view_is_its_mirror_image():
    reach = make_pose("r", "standing", "front", {"trunk": 15, "right_shoulder": 150})
    a, b = skeleton(reach).joints, skeleton(reach.mirror()).joints
    ax, bx = a["pelvis"][0], b["pelvis"][0]
    assert close(
        (b["left_hand"][0] - bx, b["left_hand"][1]), (ax - a["right_hand"][0], a["right_hand"][1])
    )


def test_between_blends_every_angle_and_ends_at_each_pose():
    a = make_pose("a", "all-fours", angles={"back": 30})
    b = make_pose("b", "all-fours", angles={"back": -20})
    assert between(a, b, 0.0).effective == a.effective
    assert between(a, b, 1.0).effective == b.effective
    assert between(a, b, 0.5).angle("back") == 5.0
    with pytest.raises(ValueError):
        between(a, make_pose("c", "standing"), 0.5)


def test_the_unit_box_holds_the_figure_and_keeps_its_proportions():
    shape = skeleton(make_pose("s", "standing"))
    x0, y0, x1, y1 = shape.bounds()
    unit = shape.in_unit_box()
    ux0, uy0, ux1, uy1 = unit.bounds()
    assert min(ux0, uy0) >= -1e-9 and max(ux1, uy1) <= 1 + 1e-9
    assert math.isclose(uy1 - uy0, 1.0)  # a standing figure is taller than wide
    assert math.isclose((ux1 - ux0) / (uy1 - uy0), (x1 - x0) / (y1 - y0))


def test_the_frame_of_a_movement_holds_every_in_between():
    a = make_pose("a", "lying-back", angles={"hips": 45, "knees": 110})
    b = make_pose("b", "lying-back", angles={"trunk": -28, "hips": 20, "knees": 100})
    fx0, fy0, fx1, fy1 = frame_of([a, b])
    for t in (0.0, 0.2, 0.5, 0.8, 1.0):
        x0, y0, x1, y1 = skeleton(between(a, b, t)).bounds()
        assert fx0 - 1e-6 <= x0 and x1 <= fx1 + 0.05 and fy0 - 1e-6 <= y0 and y1 <= fy1 + 0.05


BONES = [
    ("neck", "chin", P.NECK),
    ("pelvis", "waist", P.TRUNK / 2),
    ("left_shoulder", "left_elbow", P.UPPER_ARM),
    ("right_elbow", "right_hand", P.FOREARM),
    ("left_hip", "left_knee", P.THIGH),
    ("right_knee", "right_ankle", P.SHIN),
]


@settings(max_examples=60, deadline=None)
@given(
    base=st.sampled_from(sorted(BASES)),
    front=st.booleans(),
    values=st.lists(st.floats(0, 1), min_size=len(JOINTS), max_size=len(JOINTS)),
)
def test_any_pose_in_range_keeps_its_bone_lengths(base, front, values):
    view = "front" if front and "front" in BASES[base].views else "side"
    angles = {}
    for joint, u in zip(JOINTS, values, strict=True):
        lo, hi = P.angle_range(joint, view)
        angles[joint] = lo + (hi - lo) * u
    j = skeleton(make_pose("p", base, view, angles)).joints
    for a, b, length in BONES:
        assert math.isclose(math.dist(j[a], j[b]), length, rel_tol=1e-9)
