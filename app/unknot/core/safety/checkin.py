"""A check-in: pain 0-10 and yes/no answers, and the stop it calls for."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.safety.signs import Stop, pain_needs_stop, pain_stop


@dataclass(frozen=True)
class Answer:
    """One question as it was asked, the answer given, and whether that answer means stop."""

    question: str
    yes: bool
    stops: bool


@dataclass(frozen=True)
class CheckIn:
    pain: int | None
    answers: tuple[Answer, ...] = ()
    note: str = ""

    @property
    def stopping(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.stops)


def question_parts(question: object) -> tuple[str, bool]:
    """(text, the answer that stops: True for yes) of a routine's question: plain text asks
    "yes means stop"; a question with its own polarity says which answer stops."""
    if isinstance(question, str):
        return question, True
    text = getattr(question, "text", None)
    stops_on = getattr(question, "stops_on", True)
    if not isinstance(text, str) or not isinstance(stops_on, bool):
        raise TypeError(f"not a question: {question!r}")
    return text, stops_on


def answer(question: tuple[str, bool], yes: bool) -> Answer:
    """The answer `yes` (True) or no to a question as a check-in prompt holds it:
    (text, the answer that stops)."""
    text, stops_on = question
    return Answer(text, yes, yes == stops_on)


def checkin_stop(check: CheckIn, start_pain: int | None) -> Stop | None:
    """The stop a check-in calls for: pain 8 or more, or 3 above the session's start; else an
    answer that means stop (the routine's own signs: stop this exercise, and see the doctor
    if it happens again)."""
    if check.pain is not None and pain_needs_stop(check.pain, start_pain):
        return pain_stop(check.pain, start_pain)
    stopping = check.stopping
    if stopping:
        first = stopping[0]
        said = "yes" if first.yes else "no"
        return Stop(
            "stop-exercise", f"{first.question} — you answered {said}", "check-in", "doctor"
        )
    return None
