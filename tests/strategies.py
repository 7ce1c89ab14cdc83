"""Hypothesis strategies for valid routines, built straight from the model."""

from __future__ import annotations

from hypothesis import strategies as st

from unknot.core.format import routine as model

_seconds = st.integers(min_value=1, max_value=40).map(float)
_sides = st.sampled_from([(), ("left", "right"), ("right",), ("left", "right", "left")])
_title = st.text(min_size=1, max_size=20)

stretches = st.builds(
    model.Stretch,
    kind=st.just("stretch"),
    title=_title,
    hold=_seconds,
    reps=st.integers(1, 4),
    sides=_sides,
    rest=st.sampled_from([0.0, 2.0, 7.0]),
)
exercises = st.builds(
    model.Exercise,
    kind=st.just("exercise"),
    title=_title,
    reps=st.integers(1, 6),
    pace=st.one_of(st.none(), _seconds),
    sides=_sides,
    rest=st.sampled_from([0.0, 3.0]),
)
rests = st.builds(model.Rest, kind=st.just("rest"), title=st.just("rest"), duration=_seconds)
breathes = st.builds(
    model.Breathe,
    kind=st.just("breathe"),
    title=_title,
    duration=st.integers(10, 60).map(float),
    inhale=_seconds,
    exhale=_seconds,
    pause=st.sampled_from([0.0, 2.0]),
)
notes = st.builds(model.Note, kind=st.just("note"), title=_title)
therapies = st.builds(
    model.Therapy,
    kind=st.sampled_from(["ice", "heat"]),
    title=_title,
    on=st.integers(60, 1800).map(float),
    off=st.integers(1200, 2400).map(float),
    cycles=st.integers(1, 2),
)
checks = st.builds(model.Check, kind=st.just("check"), title=_title)

steps = st.one_of(stretches, exercises, rests, breathes, notes, therapies, checks)

routines = st.builds(
    model.Routine,
    id=st.just("generated"),
    name=_title,
    steps=st.lists(steps, min_size=1, max_size=6).map(tuple),
    rounds=st.integers(1, 3),
)
