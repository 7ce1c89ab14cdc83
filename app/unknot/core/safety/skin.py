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
# First aid for skin that is not normal after the pack, and when to get advice today: cold
# can leave a cold injury, heat a burn (NHS burns and scalds first aid).
SKIN_FIRST_AID = {
    "ice": (
        "Warm the skin gently with body heat or lukewarm water, not hot; don't rub it.",
        "Get medical advice today if it stays white, grey or waxy, hard or numb.",
    ),
    "heat": (
        "Cool a blister or burn under cool running water for 20 minutes.",
        "Don't put ice or creams on it; cover it loosely with cling film or a clean plastic bag.",
        "Get medical advice today for a burn larger than your hand, on the face or genitals, "
        "white or charred, or on a child, an older person or someone with diabetes.",
    ),
}
REST = "let the skin rest and return to normal"
# What is said first when a saved pack timer could not be read: the pack may still be on.
LOST_TIMER = "A pack may be on"

NORMAL_KEY = "y"
NOT_NORMAL_KEY = "n"


def sentence(words: str) -> str:
    """`words` as a sentence of its own."""
    return f"{words[0].upper()}{words[1:]}."


# After a skin check answered "not normal": no cold or heat pack again that day.
NOT_AGAIN_TODAY = "Don't put a cold or heat pack on again today."
PACK_WORDS = {"ice": "cold pack", "heat": "heat pack"}


def not_again_today(kind: str | None, when: str) -> str:
    """Why no pack starts: what happened (the kind of pack and the time of the check, or a
    saved record of it that could not be read) and what to do, from docs/safety.md."""
    if kind is None:
        return (
            "unknot could not read whether your skin was normal after your last cold or heat "
            f"pack, so it starts no pack again today. Look at your skin: if it is {NOT_NORMAL}, "
            "don't reapply, and get medical advice today."
        )
    first_aid = " ".join(SKIN_FIRST_AID[kind])
    return (
        f"Your skin was not normal after the {PACK_WORDS[kind]} at {when}. {NOT_AGAIN_TODAY} "
        f"{first_aid}"
    )
