"""The pain diary: the questions a doctor will ask, in one order and one wording, and the
rules of an entry. Both faces render these (a line at a time, or a form) and never decide.

- A yes to the warning-sign question (asked in the catalogue's own words) stops the diary at
  once: nothing more is asked, and the stop is shown.
- An entry with nothing answered is not an entry: it is never saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from unknot.core.safety.signs import DIARY_SIGN, Catalogue, Sign, Stop, stop_for

Kind = Literal["pain", "text", "yes-no"]

OPENING = "Today's pain diary. Press Enter to leave any answer empty."
NOTHING_SAVED = "Nothing was answered, so no diary entry was saved."
CANCELLED = "Cancelled: what you typed in the diary was not saved."


@dataclass(frozen=True)
class Question:
    key: str  # the field of the saved entry
    words: str
    kind: Kind
    sign: Sign | None = None  # a yes is this warning sign


def questions(catalogue: Catalogue) -> tuple[Question, ...]:
    sign = catalogue.get(DIARY_SIGN)
    if sign is None:  # the built-in catalogue always has it; a test's may not
        raise ValueError(f"the warning signs have no {DIARY_SIGN!r}")
    return (
        Question("pain", "Pain now, 0 to 10:", "pain"),
        Question("location", "Where do you feel the pain?", "text"),
        Question("feels", "How does it feel (dull, sharp, burning, aching...)?", "text"),
        Question("spasm_length", "If you had spasms today: how long did they last?", "text"),
        Question("spasm_often", "How often do they come?", "text"),
        Question("stiffness", "Stiffness?", "yes-no"),
        Question("tingling", "Tingling or numbness?", "yes-no"),
        Question("weakness", "Weakness or clumsiness during spasms?", "yes-no"),
        # The warning sign itself, in its own words: never a broad "bladder or bowel
        # problems", which would send a person with constipation to an emergency department.
        Question("bladder_bowel", sign.words, "yes-no", sign),
        Question("medicines", "Medicines you took today, in your own words:", "text"),
        Question("notes", "Anything else?", "text"),
    )


_EMPTY: dict[Kind, Any] = {"pain": None, "text": "", "yes-no": False}


class Diary:
    """One entry being written: answers in, what to ask next and any stop out."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.questions = questions(catalogue)
        self._answers: dict[str, int | str | bool | None] = {}
        self.stop: Stop | None = None

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(f"the diary asks no {key!r}")

    def answer(self, key: str, value: int | str | bool | None) -> Stop | None:
        """Take one answer (pain: 0-10 or None; text: str; yes-no: bool). Returns the stop
        when the answer is a warning sign. A form may still hand over what was typed in its
        other boxes after it; nothing more is asked (`next`)."""
        question = self.question(key)
        if question.kind == "pain":
            if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
                raise ValueError("pain is a number from 0 to 10, or none")
        elif question.kind == "text":
            if not isinstance(value, str):
                raise ValueError(f"{key} is text")
            value = value.strip()
        elif not isinstance(value, bool):
            raise ValueError(f"{key} is yes or no")
        self._answers[key] = value
        if question.sign is not None and value is True and self.stop is None:
            self.stop = stop_for(question.sign)
        return self.stop

    @property
    def next(self) -> Question | None:
        """The next question to ask one at a time; None once all are answered or a stop came."""
        if self.stop is not None:
            return None
        return next((q for q in self.questions if q.key not in self._answers), None)

    @property
    def empty(self) -> bool:
        return all(
            self._answers.get(q.key, _EMPTY[q.kind]) == _EMPTY[q.kind] for q in self.questions
        )

    def values(self) -> dict[str, Any]:
        """Every field of the entry: the answers, and the empty answer for the rest."""
        return {q.key: self._answers.get(q.key, _EMPTY[q.kind]) for q in self.questions}
