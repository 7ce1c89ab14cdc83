"""Every word a person reads or hears about a cold or heat pack on their skin, written once
(from docs/safety.md) for both faces and the voice, and the keys of the skin check, the same
in both faces."""

from __future__ import annotations

TOWEL = "a thin towel between the pack and your skin"
CARE = {
    "ice": "never put ice straight on the skin",
    "heat": "medium heat at most; don't fall asleep with it on",
}
# What skin that is not normal looks like after a pack: stop, and don't reapply.
NOT_NORMAL = "white, grey or waxy, numb, blistered, or very red and painful"
NOT_NORMAL_SAID = "white, grey or waxy, numb, blistered or very red"  # shorter, to be heard
SKIN_QUESTION = "Look at your skin. Is it normal?"
SKIN_PROBLEM = f"Your skin looked {NOT_NORMAL} after the pack. Don't reapply."
REST = "let the skin rest and return to normal"
# What is said first when a saved pack timer could not be read: the pack may still be on.
LOST_TIMER = "A pack may be on"

NORMAL_KEY = "y"
NOT_NORMAL_KEY = "n"


def sentence(words: str) -> str:
    """`words` as a sentence of its own."""
    return f"{words[0].upper()}{words[1:]}."
