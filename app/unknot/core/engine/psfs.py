"""The Patient-Specific Functional Scale: up to three activities the person's back makes hard,
named in their own words, each rated 0 (can't do it) to 10 (as well as before the back
trouble). Asked once a week, it shows change in what the person can do, not only in pain."""

from __future__ import annotations

from dataclasses import dataclass

from unknot.core.text import one_line

MOST_ACTIVITIES = 3
ACTIVITY_MOST = 80  # characters: a few words, like "putting on socks"
EVERY = 7 * 86400.0  # asked at most once a week
QUESTION = (
    "Name up to three activities your back makes hard, in your own words, and rate each: "
    "0 = you can't do it, 10 = as well as before your back trouble."
)


@dataclass(frozen=True)
class FunctionRating:
    """The week's answer: (activity, 0-10) for each named activity, in the order given."""

    ratings: tuple[tuple[str, int], ...]

    @property
    def average(self) -> float:
        # Whole numbers divide correctly rounded, as statistics.mean would give (which costs
        # the engine's start-up its own imports).
        scores = [score for _, score in self.ratings]
        return sum(scores) / len(scores)

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(activity for activity, _ in self.ratings)

    def problem(self) -> str | None:
        """What is wrong with it, or None."""
        if not self.ratings:
            return "Name at least one activity, or skip this week."
        if len(self.ratings) > MOST_ACTIVITIES:
            return f"Name at most {MOST_ACTIVITIES} activities."
        for activity, score in self.ratings:
            if not one_line(activity).strip():
                return "An activity needs a few words."
            if len(activity) > ACTIVITY_MOST:
                return f"Keep each activity to {ACTIVITY_MOST} characters."
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
                return "Each rating is a number from 0 to 10."
        return None


def rating(pairs: list[tuple[str, int | None]]) -> FunctionRating:
    """From what was typed: activities without words are left out, words are kept on one line
    (a rating without a score is left to `problem` to refuse)."""
    kept = tuple(
        (one_line(activity).strip(), -1 if score is None else score)
        for activity, score in pairs
        if one_line(activity).strip()
    )
    return FunctionRating(kept)
