"""The commented routine that `unknot new` writes for a user to start from."""

from __future__ import annotations

TEMPLATE = """\
# yaml-language-server: $schema=routine.schema.json
#
# A routine for unknot. Lines starting with # are comments.
# Check it with:   unknot validate {path}
# Preview it with: unknot run {id} --plain --speed 20
#
# Durations are written like 45s, 2m, 1m30s, 20min or 1h.
# Move slowly, stretch only as far as is comfortable, and never bounce.

version: 1
name: {name}
description: What this routine is for, in a sentence or two.
tags: [my-routine]
source: Who prescribed it, or where it comes from

# Values for every stretch/exercise step that doesn't give its own.
defaults:
  hold: 20s
  rest: 5s

# Warning signs for this routine: reporting one stops the exercise.
# unknot's own warning signs always apply too.
stop_if:
  - Pain that shoots down a leg
  - Numbness or tingling in a leg

# Your own poses for the figures, when no bundled one fits. Bundled poses include standing,
# sitting, hook-lying, knee-hug, knee-roll, pelvic-tilt, bridge, cat, cow, childs-pose,
# belly-breath-in and prone-pack (the routine format document lists them all). Start 'like'
# one of them, or from a 'base', and give the angles (degrees) that differ.
poses:
  my-knee-hug:
    like: knee-hug
    left_hip: 110

steps:
  # A note waits until you press Enter. 'figure' shows a pose beside the words.
  - note: Lie on your back on a mat, knees bent, feet flat.
    figure: hook-lying

  # A stretch holds for a time, per rep and per side (none, both, or [left, right]).
  # A list of poses moves: into the last one as each hold starts, back out as it ends.
  # Poses are drawn for the left side; the right side is shown mirrored.
  - stretch: Knee to chest
    figure: [hook-lying, my-knee-hug]
    how: |
      Hug one knee gently toward your chest.
      Keep the other foot on the floor.
    hold: 5s
    reps: 5
    sides: both

  # An exercise is a counted set: with pace it is timed, without you press Enter when done.
  - exercise: Pelvic tilt
    figure: [hook-lying, pelvic-tilt]
    how: Flatten your lower back into the floor, then relax.
    reps: 10
    pace: 3s

  # A rest step is just its length.
  - rest: 30s

  # Paced breathing: in, an optional hold, out.
  - breathe: Slow breathing
    figure: [belly-breath-out, belly-breath-in]
    for: 1m
    in: 4s
    out: 6s

  # A check-in asks how your back feels (pain 0-10) and about warning signs.
  # Its own questions stop the routine on "yes", or on "no" where a question says stop_if: no.
  - check: How does your back feel now?
    ask:
      - Did the pain spread down a leg?
      - ask: Can you feel both feet as usual?
        stop_if: no
    figure: hook-lying

  # Cold or heat: 20 minutes on at most, at least 20 off; a towel between pack and skin.
  # - heat: Warm the lower back
  #   figure: prone-pack
  #   on: 20m
  #   off: 20m
  #   cycles: 1
"""


def render_template(routine_id: str, name: str, path: str) -> str:
    return TEMPLATE.format(id=routine_id, name=name, path=path)


PROGRAMME_TEMPLATE = """\
# yaml-language-server: $schema=programme.schema.json
#
# A programme for unknot: which routines, on which days, for how many weeks, building up.
# Check it with:   unknot validate {path}
# Follow it with:  unknot programme start {id}
#
# Start gently: a few repetitions, up to 3 times a day, and build up over days.

version: 1
programme: {name}
description: What this programme is for, in a sentence or two.
source: Who prescribed it, or where it comes from
weeks: 6

# Warning signs for every routine of the programme, on top of each routine's own and
# unknot's built-in ones (which nothing can remove).
stop_if:
  - Pain that is worse the day after a session than before it

# Each session is a routine (its id: the file name without .yaml, see 'unknot list'),
# on some days: daily, weekdays, or a list like [mon, wed, fri];
# 'times' a day (1-6, default 1); 'from_week' to start it later (default 1).
sessions:
  - routine: gentle-floor
    days: daily
  - routine: desk-break
    days: weekdays
    times: 2
  - routine: morning-mobility
    days: [mon, wed, fri]
    from_week: 3

# From a week on, longer holds and more reps, in every routine or one ('routine:').
# Steps add up; they never pass the routine format's limits (validate warns where they would).
progression:
  - week: 2
    hold: +5s
  - week: 3
    reps: +2
"""


def render_programme_template(routine_id: str, name: str, path: str) -> str:
    return PROGRAMME_TEMPLATE.format(id=routine_id, name=name, path=path)
