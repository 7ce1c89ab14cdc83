"""How the line face asks each of the visit's prompts: its lines, and the typed word as the
answer it takes. One entry per prompt kind in `ASKERS`; a kind without one is a test failure.

The only thing decided here is how to ask on a line (a check-in's questions one at a time, the
function scale an activity a line); what an answer means is the visit's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from unknot.core.durations import format_clock
from unknot.core.engine.prompts import (
    CheckInPrompt,
    ConfirmPrompt,
    DailyAnswer,
    DailyCheckPrompt,
    FunctionAnswer,
    FunctionPrompt,
    HighPainPrompt,
    MessagePrompt,
    NoticePrompt,
    PainPrompt,
    Prompt,
    ReapplyPrompt,
    ReminderAnswer,
    ReminderPrompt,
    RemovePackPrompt,
    SignsPrompt,
    SkinCheckPrompt,
    SkinRestAnswer,
    SkinRestPrompt,
    Snooze,
    StopAnswer,
    StopPrompt,
)
from unknot.core.engine.psfs import MOST_ACTIVITIES, rating
from unknot.core.numbers import typed_number
from unknot.core.safety.checkin import CheckIn, answer
from unknot.core.safety.signs import LEVEL_HEADINGS, Sign
from unknot.core.safety.skin import NORMAL_KEY, NOT_NORMAL, NOT_NORMAL_KEY, SKIN_QUESTION, TOWEL
from unknot.core.text import one_line
from unknot.plain.lines import stop_lines

PAIN_WORDS = "Pain is a number from 0 to 10."
NOTICE = (
    "Move slowly and only as far as is comfortable. Type ! and Enter at any time if you have "
    "a warning sign."
)


class _Marker:
    pass


AGAIN = _Marker()  # that line is no answer to this question: ask again
WAITING = _Marker()  # part of an answer: more lines to come


@dataclass
class Asking:
    """One prompt being asked: the face's clock reading, a way to say a line, and the parts
    of an answer given so far (a check-in's pain then each question, or the activities)."""

    now: float
    say: Callable[[str], None]
    parts: list[Any] = field(default_factory=list)
    line: str = ""  # the line being answered, as typed (activities keep their case)

    def lines(self, lines: list[str]) -> None:
        for text in lines:
            self.say(text)


@dataclass(frozen=True)
class LineAsker:
    """`lines(prompt, asking)`: what is said to ask it (the last line alone when asked
    again). `value(prompt, word, asking)`: the answer, AGAIN or WAITING. `seen`: a notice, said
    when it came and so answered at once. `fresh`: lines typed before it came never answer
    it. `can_quit`: q stops waiting with it still due. `ends_routine`: it covers a running
    routine, so q there asks to end the routine, as q does while the routine runs."""

    lines: Callable[[Any, Asking], list[str]]
    value: Callable[[Any, str, Asking], object]
    seen: bool = False
    fresh: bool = False
    can_quit: bool = False
    ends_routine: bool = False
    # At the end of input: the answer made of the lines given so far, or None.
    partial: Callable[[Asking], object] | None = None


# --- each kind ------------------------------------------------------------------------------


def _stop_lines(prompt: StopPrompt, asking: Asking) -> list[str]:
    said = stop_lines(prompt.stop, prompt.advice)
    if prompt.can_lift:
        return [
            *said,
            "Type e when you have read this, or c if you have been seen by a doctor "
            "or nurse about it or reported it by mistake:",
        ]
    if not prompt.can_skip and not prompt.in_routine:
        return [*said, "Type e when you have read this:"]
    keys = "s to skip this step, or e to end the routine" if prompt.can_skip else "e"
    return [*said, f"Type {keys}:"]


def _stop_value(prompt: StopPrompt, word: str, asking: Asking) -> object:
    if word == "e":
        return StopAnswer.END
    if word == "s" and prompt.can_skip:
        return StopAnswer.SKIP
    if word == "c" and prompt.can_lift:
        return StopAnswer.LIFT
    return AGAIN


def _signs_lines(prompt: SignsPrompt, asking: Asking) -> list[str]:
    return [
        "Warning signs:",
        *sign_lines(list(prompt.signs)),
        "Type the number of the one you have, or Enter to go back:",
    ]


def _signs_value(prompt: SignsPrompt, word: str, asking: Asking) -> object:
    return None if not word else _pick(list(prompt.signs), word)


def _daily_lines(prompt: DailyCheckPrompt, asking: Asking) -> list[str]:
    return [
        "Before you start today: do you have any of these?",
        *sign_lines(list(prompt.signs)),
        "Type its number, or c if none of these apply:",
    ]


def _daily_value(prompt: DailyCheckPrompt, word: str, asking: Asking) -> object:
    return DailyAnswer.NONE_OF_THESE if word == "c" else _pick(list(prompt.signs), word)


def _remove_lines(prompt: RemovePackPrompt, asking: Asking) -> list[str]:
    return [f"REMOVE IT NOW: take the {prompt.words} off, then type o and Enter"]


def _remove_value(prompt: RemovePackPrompt, word: str, asking: Asking) -> object:
    return None if word in ("o", "off") else AGAIN


def _skin_lines(prompt: SkinCheckPrompt, asking: Asking) -> list[str]:
    keys = f"{NORMAL_KEY}/{NOT_NORMAL_KEY}"
    return [f"{SKIN_QUESTION} {NORMAL_KEY} = normal; {NOT_NORMAL_KEY} = {NOT_NORMAL} {keys}"]


def _skin_value(prompt: SkinCheckPrompt, word: str, asking: Asking) -> object:
    if word in (NORMAL_KEY, "yes"):
        return True
    if word in (NOT_NORMAL_KEY, "no"):
        return False
    return AGAIN


def _confirm_lines(prompt: ConfirmPrompt, asking: Asking) -> list[str]:
    return [f"{prompt.question} y/n"]


def _yes_no_value(prompt: object, word: str, asking: Asking) -> object:
    return _yes_no(word)


def _message_lines(prompt: MessagePrompt, asking: Asking) -> list[str]:
    return [f"{prompt.title}: {prompt.text}"]


def _notice_lines(prompt: NoticePrompt, asking: Asking) -> list[str]:
    return [NOTICE]


def _seen(prompt: object, word: str, asking: Asking) -> object:
    return None


def _pain_lines(prompt: PainPrompt, asking: Asking) -> list[str]:
    return [f"{prompt.question} 0 to 10 (Enter skips):"]


def _pain_value(prompt: object, word: str, asking: Asking) -> object:
    pain = _pain(word)
    if pain is AGAIN and word:
        asking.say(PAIN_WORDS)
    return pain


def _high_pain_lines(prompt: HighPainPrompt, asking: Asking) -> list[str]:
    return [prompt.text, "Go on gently anyway? y/n"]


def _checkin_lines(prompt: CheckInPrompt, asking: Asking) -> list[str]:
    step = len(asking.parts)
    if step == 0:
        return [
            f"CHECK-IN: {one_line(prompt.title)}",
            "Pain now, 0 to 10 (Enter skips; q ends the routine):",
        ]
    text, stops_on = prompt.questions[step - 1]
    asked = one_line(text) if text.rstrip().endswith("?") else f"{one_line(text)}?"
    return [f"{asked} y/n ({'y' if stops_on else 'n'} = stop)"]


def _checkin_value(prompt: CheckInPrompt, word: str, asking: Asking) -> object:
    """A check-in a line at a time: its pain, then each question."""
    part = _pain_value(prompt, word, asking) if not asking.parts else _yes_no(word)
    if part is AGAIN:
        return AGAIN
    asking.parts.append(part)
    if len(asking.parts) - 1 < len(prompt.questions):
        asking.lines(_checkin_lines(prompt, asking))
        return WAITING
    pain, *answers = asking.parts
    built = tuple(answer(q, bool(a)) for q, a in zip(prompt.questions, answers, strict=True))
    return CheckIn(pain if isinstance(pain, int) else None, built)


def _skin_rest_lines(prompt: SkinRestPrompt, asking: Asking) -> list[str]:
    left = prompt.ready_at - asking.now
    what = "skip this step" if prompt.in_routine else "cancel"
    if left > 0:
        return [
            f"Let your skin rest {format_clock(left)} more before the {prompt.words} "
            f"goes on. Type c to {what}, or wait."
        ]
    return [
        f"Your skin has rested. Put the {prompt.words} on ({TOWEL}), then press Enter; c to {what}"
    ]


def _skin_rest_value(prompt: SkinRestPrompt, word: str, asking: Asking) -> object:
    if word == "c":
        return SkinRestAnswer.CANCEL
    return SkinRestAnswer.APPLY if not word else AGAIN


def _reapply_lines(prompt: ReapplyPrompt, asking: Asking) -> list[str]:
    return [
        f"You may reapply. Enter starts application {prompt.next_cycle}/{prompt.cycles}; f finishes"
    ]


def _reapply_value(prompt: ReapplyPrompt, word: str, asking: Asking) -> object:
    return False if word == "f" else (True if not word else AGAIN)


def _reminder_lines(prompt: ReminderPrompt, asking: Asking) -> list[str]:
    keys = "d done"
    if prompt.reminder.routine:
        keys += f", r start {prompt.reminder.routine}"
    return [f"{keys}, 1/2/3 snooze 5/10/15 minutes, k skip"]


_SNOOZES = {"1": 5, "2": 10, "3": 15}
_REMINDER_KEYS = {"d": ReminderAnswer.DONE, "r": ReminderAnswer.ROUTINE, "k": ReminderAnswer.SKIP}


def _reminder_value(prompt: ReminderPrompt, word: str, asking: Asking) -> object:
    if word in _SNOOZES:
        return Snooze(_SNOOZES[word])
    return _REMINDER_KEYS.get(word, AGAIN)


_ACTIVITY = re.compile(r"(.*?)\s*[:=]?\s*([0-9]{1,2})")


def _function_lines(prompt: FunctionPrompt, asking: Asking) -> list[str]:
    given, last = len(asking.parts), prompt.activities
    if given == 0:
        lines = [f"THIS WEEK: {prompt.question}"]
        if last:
            named = "; ".join(f"{n}. {one_line(a)}" for n, a in enumerate(last, 1))
            lines.append(f"Last time: {named}. A number alone rates that one again.")
        return [*lines, "Activity 1 and its rating (s skips this week, Enter asks later):"]
    return [f"Activity {given + 1} and its rating (Enter if that is all):"]


def _function_value(prompt: FunctionPrompt, word: str, asking: Asking) -> object:
    """One activity a line, its rating last ("walking to the shop 4"); a rating alone
    rates last week's activity in that place. Empty: done (or not now, before any)."""
    typed = asking.line.strip()
    if not asking.parts and typed.lower() in ("s", "skip"):
        return FunctionAnswer.SKIP_WEEK
    if not typed:
        return rating(asking.parts) if asking.parts else FunctionAnswer.NOT_NOW
    match = _ACTIVITY.fullmatch(typed)
    place = len(asking.parts)
    if match is None:
        asking.say("End the line with its rating, 0 to 10, like: walking to the shop 4")
        return WAITING
    activity = match[1] or (prompt.activities[place] if place < len(prompt.activities) else "")
    score = typed_number(match[2], 0, 10)
    if not activity or score is None:
        asking.say("Name the activity, then its rating from 0 to 10.")
        return WAITING
    asking.parts.append((activity, score))
    if len(asking.parts) == MOST_ACTIVITIES:
        return rating(asking.parts)
    asking.lines(_function_lines(prompt, asking))
    return WAITING


ASKERS: dict[type[Prompt[Any]], LineAsker] = {
    StopPrompt: LineAsker(_stop_lines, _stop_value, fresh=True),
    SignsPrompt: LineAsker(_signs_lines, _signs_value, fresh=True),
    RemovePackPrompt: LineAsker(_remove_lines, _remove_value),
    SkinCheckPrompt: LineAsker(_skin_lines, _skin_value),
    ConfirmPrompt: LineAsker(_confirm_lines, _yes_no_value),
    MessagePrompt: LineAsker(_message_lines, _seen, seen=True),
    NoticePrompt: LineAsker(_notice_lines, _seen, seen=True),
    DailyCheckPrompt: LineAsker(_daily_lines, _daily_value),
    PainPrompt: LineAsker(_pain_lines, _pain_value),
    HighPainPrompt: LineAsker(_high_pain_lines, _yes_no_value),
    CheckInPrompt: LineAsker(_checkin_lines, _checkin_value, ends_routine=True),
    SkinRestPrompt: LineAsker(_skin_rest_lines, _skin_rest_value),
    ReapplyPrompt: LineAsker(_reapply_lines, _reapply_value),
    ReminderPrompt: LineAsker(_reminder_lines, _reminder_value, can_quit=True),
    FunctionPrompt: LineAsker(
        _function_lines, _function_value, partial=lambda a: rating(a.parts) if a.parts else None
    ),
}


def asker(prompt: Prompt[Any]) -> LineAsker:
    return ASKERS[type(prompt)]


# --- small parts -----------------------------------------------------------------------------


def _pick(signs: list[Sign], word: str) -> object:
    number = typed_number(word, 1, len(signs))
    return AGAIN if number is None else signs[number - 1]


def _yes_no(word: str) -> object:
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    return AGAIN


def _pain(word: str) -> object:
    if not word:
        return None
    pain = typed_number(word, 0, 10)
    return AGAIN if pain is None else pain


def sign_lines(signs: list[Sign]) -> list[str]:
    out: list[str] = []
    level = None
    for number, sign in enumerate(signs, 1):
        if sign.level != level:
            level = sign.level
            out.append(LEVEL_HEADINGS[level])
        origin = f" (this {sign.origin})" if sign.origin != "built-in" else ""
        out.append(f"  {number:2d}. {one_line(sign.words)}{origin}")
    return out
