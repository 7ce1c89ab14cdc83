"""The stick figure: poses as joint angles, and the figure drawn in braille dots."""
