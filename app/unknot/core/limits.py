"""The limits the engine keeps, where the timer model can read them without the routine
model: `unknot status` reads a saved timer on every status-bar refresh."""

from __future__ import annotations

# Cold or heat on the skin: never less than a minute, never more than 30 minutes; 20 is what
# most guidance advises. The skin rests at least 20 minutes between applications.
THERAPY_ON_LIMITS = (60.0, 1800.0)
THERAPY_ON_ADVISED = 1200.0
THERAPY_OFF_MIN = 1200.0
THERAPY_OFF_MOST = 7 * 86400.0  # longer than any skin rest anyone means; bounds a saved value
THERAPY_CYCLES_MOST = 6
# The lengths a pack timer offers to choose from, the advised one first chosen; none over the
# limit.
THERAPY_ON_CHOICES = (600.0, 900.0, 1200.0, 1500.0, 1800.0)

# A preview runs faster, never slower, and at most this much faster.
MIN_SPEED, MAX_SPEED = 1.0, 100.0
